package dev.deskbridge.host.e2e;

import static dev.deskbridge.host.e2e.WhatsAppTraffic.BUSINESS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.deskbridge.connector.api.model.PhoneNumber;
import dev.deskbridge.connector.testkit.ManualClock;
import dev.deskbridge.host.costs.LedgerQueries;
import dev.deskbridge.host.store.Conversation;
import dev.deskbridge.host.store.LedgerEntry;
import dev.deskbridge.host.testing.HostProbe;
import dev.deskbridge.host.testing.MetaWebhooks;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Currency;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a Zendesk ticket shows of its conversation (the "cost so far" and "closes at" fields, the
 * window tag) follows the ledger and the window, with the real host and the built Zendesk plugin
 * against the remembering stand-in. Business time is November 2026 (PMP-2026-10: a reply inside the
 * window is billed as service, so the ledger has something to show).
 */
class ZendeskTicketStatusEndToEndTest {
    private static final Instant T0 = Instant.parse("2026-11-02T10:00:00Z");
    private static final long WINDOW_FIELD = 360001;
    private static final long COST_FIELD = 360002;
    private static final Currency USD = Currency.getInstance("USD");

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
    void theCostFieldShowsTheLedgersTotalAfterRepliesAreSentAndSettled() {
        PhoneNumber customer = PhoneNumber.of("+12015550180");
        whatsapp.customerWrites(customer, 0, "Where is my order?", T0);
        whatsapp.awaitCustomerMessagesHandled(1);
        Conversation conversation = probe.conversation(BUSINESS, customer).orElseThrow();
        long ticket = Long.parseLong(conversation.ticket().orElseThrow().id());
        assertThat(zendesk.field(ticket, COST_FIELD)).contains("0.00 USD");

        // Two billed replies: the first is settled at its quote, the second Meta does not bill.
        String first = reply(conversation, ticket, 1, "It ships today.");
        String second = reply(conversation, ticket, 2, "Tracking follows by email.");
        BigDecimal quoted = cost(conversation);
        assertThat(quoted).as("two billed service replies quoted").isPositive();
        awaitIdle();

        // The delivery writes its tag and the cost it settled in one request (issue 17: a delivery with its
        // status change costs at most one).
        int mark = zendesk.callCount();
        deliver(customer, first, true);
        probe.await("the first reply settled", () -> probe.ledger(conversation.id()).stream()
                .filter(e -> e.direction().equals("OUT")).anyMatch(e -> e.status().equals("SETTLED")));
        awaitIdle();
        assertThat(zendesk.callsSince(mark)).as("requests for a billed reply's delivery")
                .containsExactly("PUT /api/v2/tickets/" + ticket + ".json");
        assertThat(zendesk.field(ticket, COST_FIELD)).as("the cost field once the first reply was delivered")
                .contains(shown(cost(conversation)));
        deliver(customer, second, false);
        probe.await("both replies settled", () -> probe.ledger(conversation.id()).stream()
                .filter(e -> e.direction().equals("OUT")).allMatch(e -> e.status().equals("SETTLED")));
        awaitIdle();
        BigDecimal settled = cost(conversation);
        assertThat(settled).as("the ledger after the second reply was not billed").isPositive().isLessThan(quoted);
        assertThat(zendesk.field(ticket, COST_FIELD)).as("the cost field once the replies were settled")
                .contains(shown(settled));
        assertThat(probe.count("SELECT COUNT(*) FROM dead_letters")).isZero();
    }

    @Test
    void aTicketShowsTheWindowClosedOnceItsEndHasPassed() {
        PhoneNumber customer = PhoneNumber.of("+12015550181");
        whatsapp.customerWrites(customer, 0, "Hello?", T0);
        whatsapp.awaitCustomerMessagesHandled(1);
        Conversation conversation = probe.conversation(BUSINESS, customer).orElseThrow();
        long ticket = Long.parseLong(conversation.ticket().orElseThrow().id());
        assertThat(zendesk.tags(ticket)).contains("wa_window_open");

        // Past the window's end: the window watcher (every 30 s) queues the ticket's status update.
        clock.set(T0.plus(Duration.ofHours(24)).plusSeconds(60));
        probe.await("the ticket shows the window closed", () -> zendesk.tags(ticket).contains("wa_window_closed"));
        awaitIdle();
        assertThat(zendesk.tags(ticket)).doesNotContain("wa_window_open", "wa_window_closing");
        assertThat(zendesk.field(ticket, WINDOW_FIELD)).contains("closed since 2026-11-03 10:00 UTC");
        assertThat(probe.count("SELECT COUNT(*) FROM dead_letters")).isZero();
    }

    /** An agent answers on the ticket; the reply is sent and its ledger row has Meta's id. */
    private String reply(Conversation conversation, long ticket, int n, String text) {
        clock.set(T0.plus(Duration.ofMinutes(5L * n)));
        long comment = zendesk.agentComment(ticket, text);
        assertThat(ZendeskStandIn.postWebhook(probe, clock.instant(), ZendeskStandIn.webhookBody(ticket, comment,
                conversation)).statusCode()).isEqualTo(200);
        whatsapp.awaitSends(n);
        probe.await("reply " + n + " ledgered", () -> outbound(conversation).size() == n
                && outbound(conversation).stream().allMatch(e -> e.providerMessageId().isPresent()));
        return outbound(conversation).get(n - 1).providerMessageId().orElseThrow();
    }

    private List<LedgerEntry> outbound(Conversation conversation) {
        return probe.ledger(conversation.id()).stream().filter(e -> e.direction().equals("OUT")).toList();
    }

    private void deliver(PhoneNumber customer, String wamid, boolean billable) {
        assertThat(whatsapp.postMeta(MetaWebhooks.status(wamid, customer.e164(), "delivered", clock.instant(),
                billable, "service", "regular")).statusCode()).isEqualTo(200);
    }

    private BigDecimal cost(Conversation conversation) {
        return probe.sql(c -> LedgerQueries.conversationCost(c, conversation.id(), USD)).amount();
    }

    /** The field's text for an amount, as the plugin writes it: at least two decimals ({@code 0.004 USD}). */
    private static String shown(BigDecimal amount) {
        BigDecimal plain = amount.stripTrailingZeros();
        return (plain.scale() < 2 ? plain.setScale(2) : plain).toPlainString() + " USD";
    }

    private void awaitIdle() {
        probe.await("the inbox and outbox handled", () -> probe.count("SELECT COUNT(*) FROM inbox WHERE status "
                + "<> 'DONE'") == 0 && probe.count("SELECT COUNT(*) FROM outbox WHERE status <> 'DONE'") == 0);
    }
}
