package dev.deskbridge.host.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.deskbridge.connector.api.model.PhoneNumber;
import dev.deskbridge.host.plugins.TestJars;
import dev.deskbridge.host.testing.Await;
import dev.deskbridge.host.testing.MetaWebhooks;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A stop as {@code systemctl stop} or {@code docker stop} makes it (SIGTERM) under load, end to end:
 * the real host ({@code deskbridge run} in a JVM of its own) with the built Zendesk plugin, against
 * {@link ZendeskStandIn}. Four senders post signed Cloud API webhooks while the host is stopped in the
 * middle of putting them on tickets; a host started after it on the same files finishes the work.
 * Every message the stopped host acknowledged is one comment, none is written twice, each customer has
 * one ticket, and the stopped host logged no error.
 */
class ZendeskSigtermEndToEndTest {
    private static final int SENDERS = 4;
    private static final int CUSTOMERS = 10;
    /**
     * Each sender's messages, one every {@link #PACE_MS}: still arriving when the host is stopped, and
     * few enough for Zendesk's default pace (400 requests a minute) to drain in a test's time.
     */
    private static final int PER_SENDER = 60;
    private static final long PACE_MS = 100;

    @TempDir
    Path dir;

    @Test
    void aHostStoppedUnderLoadLosesNothingItAcknowledgedAndTheNextOneWritesNothingTwice() throws Exception {
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        AtomicBoolean posting = new AtomicBoolean(true);
        List<Thread> senders = new ArrayList<>();
        try (WhatsAppTraffic whatsapp = new WhatsAppTraffic(); ZendeskStandIn zendesk = new ZendeskStandIn()) {
            zendesk.latencyMillis = 10;
            Path config = writeHome(zendesk.hostConfig(whatsapp));
            Process first = null;
            Process second = null;
            try {
                first = startHost(config, "host-1");
                int port = HostProcess.awaitPort(first, dir.resolve("host-1.log"));
                Instant at = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(60);
                for (int s = 0; s < SENDERS; s++) {
                    int sender = s;
                    Thread t = new Thread(() -> {
                        for (int i = sender; posting.get() && i < SENDERS * PER_SENDER; i += SENDERS) {
                            String text = "message " + i;
                            try {
                                if (HostProcess.postMeta(port, MetaWebhooks.text("wamid.IN-" + i,
                                        customer(i).e164(), text, at.plusSeconds(i / 100))) == 200) {
                                    acknowledged.add(text);
                                }
                                Thread.sleep(PACE_MS);
                            } catch (IOException | InterruptedException stopping) {
                                // The host is going away: not acknowledged.
                            }
                        }
                    });
                    t.start();
                    senders.add(t);
                }
                Await.until("some messages on tickets", Duration.ofSeconds(60), () -> marked(zendesk).size() >= 15);
                first.destroy();
                assertThat(first.waitFor(60, TimeUnit.SECONDS)).as("stopped within a minute").isTrue();
                posting.set(false);
                for (Thread t : senders) {
                    t.join(35_000);
                }
                int onTickets = marked(zendesk).size();
                System.out.printf("ZendeskSigtermEndToEndTest: %d messages acknowledged, %d on tickets when the "
                        + "host had stopped%n", acknowledged.size(), onTickets);
                assertThat(onTickets).as("stopped mid-load").isLessThan(acknowledged.size());
                assertThat(HostProcess.readQuietly(dir.resolve("host-1.log")).lines()
                        .filter(l -> l.contains("ERROR")).toList()).as("errors logged by the stopped host").isEmpty();

                second = startHost(config, "host-2");
                HostProcess.awaitPort(second, dir.resolve("host-2.log"));
                Await.until("every acknowledged message on a ticket", Duration.ofSeconds(120), () -> marked(zendesk)
                        .stream().map(ZendeskStandIn.Comment::body).collect(Collectors.toSet()).containsAll(acknowledged));
                Thread.sleep(1_500); // a late repeat would show up now
                List<ZendeskStandIn.Comment> comments = marked(zendesk);
                assertThat(comments).extracting(ZendeskStandIn.Comment::body).as("no comment twice")
                        .doesNotHaveDuplicates();
                Map<Integer, Set<Long>> ticketsPerCustomer = comments.stream().collect(Collectors.groupingBy(
                        c -> Integer.parseInt(c.body().substring("message ".length())) % CUSTOMERS,
                        Collectors.mapping(ZendeskStandIn.Comment::ticket, Collectors.toSet())));
                ticketsPerCustomer.forEach((c, tickets) -> assertThat(tickets).as("tickets of customer %d", c)
                        .hasSize(1));
                assertThat(zendesk.ticketCount()).isEqualTo(ticketsPerCustomer.size());
            } finally {
                posting.set(false);
                HostProcess.stop(first, second);
            }
        }
    }

    private static PhoneNumber customer(int i) {
        return PhoneNumber.of("+1201555" + String.format("%04d", 300 + i % CUSTOMERS));
    }

    /** Comments the host wrote: those carrying its marker. */
    private static List<ZendeskStandIn.Comment> marked(ZendeskStandIn zendesk) {
        return zendesk.allComments().stream().filter(c -> c.marker().containsKey("deskbridge_event")).toList();
    }

    private Path writeHome(String config) throws IOException {
        Path plugins = Files.createDirectories(dir.resolve("plugins"));
        Path plugin = TestJars.realPlugin("deskbridge-zendesk");
        Files.copy(plugin, plugins.resolve(plugin.getFileName()));
        return Files.writeString(dir.resolve("deskbridge.yaml"), config);
    }

    private Process startHost(Path config, String name) throws IOException {
        Map<String, String> env = new HashMap<>(WhatsAppTraffic.channelEnvironment());
        env.put("ZENDESK_API_TOKEN", "zd-api-token-0123456789");
        env.put("ZENDESK_WEBHOOK_SECRET", "dGhpc19zZWNyZXRfaXNfZm9yX3Rlc3Rpbmdfb25seQ==");
        env.put("DATA", dir.resolve("data").toString());
        return HostProcess.start(dir, config, name, "256m", env);
    }
}
