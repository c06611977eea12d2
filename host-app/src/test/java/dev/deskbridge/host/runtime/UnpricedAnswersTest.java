package dev.deskbridge.host.runtime;

import static dev.deskbridge.host.testing.HostFixture.BUSINESS;
import static dev.deskbridge.host.testing.HostFixture.CUSTOMER;
import static org.assertj.core.api.Assertions.assertThat;

import dev.deskbridge.connector.api.model.OutboundMessage;
import dev.deskbridge.connector.api.pricing.OutboundKind;
import dev.deskbridge.connector.api.pricing.Quote;
import dev.deskbridge.connector.api.pricing.WindowState;
import dev.deskbridge.host.pricing.PricingException;
import dev.deskbridge.host.pricing.PricingRules;
import dev.deskbridge.host.pricing.QuoteRequest;
import dev.deskbridge.host.store.Jdbc;
import dev.deskbridge.host.testing.HostFixture;
import dev.deskbridge.host.testing.HttpJsonCrm;
import dev.deskbridge.host.testing.TestChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Answers DeskBridge sends while it takes a customer's message (an automatic answer, an opt-out's
 * confirmation, a held reply) that the rate card cannot price: each is left out, and the customer's
 * message still reaches the ticket. Before, the rules' refusal failed the customer's message, which
 * became a dead letter and never reached the ticket.
 */
class UnpricedAnswersTest {
    @TempDir
    Path dir;

    /** The golden rules, except that free-form messages have no rate while {@code unpriced} is set. */
    private static final class NoFreeFormRate implements PricingRules {
        final PricingRules golden = HostFixture.goldenPricing();
        final AtomicBoolean unpriced = new AtomicBoolean();

        @Override
        public WindowState onCustomerMessage(WindowState current, Instant sentAt, boolean referral) {
            return golden.onCustomerMessage(current, sentAt, referral);
        }

        @Override
        public WindowState onBusinessMessage(WindowState current, Instant sentAt) {
            return golden.onBusinessMessage(current, sentAt);
        }

        @Override
        public Quote quote(QuoteRequest request) {
            if (unpriced.get() && request.kind() == OutboundKind.FREEFORM) {
                throw new PricingException("no_rate", "the rate card has no service rate for market NORTH_AMERICA");
            }
            return golden.quote(request);
        }
    }

    private static void customerWrites(HostFixture f, String id, String text) {
        f.postChannel(TestChannel.messageWebhook("e-" + id, "wamid." + id, BUSINESS, CUSTOMER, text,
                f.clock.instant()));
    }

    private static void assertOnTheTicket(HostFixture f, int messages) {
        f.await("customer messages on the ticket", () -> f.count(
                "SELECT COUNT(*) FROM messages WHERE direction = 'IN' AND crm_ticket_id IS NOT NULL") == messages);
        f.awaitIdle();
        assertThat(f.count("SELECT COUNT(*) FROM dead_letters")).isZero();
    }

    @Test
    void anAutomaticAnswerThatCannotBePricedIsLeftOut() {
        NoFreeFormRate rules = new NoFreeFormRate();
        rules.unpriced.set(true);
        try (HostFixture f = HostFixture.in(dir).pricing(rules)
                .answering(AutoReplyTest.answering(AutoReplyTest.weekdays(), Optional.empty())).start()) {
            f.clock.set(Instant.parse("2026-09-01T22:00:00Z")); // closed: the away answer applies
            customerWrites(f, "in-1", "Is my order shipped?");
            assertOnTheTicket(f, 1);
            assertThat(f.channel.sent()).isEmpty();
        }
    }

    @Test
    void anOptOutWhoseConfirmationCannotBePricedStands() {
        NoFreeFormRate rules = new NoFreeFormRate();
        rules.unpriced.set(true);
        try (HostFixture f = HostFixture.in(dir).pricing(rules).start()) {
            customerWrites(f, "in-1", "STOP");
            assertOnTheTicket(f, 1);
            assertThat(f.host.engine().context().consent().list(Optional.empty())).hasSize(1);
            assertThat(f.channel.sent()).isEmpty();
        }
    }

    @Test
    void aHeldReplyThatCannotBePricedWhenTheCustomerAnswersIsToldOnTheTicket() {
        NoFreeFormRate rules = new NoFreeFormRate();
        try (HostFixture f = HostFixture.in(dir).pricing(rules).start()) {
            customerWrites(f, "in-1", "Hi");
            f.await("ticket", () -> f.count("SELECT COUNT(*) FROM conversations WHERE ticket_id IS NOT NULL") == 1);
            String ticket = f.sql(c -> Jdbc.queryOne(c, "SELECT ticket_id FROM conversations", rs -> rs.getString(1))
                    .orElseThrow());
            f.clock.advance(Duration.ofHours(25));
            f.postCrm(HttpJsonCrm.replyWebhook("r1", ticket, "Sorry for the wait", f.clock.instant()));
            f.await("re-engagement sent", () -> f.channel.sent().size() == 1);
            f.await("reply held", () -> f.count("SELECT COUNT(*) FROM held_replies WHERE status = 'HELD'") == 1);
            assertThat(f.channel.sent().get(0).message()).isInstanceOf(OutboundMessage.Template.class);

            rules.unpriced.set(true);
            f.clock.advance(Duration.ofMinutes(5));
            customerWrites(f, "in-2", "Yes, still here");
            assertOnTheTicket(f, 2);
            f.await("agents told", () -> f.notes("REPLY_REFUSED_POLICY").size() == 1);
            assertThat(f.notes("REPLY_REFUSED_POLICY").get(0).getBodyAsString())
                    .contains("cannot price the reply held for them").contains("[no_rate]")
                    .contains("Nothing was sent");
            assertThat(f.channel.sent()).hasSize(1);
            assertThat(f.count("SELECT COUNT(*) FROM held_replies WHERE status = 'HELD'")).isZero();
        }
    }
}
