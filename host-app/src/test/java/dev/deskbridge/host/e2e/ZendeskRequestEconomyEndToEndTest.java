package dev.deskbridge.host.e2e;

import static dev.deskbridge.host.e2e.WhatsAppTraffic.BUSINESS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.deskbridge.connector.api.model.PhoneNumber;
import dev.deskbridge.connector.testkit.ManualClock;
import dev.deskbridge.host.store.Conversation;
import dev.deskbridge.host.testing.HostProbe;
import dev.deskbridge.host.testing.MetaWebhooks;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 17: what each event costs in Zendesk requests, counted by the stand-in, with the real host
 * and the built Zendesk plugin. What DeskBridge knows (the ticket, its requester) comes from its own
 * database, never from a search.
 */
class ZendeskRequestEconomyEndToEndTest {
    private static final Instant T0 = Instant.parse("2026-09-01T10:00:00Z");

    @TempDir
    Path home;

    private final ManualClock clock = new ManualClock(T0);
    private WhatsAppTraffic whatsapp;
    private ZendeskStandIn zendesk;
    private RunningHost host;
    private HostProbe probe;

    @BeforeEach
    void start() throws IOException {
        whatsapp = new WhatsAppTraffic();
        zendesk = new ZendeskStandIn();
        // Two attempts only: work that a throttling Zendesk made fail would soon be a dead letter.
        host = zendesk.startHost(home, whatsapp,
                zendesk.hostConfig(whatsapp).replace("max_attempts: 12", "max_attempts: 2"), clock);
        probe = host.probe();
    }

    @AfterEach
    void stop() {
        Received.closeAll(host, whatsapp, zendesk);
    }

    @Test
    void aNewCustomerCostsTwoRequestsAKnownConversationOneAReplyOneAndItsDeliveryOne() {
        PhoneNumber customer = PhoneNumber.of("+12015550150");

        // A new customer: the requester created (or matched) in one call, the ticket in another.
        whatsapp.customerWrites(customer, 0, "Hello, my order has not arrived", T0);
        whatsapp.awaitCustomerMessagesHandled(1);
        assertThat(zendesk.callsSince(0)).as("requests for a new customer's first message")
                .containsExactly("POST /api/v2/users/create_or_update.json", "POST /api/v2/tickets.json");
        Conversation conversation = probe.conversation(BUSINESS, customer).orElseThrow();
        long ticket = Long.parseLong(conversation.ticket().orElseThrow().id());
        assertThat(conversation.ticket().orElseThrow().crmData()).as("the requester, kept in the host's database")
                .hasValueSatisfying(d -> assertThat(d).startsWith("requester:"));

        // A known conversation: comment, window fields and tags in one update.
        int mark = zendesk.callCount();
        whatsapp.customerWrites(customer, 1, "Any news?", T0.plusSeconds(60));
        whatsapp.awaitCustomerMessagesHandled(2);
        assertThat(zendesk.callsSince(mark)).as("requests for a known conversation's message")
                .containsExactly("PUT /api/v2/tickets/" + ticket + ".json");
        assertThat(zendesk.comments(ticket)).extracting(ZendeskStandIn.Comment::body)
                .containsExactly("Hello, my order has not arrived", "Any news?");

        // An agent answers: the trigger's body says what the ticket is (tags, requester, conversation),
        // so one request reads the comment with its author sideloaded; the reply is sent.
        clock.set(T0.plus(Duration.ofMinutes(5)));
        mark = zendesk.callCount();
        long comment = zendesk.agentComment(ticket, "It ships today.");
        assertThat(postZendesk(webhookBody(ticket, comment, conversation)).statusCode()).isEqualTo(200);
        whatsapp.awaitSends(1);
        probe.await("the reply handled", () -> probe.count("SELECT COUNT(*) FROM inbox WHERE status <> 'DONE'") == 0);
        List<String> reading = zendesk.callsSince(mark);
        assertThat(reading).as("requests to read an agent's reply").containsExactly(
                "GET /api/v2/tickets/" + ticket + "/comments.json");

        // The reply is delivered: one tag change, nothing else.
        probe.await("the send ledgered", () -> probe.ledger(conversation.id()).stream()
                .anyMatch(e -> e.direction().equals("OUT") && e.providerMessageId().isPresent()));
        String wamid = probe.ledger(conversation.id()).stream().filter(e -> e.direction().equals("OUT"))
                .findFirst().orElseThrow().providerMessageId().orElseThrow();
        mark = zendesk.callCount();
        assertThat(whatsapp.postMeta(MetaWebhooks.status(wamid, customer.e164(), "delivered", clock.instant(), false,
                "service", "free_customer_service")).statusCode()).isEqualTo(200);
        probe.await("the status handled", () -> probe.count("SELECT COUNT(*) FROM inbox WHERE status <> 'DONE'") == 0
                && probe.count("SELECT COUNT(*) FROM inbox WHERE event_type = 'DELIVERY_UPDATE'") >= 1);
        assertThat(zendesk.callsSince(mark)).as("requests for the reply's delivery")
                .containsExactly("PUT /api/v2/tickets/" + ticket + ".json");
        assertThat(probe.count("SELECT COUNT(*) FROM dead_letters")).isZero();
    }

    @Test
    void aReplyFromATriggerSetUpByAnOlderDeskBridgeCostsTheTicketReadMore() {
        PhoneNumber customer = PhoneNumber.of("+12015550151");
        whatsapp.customerWrites(customer, 0, "Hello", T0);
        whatsapp.awaitCustomerMessagesHandled(1);
        Conversation conversation = probe.conversation(BUSINESS, customer).orElseThrow();
        long ticket = Long.parseLong(conversation.ticket().orElseThrow().id());

        clock.set(T0.plus(Duration.ofMinutes(5)));
        int mark = zendesk.callCount();
        long comment = zendesk.agentComment(ticket, "Hello from support.");
        assertThat(postZendesk(ZendeskStandIn.olderWebhookBody(ticket, comment, conversation)).statusCode())
                .isEqualTo(200);
        whatsapp.awaitSends(1);
        probe.await("the reply handled", () -> probe.count("SELECT COUNT(*) FROM inbox WHERE status <> 'DONE'") == 0);

        assertThat(zendesk.callsSince(mark)).as("requests to read a reply whose body names only the comment")
                .containsExactly("GET /api/v2/tickets/" + ticket + ".json",
                        "GET /api/v2/tickets/" + ticket + "/comments.json");
        assertThat(probe.count("SELECT COUNT(*) FROM dead_letters")).isZero();
    }

    @Test
    void aLowAllowanceThenThrottlingSlowTheRouteDownAndNoWorkFails() {
        // Six requests every two seconds, told on every answer; two more requests throttled on top.
        zendesk.limitTo(new Allowance(6, 2000));
        zendesk.failures.failNext(2, call -> zendesk.callCount() > 4, FailurePlan.Failure.THROTTLED);
        List<PhoneNumber> customers = java.util.stream.IntStream.range(0, 8)
                .mapToObj(i -> PhoneNumber.of("+1201555016" + i)).toList();
        for (PhoneNumber customer : customers) {
            whatsapp.customerWrites(customer, 0, "Hello from " + customer.e164(), T0);
        }

        whatsapp.awaitCustomerMessagesHandled(customers.size());
        for (PhoneNumber customer : customers) {
            long ticket = Long.parseLong(probe.conversation(BUSINESS, customer).orElseThrow().ticket().orElseThrow().id());
            assertThat(zendesk.comments(ticket)).extracting(ZendeskStandIn.Comment::body)
                    .containsExactly("Hello from " + customer.e164());
        }
        assertThat(zendesk.ticketCount()).isEqualTo(customers.size());
        assertThat(probe.count("SELECT COUNT(*) FROM dead_letters")).isZero();
        List<Long> resent = zendesk.resentAfterThrottling();
        System.out.println("ZendeskRequestEconomyEndToEndTest: " + zendesk.callCount() + " requests, throttled ones "
                + "sent again after (ms) " + resent);
        assertThat(resent).as("throttled requests, each sent again only after its Retry-After (ms)")
                .hasSizeGreaterThanOrEqualTo(2).allSatisfy(gap -> assertThat(gap).isGreaterThanOrEqualTo(900));
        assertThat(zendesk.failures.usedUp()).isTrue();
    }

    @Test
    void aRetryAfterGivenAsAnHttpDateIsWaitedOutAndNoLonger() {
        // Before RetryAfter the plugin read only seconds: a date left it waiting a whole minute.
        zendesk.failures.failNext(1, call -> call.is("POST", "/api/v2/tickets\\.json"),
                FailurePlan.Failure.THROTTLED_UNTIL);
        PhoneNumber customer = PhoneNumber.of("+12015550170");

        whatsapp.customerWrites(customer, 0, "Hello, is anyone there?", T0);
        whatsapp.awaitCustomerMessagesHandled(1);

        long ticket = Long.parseLong(probe.conversation(BUSINESS, customer).orElseThrow().ticket().orElseThrow().id());
        assertThat(zendesk.comments(ticket)).extracting(ZendeskStandIn.Comment::body)
                .containsExactly("Hello, is anyone there?");
        assertThat(zendesk.ticketCount()).isEqualTo(1);
        assertThat(zendesk.failures.usedUp()).isTrue();
        assertThat(zendesk.resentAfterThrottling()).as("the throttled ticket creation, sent again after (ms)")
                .singleElement().satisfies(gap -> assertThat(gap).isBetween(900L, 10_000L));
        assertThat(probe.count("SELECT COUNT(*) FROM dead_letters")).isZero();
    }

    private static String webhookBody(long ticket, long comment, Conversation conversation) {
        return ZendeskStandIn.webhookBody(ticket, comment, conversation);
    }

    private HttpResponse<String> postZendesk(String json) {
        return ZendeskStandIn.postWebhook(probe, clock.instant(), json);
    }
}
