package dev.deskbridge.host.runtime;

import static dev.deskbridge.host.testing.HostFixture.BUSINESS;
import static dev.deskbridge.host.testing.HostFixture.CUSTOMER;
import static org.assertj.core.api.Assertions.assertThat;

import dev.deskbridge.connector.api.model.OutboundMessage;
import dev.deskbridge.connector.api.model.TicketRef;
import dev.deskbridge.host.store.Jdbc;
import dev.deskbridge.host.testing.HostFixture;
import dev.deskbridge.host.testing.PollingCrm;
import dev.deskbridge.host.testing.TestChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A CRM that declares only POLLING, through the real host (HTTP, H2, engine): its agents' answers
 * reach the customer although no webhook ever comes, each once although every poll returns it again,
 * and a CRM that is down for a few polls loses nothing.
 */
class PollingCrmEndToEndTest {
    @TempDir
    Path dir;

    @Test
    void polledAnswersGoOutOnceEachThroughTheWebhookReplyPath() {
        PollingCrm crm = new PollingCrm();
        try (HostFixture f = HostFixture.in(dir).crm(crm).start()) {
            Instant t0 = HostFixture.START;
            assertThat(f.postChannel(TestChannel.messageWebhook("e1", "wamid.in-1", BUSINESS, CUSTOMER, "Hi there", t0))
                    .statusCode()).isEqualTo(200);
            f.await("message on the ticket", () -> crm.appended().size() == 1);
            TicketRef ticket = TicketRef.of("T-" + crm.appended().get(0).conversation().id());
            String conversation = crm.appended().get(0).conversation().id().value();
            f.await("ticket stored", () -> f.count("SELECT COUNT(*) FROM conversations WHERE ticket_id = ?",
                    ticket.id()) == 1);

            crm.agentAnswers(ticket, "c-1", "Hello from a CRM without webhooks", t0.plusSeconds(60));
            f.await("answer sent", () -> f.channel.sent().size() == 1);
            assertThat(f.channel.sent().get(0).message())
                    .isEqualTo(new OutboundMessage.Text("Hello from a CRM without webhooks", true));
            assertThat(f.channel.sent().get(0).to().e164()).isEqualTo(CUSTOMER);

            // The same answer comes back on every poll: it still goes out once.
            int polls = crm.polledSince().size();
            f.await("three more polls", () -> crm.polledSince().size() >= polls + 3);
            f.awaitIdle();
            assertThat(f.channel.sent()).hasSize(1);
            assertThat(f.count("SELECT COUNT(*) FROM inbox WHERE event_type = 'AGENT_REPLY'")).isEqualTo(1);

            // The CRM is down for a few polls while an agent answers: the answer still arrives.
            crm.failNextPolls(3);
            crm.agentAnswers(ticket, "c-2", "Sorry for the wait", t0.plusSeconds(120));
            f.await("second answer sent", () -> f.channel.sent().size() == 2);
            assertThat(f.channel.sent().get(1).message()).isEqualTo(new OutboundMessage.Text("Sorry for the wait", true));

            // The cursor is kept in the database, and every poll reached back before it.
            Instant cursor = f.sql(c -> Jdbc.queryOne(c, "SELECT polled_until FROM crm_poll_cursors WHERE crm_id = ?",
                    rs -> Jdbc.instant(rs, "polled_until"), HostFixture.CRM)).orElseThrow();
            assertThat(cursor).isEqualTo(t0);
            assertThat(crm.polledSince()).allSatisfy(since -> assertThat(since).isEqualTo(t0.minus(Duration.ofSeconds(30))));
            assertThat(f.count("SELECT COUNT(*) FROM conversations WHERE id = ?", conversation)).isEqualTo(1);
        }
    }
}
