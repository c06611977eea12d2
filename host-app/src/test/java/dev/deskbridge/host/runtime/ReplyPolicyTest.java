package dev.deskbridge.host.runtime;

import static dev.deskbridge.host.testing.HostFixture.BUSINESS;
import static dev.deskbridge.host.testing.HostFixture.CUSTOMER;
import static org.assertj.core.api.Assertions.assertThat;

import dev.deskbridge.connector.api.pricing.Money;
import dev.deskbridge.connector.api.pricing.WindowPhase;
import dev.deskbridge.host.admin.StoreAdminQueries;
import dev.deskbridge.host.config.ReplyPolicy;
import dev.deskbridge.host.pricing.RateCardLoader;
import dev.deskbridge.host.pricing.WhatsAppPricingRules;
import dev.deskbridge.host.store.Jdbc;
import dev.deskbridge.host.testing.Await;
import dev.deskbridge.host.testing.HostFixture;
import dev.deskbridge.host.testing.HttpJsonCrm;
import dev.deskbridge.host.testing.TestChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Currency;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The route's policy outside the window, its monthly budget, and the window-closing warning. */
class ReplyPolicyTest {
    @TempDir
    Path dir;

    private static String ticketAfterCustomerWrites(HostFixture f) {
        f.postChannel(TestChannel.messageWebhook("e1", "wamid.in-1", BUSINESS, CUSTOMER, "Hi", HostFixture.START));
        f.await("ticket", () -> f.count("SELECT COUNT(*) FROM conversations WHERE ticket_id IS NOT NULL") == 1);
        return f.sql(c -> Jdbc.queryOne(c, "SELECT ticket_id FROM conversations", rs -> rs.getString(1)).orElseThrow());
    }

    @Test
    void refuseSendsNothingAndTellsAgentsWhatTheTemplateWouldHaveCost() {
        try (HostFixture f = HostFixture.in(dir).policy(ReplyPolicy.REFUSE).start()) {
            String ticket = ticketAfterCustomerWrites(f);
            f.clock.advance(Duration.ofHours(25));
            f.postCrm(HttpJsonCrm.replyWebhook("r1", ticket, "Sorry for the wait", f.clock.instant()));
            f.await("refusal noted", () -> f.notes("REPLY_REFUSED_POLICY").size() == 1);
            String note = f.notes("REPLY_REFUSED_POLICY").get(0).getBodyAsString();
            assertThat(note).contains("\"quote\":\"0.004").contains("would have cost 0.0040 USD");
            f.awaitIdle();
            assertThat(f.channel.sent()).isEmpty();
            assertThat(f.count("SELECT COUNT(*) FROM outbox")).isZero();
            assertThat(f.count("SELECT COUNT(*) FROM cost_ledger")).isZero();
            assertThat(f.count("SELECT COUNT(*) FROM held_replies")).isZero();
        }
    }

    @Test
    void aBillableSendBeyondTheMonthlyBudgetIsRefused() {
        try (HostFixture f = HostFixture.in(dir).budget(Money.of("0.0050", "USD")).start()) {
            String ticket = ticketAfterCustomerWrites(f);
            f.clock.advance(Duration.ofHours(25));
            // The first template (0.0040) fits the budget of 0.0050...
            f.postCrm(HttpJsonCrm.replyWebhook("r1", ticket, "Still there?", f.clock.instant()));
            f.await("template sent", () -> f.channel.sent().size() == 1);
            // ...a second re-engagement, after a failed template, would not.
            f.postChannel(TestChannel.statusWebhook("s1", "out-1", CUSTOMER, "delivered", f.clock.instant(), true,
                    "utility", "regular"));
            f.await("settled", () -> f.count("SELECT COUNT(*) FROM cost_ledger WHERE status = 'SETTLED'") == 1);
            f.sql(c -> Jdbc.update(c, "UPDATE conversations SET reengaged_at = NULL"));
            f.postCrm(HttpJsonCrm.replyWebhook("r2", ticket, "Hello?", f.clock.instant()));
            f.await("budget refusal noted", () -> f.notes("REPLY_REFUSED_BUDGET").size() == 1);
            assertThat(f.notes("REPLY_REFUSED_BUDGET").get(0).getBodyAsString())
                    .contains("monthly budget of 0.0050 USD").contains("0.004 USD spent");
            f.awaitIdle();
            assertThat(f.channel.sent()).hasSize(1);
            assertThat(f.count("SELECT COUNT(*) FROM held_replies")).isEqualTo(1);
        }
    }

    /** The rate card shipped with DeskBridge: its rows start 2026-10-01, after the fixture's clock. */
    private static WhatsAppPricingRules shippedCard() {
        return new WhatsAppPricingRules(RateCardLoader.defaultCard());
    }

    @Test
    void aReplyTheRateCardCannotPriceIsToldOnTheTicketAndKeptForReplay() {
        try (HostFixture f = HostFixture.in(dir).pricing(shippedCard()).start()) {
            String ticket = ticketAfterCustomerWrites(f);
            // Closed: the reply needs the re-engagement template, which the card has no price for yet.
            f.clock.advance(Duration.ofHours(25));
            f.postCrm(HttpJsonCrm.replyWebhook("r1", ticket, "Sorry for the wait", f.clock.instant()));
            Await.until("refusal noted", () -> f.notes("REPLY_REFUSED_POLICY").size() == 1);
            f.awaitIdle();
            assertThat(f.notes("REPLY_REFUSED_POLICY").get(0).getBodyAsString())
                    .contains("no rate is known for the customer's market at this date")
                    .contains("market NORTH_AMERICA").contains("[no_rate]").contains("Nothing was sent");
            assertThat(f.channel.sent()).isEmpty();
            assertThat(f.count("SELECT COUNT(*) FROM outbox")).isZero();
            assertThat(f.count("SELECT COUNT(*) FROM held_replies")).isZero();
            assertThat(f.count("SELECT COUNT(*) FROM dead_letters WHERE queue = 'INBOX'")).as("kept for replay")
                    .isEqualTo(1);

            // The card covers the date now: the operator's replay decides it again, with one note of each.
            f.clock.set(Instant.parse("2026-10-02T10:00:00Z"));
            try (StoreAdminQueries admin = StoreAdminQueries.over(f.host.database(), shippedCard(),
                    Duration.ofHours(2), Currency.getInstance("USD"), List::of, f.clock)) {
                assertThat(admin.replayAll()).isEqualTo(1);
            }
            f.host.engine().wakeOutbox();
            Await.until("template sent", () -> f.channel.sent().size() == 1);
            Await.until("reply held", () -> f.notes("REPLY_HELD").size() == 1);
            f.awaitIdle();
            assertThat(f.notes("REPLY_REFUSED_POLICY")).hasSize(1);
            assertThat(f.count("SELECT COUNT(*) FROM held_replies")).isEqualTo(1);
        }
    }

    @Test
    void theRefusePolicyRefusesWhenTheTemplateItWouldQuoteCannotBePriced() {
        try (HostFixture f = HostFixture.in(dir).policy(ReplyPolicy.REFUSE).pricing(shippedCard()).start()) {
            String ticket = ticketAfterCustomerWrites(f);
            f.clock.advance(Duration.ofHours(25));
            f.postCrm(HttpJsonCrm.replyWebhook("r1", ticket, "Sorry for the wait", f.clock.instant()));
            Await.until("refusal noted", () -> f.notes("REPLY_REFUSED_POLICY").size() == 1);
            f.awaitIdle();
            assertThat(f.notes("REPLY_REFUSED_POLICY").get(0).getBodyAsString())
                    .contains("policy is to refuse replies outside the window").doesNotContain("would have cost");
            assertThat(f.channel.sent()).isEmpty();
            assertThat(f.count("SELECT COUNT(*) FROM dead_letters")).isZero();
        }
    }

    @Test
    void theCrmIsWarnedOnceBeforeAnUnansweredWindowCloses() {
        try (HostFixture f = HostFixture.in(dir).start()) {
            String ticket = ticketAfterCustomerWrites(f);
            f.clock.advance(Duration.ofHours(21).plusMinutes(59));
            assertThat(f.host.engine().watcher().runOnce()).isZero();
            f.clock.advance(Duration.ofMinutes(2));
            assertThat(f.host.engine().watcher().runOnce()).isEqualTo(1);
            f.await("warning", () -> f.notes("WINDOW_CLOSING").size() == 1);
            f.await("closing shown", () -> f.crmCalls("/api/tickets/" + ticket + "/status").stream()
                    .anyMatch(r -> r.getBodyAsString().contains(WindowPhase.CLOSING.name())));
            assertThat(f.notes("WINDOW_CLOSING").get(0).getBodyAsString()).contains("2026-09-02T10:00:00Z")
                    .contains("Reply before then to answer free.");
            f.clock.advance(Duration.ofMinutes(30));
            assertThat(f.host.engine().watcher().runOnce()).isZero();
            f.awaitIdle();
            assertThat(f.notes("WINDOW_CLOSING")).hasSize(1);
        }
    }

    @Test
    void theWarningSaysWhatAReplyCostsWhereServiceRepliesAreBilled() {
        try (HostFixture f = HostFixture.in(dir).start()) {
            // Since October 2026 a service reply is billed (PMP-2026-10).
            f.clock.set(Instant.parse("2026-11-02T10:00:00Z"));
            f.postChannel(TestChannel.messageWebhook("e1", "wamid.in-1", BUSINESS, CUSTOMER, "Hi", f.clock.instant()));
            f.await("ticket", () -> f.count("SELECT COUNT(*) FROM conversations WHERE ticket_id IS NOT NULL") == 1);
            f.clock.advance(Duration.ofHours(22).plusMinutes(1));
            assertThat(f.host.engine().watcher().runOnce()).isEqualTo(1);
            f.await("warning", () -> f.notes("WINDOW_CLOSING").size() == 1);
            // Before: "Reply before then to answer free.", though the reply is billed.
            assertThat(f.notes("WINDOW_CLOSING").get(0).getBodyAsString())
                    .contains("Reply before then to answer without a template (a reply costs 0.004")
                    .doesNotContain("answer free");
        }
    }

    @Test
    void anAnsweredConversationIsNotWarned() {
        try (HostFixture f = HostFixture.in(dir).start()) {
            String ticket = ticketAfterCustomerWrites(f);
            f.clock.advance(Duration.ofHours(1));
            f.postCrm(HttpJsonCrm.replyWebhook("r1", ticket, "On it", f.clock.instant()));
            f.await("sent", () -> f.channel.sent().size() == 1);
            f.clock.advance(Duration.ofHours(21));
            assertThat(f.host.engine().watcher().runOnce()).isZero();
            f.awaitIdle();
            assertThat(f.notes("WINDOW_CLOSING")).isEmpty();
        }
    }
}
