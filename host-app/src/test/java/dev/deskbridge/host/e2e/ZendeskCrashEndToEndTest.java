package dev.deskbridge.host.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.deskbridge.connector.api.model.PhoneNumber;
import dev.deskbridge.host.cli.DeskBridgeCli;
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
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12 end to end through a kill -9: the real host ({@code deskbridge run}, the
 * {@link DeskBridgeCli} main, in a JVM of its own) with the built Zendesk plugin from
 * {@code plugins/}, against {@link ZendeskStandIn} and a Meta Graph stub. Customers write, repeating
 * identical texts, each webhook delivered twice; the host is killed (SIGKILL, no shutdown hook) in
 * the middle of putting them on tickets and restarted on the same H2 file database. Every message
 * must end up as exactly one comment, and the restarted host must drain what was left no more than
 * 10 s slower than the same load drains without a crash.
 */
class ZendeskCrashEndToEndTest {
    private static final String ZENDESK_API_TOKEN = "zd-api-token-0123456789";
    private static final String ZENDESK_SIGNING_SECRET = "dGhpc19zZWNyZXRfaXNfZm9yX3Rlc3Rpbmdfb25seQ==";
    private static final int CUSTOMERS = 5;
    /** Each customer's messages after a first one of its own; identical texts on purpose. */
    private static final List<String> SCRIPT = List.of("ok", "where is my order?", "ok", "ok", "where is my order?");
    private static final int MESSAGES = CUSTOMERS * (1 + SCRIPT.size());
    /** Every answer of the stand-in takes this long, so that the kill lands mid-load. */
    private static final long ZENDESK_LATENCY_MS = 10;

    @TempDir
    Path dir;

    @Test
    void aHostKilledMidLoadAndRestartedOnTheSameDatabaseLosesNoCommentAndWritesNoneTwice() throws Exception {
        Duration quiet = run("quiet", false);
        Duration crashed = run("crashed", true);
        System.out.printf("ZendeskCrashEndToEndTest: %d messages; drain without a crash %d ms (last webhook "
                + "acknowledged to last comment); drain after kill -9 mid-load and restart %d ms (restarted host "
                + "listening to last comment); difference %d ms%n", MESSAGES, quiet.toMillis(), crashed.toMillis(),
                crashed.minus(quiet).toMillis());
        assertThat(crashed).as("drain after the restart").isLessThanOrEqualTo(quiet.plusSeconds(10));
    }

    /** The whole load on a fresh database; how long the (restarted, if {@code kill}) host took to drain it. */
    private Duration run(String name, boolean kill) throws Exception {
        Path home = Files.createDirectories(dir.resolve(name));
        try (WhatsAppTraffic whatsapp = new WhatsAppTraffic(); ZendeskStandIn zendesk = new ZendeskStandIn()) {
            zendesk.latencyMillis = ZENDESK_LATENCY_MS;
            Path config = writeHome(home, whatsapp, zendesk);
            Process first = null;
            Process second = null;
            try {
                first = startHost(home, config, "host-1");
                int port = HostProcess.awaitPort(first, home.resolve("host-1.log"));
                Instant at = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(60);
                List<String> webhooks = new ArrayList<>();
                for (int step = 0; step <= SCRIPT.size(); step++) {
                    for (int c = 0; c < CUSTOMERS; c++) {
                        webhooks.add(MetaWebhooks.text("wamid.IN-" + customer(c).digits() + "-" + step,
                                customer(c).e164(), text(c, step), at.plusSeconds(step)));
                    }
                }
                for (String webhook : webhooks) {
                    // Every delivery twice, as Meta does on a slow or lost acknowledgement.
                    assertThat(HostProcess.postMeta(port, webhook)).as("acknowledged").isEqualTo(200);
                    assertThat(HostProcess.postMeta(port, webhook)).as("acknowledged again").isEqualTo(200);
                }
                long acknowledged = System.nanoTime();
                if (!kill) {
                    awaitAllComments(zendesk);
                    Duration drain = Duration.ofNanos(System.nanoTime() - acknowledged);
                    Thread.sleep(1_500);
                    checkEveryMessageIsOneComment(zendesk);
                    report(name, home, zendesk);
                    return drain;
                }
                Await.until("a part of the load on tickets", Duration.ofSeconds(60),
                        () -> marked(zendesk) >= MESSAGES / 4);
                first.destroyForcibly();
                assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
                int beforeRestart = marked(zendesk);
                System.out.printf("ZendeskCrashEndToEndTest: killed with %d of %d messages on tickets%n",
                        beforeRestart, MESSAGES);
                assertThat(beforeRestart).as("killed mid-load").isLessThan(MESSAGES);

                second = startHost(home, config, "host-2");
                HostProcess.awaitPort(second, home.resolve("host-2.log"));
                long up = System.nanoTime();
                awaitAllComments(zendesk);
                Duration drain = Duration.ofNanos(System.nanoTime() - up);
                Thread.sleep(1_500); // a late duplicate would show up now
                checkEveryMessageIsOneComment(zendesk);
                report(name, home, zendesk);
                return drain;
            } finally {
                HostProcess.stop(first, second);
            }
        }
    }

    private static void report(String name, Path home, ZendeskStandIn zendesk) {
        List<String> warnings = java.util.stream.Stream.of("host-1.log", "host-2.log")
                .map(f -> HostProcess.readQuietly(home.resolve(f))).flatMap(String::lines)
                .filter(l -> l.contains("WARN") || l.contains("ERROR")).toList();
        warnings.stream().limit(3).forEach(l -> System.out.println("  " + l));
        System.out.printf("ZendeskCrashEndToEndTest: %s run: %d requests to the Zendesk stand-in, %d WARN/ERROR "
                + "lines in the host logs%n", name, zendesk.server.getAllServeEvents().size(), warnings.size());
    }

    private static PhoneNumber customer(int c) {
        return PhoneNumber.of("+1201555" + String.format("%04d", 150 + c));
    }

    /** The customer's first message is its own (to tell the tickets apart), then the shared script. */
    private static String text(int c, int step) {
        return step == 0 ? "hello, this is customer " + c : SCRIPT.get(step - 1);
    }

    private void awaitAllComments(ZendeskStandIn zendesk) {
        Await.until("every message a comment", Duration.ofSeconds(60), () -> marked(zendesk) >= MESSAGES);
    }

    /** Comments the host wrote: those carrying its marker. */
    private static int marked(ZendeskStandIn zendesk) {
        return (int) zendesk.allComments().stream().filter(c -> c.marker().containsKey("deskbridge_event")).count();
    }

    private static void checkEveryMessageIsOneComment(ZendeskStandIn zendesk) {
        List<ZendeskStandIn.Comment> all = zendesk.allComments();
        assertThat(all).as("comments").hasSize(MESSAGES);
        assertThat(all).extracting(c -> c.marker().get("deskbridge_event")).as("one comment per marker")
                .doesNotContainNull().doesNotHaveDuplicates();
        assertThat(zendesk.ticketCount()).as("tickets").isEqualTo(CUSTOMERS);
        Map<Long, List<String>> perTicket = all.stream().collect(Collectors.groupingBy(
                ZendeskStandIn.Comment::ticket, Collectors.mapping(ZendeskStandIn.Comment::body, Collectors.toList())));
        assertThat(perTicket).hasSize(CUSTOMERS);
        for (int c = 0; c < CUSTOMERS; c++) {
            String first = text(c, 0);
            List<String> expected = new ArrayList<>();
            expected.add(first);
            expected.addAll(SCRIPT);
            List<List<String>> tickets = perTicket.values().stream().filter(b -> b.contains(first)).toList();
            assertThat(tickets).as("the ticket of customer %d", c).hasSize(1);
            // Same texts, each as often as the customer wrote it: nothing lost, nothing twice.
            assertThat(tickets.get(0)).as("comments of customer %d", c).containsExactlyInAnyOrderElementsOf(expected);
        }
    }

    private Path writeHome(Path home, WhatsAppTraffic whatsapp, ZendeskStandIn zendesk) throws IOException {
        Path plugins = Files.createDirectories(home.resolve("plugins"));
        Path plugin = TestJars.realPlugin("deskbridge-zendesk");
        Files.copy(plugin, plugins.resolve(plugin.getFileName()));
        String config = zendesk.hostConfig(whatsapp);
        return Files.writeString(home.resolve("deskbridge.yaml"), config);
    }

    private Process startHost(Path home, Path config, String name) throws IOException {
        Map<String, String> env = new HashMap<>(WhatsAppTraffic.channelEnvironment());
        env.put("ZENDESK_API_TOKEN", ZENDESK_API_TOKEN);
        env.put("ZENDESK_WEBHOOK_SECRET", ZENDESK_SIGNING_SECRET);
        env.put("DATA", home.resolve("data").toString());
        return HostProcess.start(home, config, name, "256m", env);
    }
}
