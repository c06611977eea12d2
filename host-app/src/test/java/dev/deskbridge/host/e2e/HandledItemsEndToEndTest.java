package dev.deskbridge.host.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.deskbridge.connector.api.model.PhoneNumber;
import dev.deskbridge.host.plugins.TestJars;
import dev.deskbridge.host.store.Database;
import dev.deskbridge.host.store.Jdbc;
import dev.deskbridge.host.testing.Await;
import dev.deskbridge.host.testing.MetaWebhooks;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code engine.keep_handled} on the real host ({@code deskbridge run} in a JVM of its own, the built
 * Zendesk plugin, signed Cloud API webhooks): two customers write; the host stops; one customer's
 * handled webhook is made older than the setting (the only way to let eight days pass in a test is to
 * write them into the database); the restarted host deletes that item and keeps the other, which
 * still recognises its redelivery.
 */
class HandledItemsEndToEndTest {
    private static final String ZENDESK_API_TOKEN = "zd-api-token-0123456789";
    private static final PhoneNumber OLD_CUSTOMER = PhoneNumber.of("+12015550160");
    private static final PhoneNumber RECENT_CUSTOMER = PhoneNumber.of("+12015550161");

    @TempDir
    Path home;

    @Test
    void aRestartedHostDeletesHandledWebhooksOlderThanTheSettingAndKeepsTheRest() throws Exception {
        try (WhatsAppTraffic whatsapp = new WhatsAppTraffic(); ZendeskStandIn zendesk = new ZendeskStandIn()) {
            Path plugins = Files.createDirectories(home.resolve("plugins"));
            Path plugin = TestJars.realPlugin("deskbridge-zendesk");
            Files.copy(plugin, plugins.resolve(plugin.getFileName()));
            Path config = Files.writeString(home.resolve("deskbridge.yaml"), zendesk.hostConfig(whatsapp)
                    .replace("warn_before: 2h }", "warn_before: 2h, keep_handled: 7d }"));
            Instant at = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(60);
            String old = MetaWebhooks.text("wamid.KEEP-OLD", OLD_CUSTOMER.e164(), "my order is late", at);
            String recent = MetaWebhooks.text("wamid.KEEP-NEW", RECENT_CUSTOMER.e164(), "where is my parcel?", at);

            Process first = start(config, "host-1");
            Process second = null;
            try {
                int port = HostProcess.awaitPort(first, home.resolve("host-1.log"));
                assertThat(HostProcess.postMeta(port, old)).isEqualTo(200);
                assertThat(HostProcess.postMeta(port, recent)).isEqualTo(200);
                Await.until("both messages on tickets", Duration.ofSeconds(60), () -> zendesk.allComments().size() == 2);
                HostProcess.stop(first);

                try (Database db = Database.open(Database.h2File(home.resolve("data").resolve("deskbridge")))) {
                    // Eight days ago, as the host wrote it then: received and handled.
                    Instant eightDaysAgo = Instant.now().minus(Duration.ofDays(8));
                    int aged = db.inTransaction(c -> Jdbc.update(c, "UPDATE inbox SET created_at = ?, processed_at = ? "
                            + "WHERE event_id LIKE ?", eightDaysAgo, eightDaysAgo, "%wamid.KEEP-OLD%"));
                    assertThat(aged).as("the old customer's handled webhook").isEqualTo(1);
                }

                second = start(config, "host-2");
                port = HostProcess.awaitPort(second, home.resolve("host-2.log"));
                Path log = home.resolve("host-2.log");
                Await.until("the cleaner's first run", Duration.ofSeconds(60),
                        () -> HostProcess.readQuietly(log).contains("deleted 1 handled inbox items"));
                try (Database db = Database.open(Database.h2File(home.resolve("data").resolve("deskbridge")))) {
                    assertThat(count(db, "%wamid.KEEP-OLD%")).as("the old handled item").isZero();
                    assertThat(count(db, "%wamid.KEEP-NEW%")).as("the recent handled item").isEqualTo(1);
                }

                // Meta redelivers the recent webhook: still recognised by its kept item, no second comment.
                assertThat(HostProcess.postMeta(port, recent)).isEqualTo(200);
                Thread.sleep(1_500);
                assertThat(zendesk.allComments()).as("comments").hasSize(2);
                assertThat(HostProcess.readQuietly(log)).contains("(engine.keep_handled 7d)").doesNotContain("ERROR");
            } finally {
                HostProcess.stop(first, second);
            }
        }
    }

    private static long count(Database db, String eventId) {
        return db.inTransaction(c -> Jdbc.count(c, "SELECT COUNT(*) FROM inbox WHERE event_id LIKE ?", eventId));
    }

    private Process start(Path config, String name) throws Exception {
        Map<String, String> env = new HashMap<>(WhatsAppTraffic.channelEnvironment());
        env.put("ZENDESK_API_TOKEN", ZENDESK_API_TOKEN);
        env.put("ZENDESK_WEBHOOK_SECRET", ZendeskStandIn.SIGNING_SECRET);
        env.put("DATA", home.resolve("data").toString());
        return HostProcess.start(home, config, name, "256m", env);
    }
}
