package dev.deskbridge.host.e2e;

import static dev.deskbridge.host.e2e.FailurePlan.Failure.APPLIED_THEN_UNAVAILABLE;
import static dev.deskbridge.host.e2e.FailurePlan.Failure.RESET;
import static dev.deskbridge.host.e2e.FailurePlan.Failure.THROTTLED;
import static dev.deskbridge.host.e2e.FailurePlan.Failure.UNAVAILABLE;
import static dev.deskbridge.host.e2e.WhatsAppTraffic.BUSINESS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.deskbridge.connector.api.model.PhoneNumber;
import dev.deskbridge.connector.testkit.ManualClock;
import dev.deskbridge.host.store.Conversation;
import dev.deskbridge.host.store.Jdbc;
import dev.deskbridge.host.store.LedgerEntry;
import dev.deskbridge.host.testing.Await;
import dev.deskbridge.host.testing.HostProbe;
import dev.deskbridge.host.testing.MetaWebhooks;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Issue 12 end to end with the built Zendesk plugin: nothing acknowledged is lost and nothing is
 * written twice while Zendesk fails, or while Meta's answer to a send is lost. Zendesk is a stand-in that remembers every comment with the
 * metadata of the update that wrote it ({@link ZendeskStandIn}); Meta's Graph API is WireMock.
 * Every webhook is sent three times, two of them at once.
 */
class ZendeskUnderFailureEndToEndTest {
    private static final Instant T0 = Instant.parse("2026-09-01T10:00:00Z");
    private static final String ZENDESK_API_TOKEN = "zd-api-token-0123456789";

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
        host = zendesk.startHost(home, whatsapp, zendesk.hostConfig(whatsapp), clock);
        probe = host.probe();
    }

    @AfterEach
    void stop() {
        Received.closeAll(host, whatsapp, zendesk);
    }

    @Test
    void aSignedWebhookWhileZendeskIsDownIsAcknowledgedAndItsReplyGoesOutOnceZendeskIsBack() {
        PhoneNumber customer = PhoneNumber.of("+12015550140");
        whatsapp.customerWrites(customer, 0, "Is anyone there?", T0.minusSeconds(5));
        Conversation conversation = whatsapp.awaitTicket(customer);
        long ticket = Long.parseLong(conversation.ticket().orElseThrow().id());
        long comment = zendesk.agentComment(ticket, "Yes, we are here.");

        // Zendesk answers 503, then refuses connections: the webhook is still taken and kept.
        zendesk.failures.down(UNAVAILABLE);
        String webhook = webhookBody(ticket, comment, conversation);
        assertThat(postZendesk(webhook).statusCode()).isEqualTo(200);
        assertThat(postZendesk(webhook).statusCode()).as("a repeated delivery").isEqualTo(200);
        // Acknowledged from the intake journal: in the inbox a moment later, once.
        probe.await("the webhook in the inbox", () -> probe.count("SELECT COUNT(*) FROM inbox WHERE "
                + "event_type = 'CRM_WEBHOOK'") >= 1);
        assertThat(probe.count("SELECT COUNT(*) FROM inbox WHERE event_type = 'CRM_WEBHOOK'")).isEqualTo(1);
        probe.await("a read that failed on the 503", () -> probe.count("SELECT COUNT(*) FROM inbox WHERE "
                + "event_type = 'CRM_WEBHOOK' AND attempts >= 1 AND last_error LIKE '%503%'") == 1);
        zendesk.failures.down(RESET);
        int failures = zendesk.failures.served();
        probe.await("a read that failed on the dropped connection", () -> zendesk.failures.served() > failures);
        assertThat(whatsapp.sends()).isEmpty();

        zendesk.failures.up();
        probe.await("the reply sent", () -> whatsapp.sends().size() == 1);
        assertThat(whatsapp.textsTo(customer)).containsExactly("Yes, we are here.");
        assertThat(probe.count("SELECT COUNT(*) FROM dead_letters")).isZero();
    }

    @Test
    void everyMessageIsOneCommentAndEveryReplyOneSendThroughRepeatsBurstsAndOutOfOrderStatuses() {
        List<PhoneNumber> customers = List.of(PhoneNumber.of("+12015550141"), PhoneNumber.of("+12015550142"),
                PhoneNumber.of("+12015550143"));
        List<String> texts = List.of("ok", "where is my order?", "ok");
        Map<PhoneNumber, Long> tickets = new HashMap<>();
        Map<Long, Long> requesters = new HashMap<>();

        // 1. Each customer's first message opens a ticket, with a throttling burst on the way.
        zendesk.failures.failNext(4, call -> true, THROTTLED);
        for (PhoneNumber customer : customers) {
            whatsapp.customerWrites(customer, 0, texts.get(0), T0);
        }
        for (PhoneNumber customer : customers) {
            long ticket = Long.parseLong(whatsapp.awaitTicket(customer).ticket().orElseThrow().id());
            tickets.put(customer, ticket);
            requesters.put(ticket, zendesk.comments(ticket).get(0).author());
        }

        // 2. The identical texts go on while Zendesk fails. Customer 1: the second "ok" is throttled
        //    before it is written (its retry must still write it). Customer 2: the second "ok" is applied
        //    but answered 503 (its retry must find it by its marker, not write it again). Customer 3: 503s
        //    and a dropped connection on its writes.
        long t1 = tickets.get(customers.get(0));
        long t2 = tickets.get(customers.get(1));
        long t3 = tickets.get(customers.get(2));
        zendesk.failures.failNext(2, call -> call.is("PUT", "/api/v2/tickets/" + t1 + "\\.json")
                && call.body().contains("\"comment\"") && zendesk.comments(t1).size() == 2, THROTTLED);
        zendesk.failures.failNext(1, call -> call.is("PUT", "/api/v2/tickets/" + t2 + "\\.json")
                && call.body().contains("\"comment\"") && zendesk.comments(t2).size() == 2, APPLIED_THEN_UNAVAILABLE);
        zendesk.failures.failNext(2, call -> call.is("PUT", "/api/v2/tickets/" + t3 + "\\.json")
                && call.body().contains("\"comment\""), UNAVAILABLE);
        zendesk.failures.failNext(1, call -> call.is("PUT", "/api/v2/tickets/" + t3 + "\\.json")
                && call.body().contains("\"comment\""), RESET);
        for (int i = 1; i < texts.size(); i++) {
            for (PhoneNumber customer : customers) {
                whatsapp.customerWrites(customer, i, texts.get(i), T0.plusSeconds(i));
            }
        }
        whatsapp.awaitCustomerMessagesHandled(customers.size() * texts.size());
        for (PhoneNumber customer : customers) {
            long ticket = tickets.get(customer);
            assertThat(zendesk.comments(ticket)).as("comments on ticket %s", ticket)
                    .extracting(ZendeskStandIn.Comment::body).containsExactlyElementsOf(texts);
            assertThat(zendesk.comments(ticket)).allSatisfy(c -> assertThat(c.author()).isEqualTo(requesters.get(ticket)));
            assertThat(zendesk.comments(ticket)).extracting(c -> c.marker().get("deskbridge_event"))
                    .as("each comment marked with its own message").doesNotHaveDuplicates().doesNotContainNull();
        }
        assertThat(zendesk.ticketCount()).isEqualTo(customers.size());
        assertThat(zendesk.failures.usedUp()).as("every planned failure happened").isTrue();

        // 3. Agents answer, twice "ok" among them; each webhook comes three times while reads fail.
        clock.set(T0.plus(Duration.ofMinutes(30)));
        List<String> answers = List.of("Your order ships today.", "ok", "ok");
        zendesk.failures.failNext(3, call -> call.is("GET", "/api/v2/tickets/\\d+/comments\\.json"), UNAVAILABLE);
        // The trigger's body says what the ticket is, so the comments read is the only request a reply makes.
        zendesk.failures.failNext(2, call -> call.is("GET", "/api/v2/tickets/\\d+/comments\\.json"), THROTTLED);
        for (String answer : answers) {
            for (PhoneNumber customer : customers) {
                long ticket = tickets.get(customer);
                long comment = zendesk.agentComment(ticket, answer);
                Conversation conversation = probe.conversation(BUSINESS, customer).orElseThrow();
                whatsapp.sendThreeTimes(this::postZendesk, webhookBody(ticket, comment, conversation));
            }
        }
        int expectedSends = customers.size() * answers.size();
        whatsapp.awaitSends(expectedSends);
        for (PhoneNumber customer : customers) {
            assertThat(whatsapp.textsTo(customer)).as("what %s received", customer)
                    .containsExactlyInAnyOrderElementsOf(answers);
        }

        // 4. Statuses come back out of order (read before delivered before sent), each three times.
        clock.set(T0.plus(Duration.ofMinutes(31)));
        whatsapp.settleOutOfOrderAndCheckTheLedger(customers, clock.instant(), expectedSends);
        for (PhoneNumber customer : customers) {
            // Nothing more reached the ticket: statuses only move tags.
            assertThat(zendesk.comments(tickets.get(customer))).hasSize(texts.size() + answers.size());
        }
        assertThat(probe.count("SELECT COUNT(*) FROM dead_letters")).isZero();
        assertThat(zendesk.failures.served()).isGreaterThanOrEqualTo(15);
    }

    /**
     * An agent's reply that Meta took, its answer lost: a 200 whose body ends before the message id (in
     * RealPathBenchmark the connection closed mid-body: the host dead-lettered it as a permanent failure
     * and told the agents it could not be sent, though the customer had it), or a connection that ends
     * before any answer (in RealPathBenchmark the host sent the reply again at once, and the customer got
     * it twice). Meta's statuses name the send by the outbox id it carried in {@code
     * biz_opaque_callback_data}: the message takes the wamid from them, and the retry, which would wait up to 30 s
     * for them, sends nothing.
     */
    @ParameterizedTest
    @EnumSource(WhatsAppTraffic.LostAnswer.class)
    void aReplyMetaTookWithItsAnswerLostReachesTheCustomerOnceAndEndsWithMetasWamidDelivered(
            WhatsAppTraffic.LostAnswer how) {
        PhoneNumber customer = PhoneNumber.of("+12015550160");
        whatsapp.customerWrites(customer, 0, "Where is my parcel?", T0.minusSeconds(5));
        Conversation conversation = whatsapp.awaitTicket(customer);
        long ticket = Long.parseLong(conversation.ticket().orElseThrow().id());

        whatsapp.takeNextSendAndLoseItsAnswer(how);
        long comment = zendesk.agentComment(ticket, "It arrives tomorrow.");
        assertThat(postZendesk(webhookBody(ticket, comment, conversation)).statusCode()).isEqualTo(200);

        // Meta took it; the host could not read the answer: waiting, not failed.
        probe.await("the send whose answer was lost", () -> whatsapp.sends().size() == 1 && probe.count(
                "SELECT COUNT(*) FROM outbox WHERE status = 'PENDING' AND send_started_at IS NOT NULL "
                        + "AND last_error IS NOT NULL") == 1);
        long outboxId = probe.sql(c -> Jdbc.queryOne(c, "SELECT id FROM outbox", rs -> rs.getLong(1))).orElseThrow();
        assertThat(whatsapp.sends().get(0).path("biz_opaque_callback_data").asText())
                .as("the send names its outbox item").isEqualTo(String.valueOf(outboxId));
        assertThat(probe.count("SELECT COUNT(*) FROM dead_letters")).isZero();

        // Meta reports the message it took (its wamid only here), echoing what the send carried.
        String wamid = "wamid.TAKEN-" + customer.digits();
        for (String status : List.of("sent", "delivered")) {
            assertThat(whatsapp.postMeta(MetaWebhooks.statusOfSend(wamid, customer.e164(), status, clock.instant(),
                    String.valueOf(outboxId))).statusCode()).isEqualTo(200);
        }
        probe.await("the reply with Meta's wamid, delivered", () -> probe.count("SELECT COUNT(*) FROM messages WHERE "
                + "direction = 'OUT' AND provider_message_id = ? AND status = 'DELIVERED'", wamid) == 1);

        // The retry finds the wamid and sends nothing (one that runs before the statuses waits 30 s for them).
        Await.until("the outbox item done", Duration.ofSeconds(90),
                () -> probe.count("SELECT COUNT(*) FROM outbox WHERE status = 'DONE'") == 1);
        probe.await("nothing pending", () -> probe.count("SELECT COUNT(*) FROM inbox WHERE status <> 'DONE'") == 0);

        assertThat(whatsapp.textsTo(customer)).as("what the customer received").containsExactly("It arrives tomorrow.");
        assertThat(probe.count("SELECT COUNT(*) FROM dead_letters")).isZero();
        assertThat(probe.count("SELECT COUNT(*) FROM messages WHERE direction = 'OUT'")).isEqualTo(1);
        assertThat(probe.count("SELECT COUNT(*) FROM outbox WHERE provider_message_id = ?", wamid)).isEqualTo(1);
        assertThat(probe.count("SELECT COUNT(*) FROM inbox WHERE event_id LIKE 'notice:DELIVERY_FAILED:%'")).isZero();
        assertThat(probe.count("SELECT COUNT(*) FROM inbox WHERE event_id LIKE 'notice:POSSIBLE_DUPLICATE:%'")).isZero();
        List<LedgerEntry> out = probe.ledger(conversation.id()).stream().filter(e -> e.direction().equals("OUT"))
                .toList();
        assertThat(out).singleElement().satisfies(e -> {
            assertThat(e.providerMessageId()).contains(wamid);
            assertThat(e.status()).isNotEqualTo("FAILED");
        });
        assertThat(zendesk.comments(ticket)).extracting(ZendeskStandIn.Comment::body)
                .noneMatch(b -> b.contains("could not be sent")).noneMatch(b -> b.contains("twice"));
    }

    private static String webhookBody(long ticket, long comment, Conversation conversation) {
        return ZendeskStandIn.webhookBody(ticket, comment, conversation);
    }

    private HttpResponse<String> postZendesk(String json) {
        return ZendeskStandIn.postWebhook(probe, clock.instant(), json);
    }
}
