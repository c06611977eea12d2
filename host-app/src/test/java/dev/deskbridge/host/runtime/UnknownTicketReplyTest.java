package dev.deskbridge.host.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.deskbridge.host.store.Jdbc;
import dev.deskbridge.host.testing.Await;
import dev.deskbridge.host.testing.HostFixture;
import dev.deskbridge.host.testing.HttpJsonCrm;
import dev.deskbridge.host.testing.HostTest;

import org.junit.jupiter.api.Test;

/**
 * A reply for a ticket the host does not know is not dropped at once: its customer message may
 * still be in backoff. It is retried with the usual budget, then kept as a dead letter saying why.
 */
class UnknownTicketReplyTest extends HostTest {
    @Test
    void aReplyForATicketThatNeverBecomesKnownIsRetriedThenDeadLetteredSayingWhy() {
        f.postCrm(HttpJsonCrm.replyWebhook("r1", "T-404", "Hello?", HostFixture.START));

        Await.until("dead letter", () -> f.count("SELECT COUNT(*) FROM dead_letters") == 1);

        String reason = f.sql(c -> Jdbc.queryOne(c, "SELECT reason FROM dead_letters", rs -> rs.getString(1))
                .orElseThrow());
        assertThat(reason).startsWith("gave up after 3 attempts")
                .contains("no conversation known for ticket 'T-404'")
                .contains("the customer message that creates it may still be on its way");
        // The webhook itself is read once; the reply read from it is what waits for its ticket.
        assertThat(f.count("SELECT attempts FROM inbox WHERE event_type = 'AGENT_REPLY'")).isEqualTo(3);
        assertThat(f.channel.sent()).isEmpty();
    }
}
