package dev.deskbridge.host.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.deskbridge.connector.api.model.PhoneNumber;
import dev.deskbridge.connector.testkit.ManualClock;
import dev.deskbridge.host.plugins.TestJars;
import dev.deskbridge.host.store.Conversation;
import dev.deskbridge.host.store.Jdbc;
import dev.deskbridge.host.store.LedgerEntry;
import dev.deskbridge.host.testing.Await;
import dev.deskbridge.host.testing.HostProbe;
import dev.deskbridge.host.testing.MetaWebhooks;
import java.io.IOException;
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

/**
 * An agent's reply that Meta took, answering 200, while the connection closed in the middle of the
 * answer's body (the defect seen in RealPathBenchmark: the host dead-lettered it as a permanent
 * failure and told the agents it could not be sent, though the customer had it). The product as an
 * operator runs it ({@code deskbridge run} with a configuration file, the built Zendesk plugin, the
 * built-in Cloud API channel, signed webhooks over HTTP; in this JVM, see {@link RunningHost}).
 * Meta's statuses name the send by the outbox id it carried in {@code biz_opaque_callback_data}: the
 * message takes the wamid from them, and the retry, which waits 30 s for them, sends nothing.
 */
class AnswerLostEndToEndTest {
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
        Map<String, String> env = new HashMap<>(WhatsAppTraffic.channelEnvironment());
        env.put("ZENDESK_API_TOKEN", "zd-api-token-0123456789");
        env.put("ZENDESK_WEBHOOK_SECRET", ZendeskStandIn.SIGNING_SECRET);
        host = RunningHost.start(home, zendesk.hostConfig(whatsapp), env, clock, TestJars.realPlugin("deskbridge-zendesk"));
        probe = host.probe();
        whatsapp.lookThrough(probe);
    }

    @AfterEach
    void stop() {
        Received.closeAll(host, whatsapp, zendesk);
    }

    @Test
    void aReplyMetaTookWithItsAnswerCutOffReachesTheCustomerOnceAndEndsWithMetasWamidDelivered() {
        PhoneNumber customer = PhoneNumber.of("+12015550160");
        whatsapp.customerWrites(customer, 0, "Where is my parcel?", T0.minusSeconds(5));
        Conversation conversation = whatsapp.awaitTicket(customer);
        long ticket = Long.parseLong(conversation.ticket().orElseThrow().id());

        whatsapp.takeNextSendWithItsAnswerCutOff();
        long comment = zendesk.agentComment(ticket, "It arrives tomorrow.");
        assertThat(ZendeskStandIn.postWebhook(probe, clock.instant(),
                ZendeskStandIn.webhookBody(ticket, comment, conversation)).statusCode()).isEqualTo(200);

        // Meta took it; the host could not read the answer: waiting, not failed.
        probe.await("the send whose answer was cut off", () -> whatsapp.sends().size() == 1 && probe.count(
                "SELECT COUNT(*) FROM outbox WHERE attempts = 1 AND status = 'PENDING' AND last_error LIKE "
                        + "'%answer was lost%'") == 1);
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

        // The retry comes once LostAnswers.WAIT (30 s) has passed, finds the wamid and sends nothing.
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
}
