package dev.deskbridge.host.runtime;

import static dev.deskbridge.host.testing.HostFixture.BUSINESS;
import static dev.deskbridge.host.testing.HostFixture.CUSTOMER;
import static org.assertj.core.api.Assertions.assertThat;

import dev.deskbridge.connector.api.error.RetryableException;
import dev.deskbridge.connector.api.model.DeliveryStatus;
import dev.deskbridge.connector.api.model.DeliveryUpdate;
import dev.deskbridge.connector.api.pricing.Money;
import dev.deskbridge.host.store.Jdbc;
import dev.deskbridge.host.testing.HostFixture;
import dev.deskbridge.host.testing.HostTest;
import dev.deskbridge.host.testing.HttpJsonCrm;
import dev.deskbridge.host.testing.TestChannel;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The worker asks the channel to complete a delivery update (ChannelSession.completeUpdate) before
 * it applies it: what the channel adds is settled; a completion that fails, or answers with another
 * status, leaves the update as it came, applied at once and never retried for it.
 */
class DeliveryCompletionTest extends HostTest {
    private Instant at;

    @BeforeEach
    void aReplySent() {
        f.postChannel(TestChannel.messageWebhook("e1", "wamid.in-1", BUSINESS, CUSTOMER, "Hi", HostFixture.START));
        f.await("ticket created", () -> f.count("SELECT COUNT(*) FROM conversations WHERE ticket_id IS NOT NULL") == 1);
        String ticket = f.sql(c -> Jdbc.queryOne(c, "SELECT ticket_id FROM conversations", rs -> rs.getString(1)))
                .orElseThrow();
        f.clock.set(HostFixture.START.plus(Duration.ofMinutes(5)));
        at = f.clock.instant();
        f.postCrm(HttpJsonCrm.replyWebhook("r1", ticket, "Hello Ann", at));
        f.await("reply ledgered", () -> f.count("SELECT COUNT(*) FROM cost_ledger WHERE provider_message_id = 'out-1'")
                == 1);
    }

    @Test
    void thePriceTheChannelReadsInTheWorkerIsSettled() {
        f.channel.onComplete(u -> new DeliveryUpdate(u.eventId(), u.providerMessageId(), u.customer(), u.status(),
                u.at(), u.errors(), u.pricing(), Optional.of(Money.of("0.0042", "USD")), u.providerConversationId(),
                u.sendKey()));

        delivered();

        assertThat(settledChannelFee()).isEqualByComparingTo("0.0042");
        assertThat(f.channel.completed()).singleElement().satisfies(u -> {
            assertThat(u.providerMessageId()).isEqualTo("out-1");
            assertThat(u.providerPrice()).as("as stored").isEmpty();
        });
    }

    @Test
    void aCompletionThatFailsLeavesTheUpdateAsItCameAndIsNotRetried() {
        f.channel.onComplete(u -> {
            throw new RetryableException("the provider is away", Duration.ofSeconds(1), null);
        });

        delivered();

        assertThat(settledChannelFee()).as("the quoted fee").isEqualByComparingTo("0");
        assertThat(f.channel.completed()).hasSize(1);
        assertThat(f.count("SELECT COUNT(*) FROM dead_letters")).isZero();
    }

    @Test
    void aCompletionIntoAnotherStatusIsNotApplied() {
        f.channel.onComplete(u -> new DeliveryUpdate(u.eventId(), u.providerMessageId(), u.customer(),
                DeliveryStatus.FAILED, u.at(), u.errors(), u.pricing(), Optional.empty(), Optional.empty()));

        delivered();

        assertThat(f.count("SELECT COUNT(*) FROM messages WHERE provider_message_id = 'out-1'"
                + " AND status = 'DELIVERED'")).isEqualTo(1);
        assertThat(settledChannelFee()).isEqualByComparingTo("0");
    }

    /** The provider reports out-1 delivered, without Meta's pricing or a price; waits until it is applied. */
    private void delivered() {
        f.postChannel(TestChannel.statusWebhook("s1", "out-1", CUSTOMER, "delivered", at, false, null, null));
        f.await("status applied", () -> f.count("SELECT COUNT(*) FROM inbox WHERE event_id = 's1' AND status = 'DONE'")
                == 1);
    }

    private BigDecimal settledChannelFee() {
        return f.sql(c -> Jdbc.queryOne(c, "SELECT settled_channel_fee FROM cost_ledger WHERE provider_message_id = "
                + "'out-1' AND status = 'SETTLED'", rs -> rs.getBigDecimal(1))).orElseThrow();
    }
}
