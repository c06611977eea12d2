package dev.deskbridge.host.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.deskbridge.connector.testkit.WireMockSupport;
import dev.deskbridge.host.testing.Await;
import dev.deskbridge.host.testing.Hmac;
import dev.deskbridge.host.testing.HostFixture;
import dev.deskbridge.host.testing.TestChannel;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
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
 * A host stopped with SIGTERM (what {@code systemctl stop} and {@code docker stop} send) while
 * webhooks arrive from several senders and workers run closes in order: nothing at ERROR in its log,
 * and every webhook it acknowledged reaches the CRM once, by it or by the host started after it.
 */
class CleanShutdownTest {
    private static final int SENDERS = 4;

    @TempDir
    Path dir;

    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();

    @Test
    void sigtermLogsNoErrorAndLosesOrRepeatsNothingAcknowledged() throws Exception {
        WireMockServer crm = WireMockSupport.startLoopback();
        HostFixture.stubCrmOk(crm);
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        AtomicBoolean posting = new AtomicBoolean(true);
        List<Thread> traffic = new ArrayList<>();
        Process first = startHost(crm, "1");
        Process second = null;
        try {
            int port = awaitPort(first, "1");
            for (int s = 0; s < SENDERS; s++) {
                int sender = s;
                Thread t = new Thread(() -> {
                    for (int i = sender; posting.get(); i += SENDERS) {
                        if (post(port, i)) {
                            acknowledged.add("wamid.in-" + i);
                        }
                    }
                });
                t.start();
                traffic.add(t);
            }
            Await.until("some messages reached the CRM", Duration.ofSeconds(60), () -> appends(crm).size() >= 20);
            first.destroy();
            assertThat(first.waitFor(60, TimeUnit.SECONDS)).as("stopped").isTrue();
            posting.set(false);
            for (Thread t : traffic) {
                t.join(10_000);
            }
            assertThat(read(log("1")).lines().filter(l -> l.contains(" ERROR ")).toList()).as(read(log("1")))
                    .isEmpty();

            second = startHost(crm, "2");
            awaitPort(second, "2");
            Await.until("every acknowledged message in the CRM", Duration.ofSeconds(120),
                    () -> perMessage(crm).keySet().containsAll(acknowledged));
            Thread.sleep(1_000); // a repeat would show up now
            assertThat(acknowledged).hasSizeGreaterThanOrEqualTo(20);
            perMessage(crm).forEach((id, appends) -> assertThat(appends).as("appends of " + id).hasSize(1));
        } finally {
            posting.set(false);
            for (Process p : new Process[] {first, second}) {
                if (p != null && p.isAlive()) {
                    p.destroy();
                    if (!p.waitFor(30, TimeUnit.SECONDS)) {
                        p.destroyForcibly();
                    }
                }
            }
            crm.stop();
        }
    }

    private Process startHost(WireMockServer crm, String name) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                CrashTestHostMain.class.getName(), "jdbc:h2:file:" + dir.resolve("db").toAbsolutePath(),
                WireMockSupport.baseUrl(crm), portFile(name).toString(), "0");
        pb.redirectErrorStream(true).redirectOutput(log(name).toFile()).directory(new File(System.getProperty("user.dir")));
        return pb.start();
    }

    private int awaitPort(Process host, String name) throws IOException {
        Await.until("host " + name + " started", Duration.ofSeconds(90), () -> {
            if (!host.isAlive()) {
                throw new AssertionError("host exited: " + read(log(name)));
            }
            return Files.exists(portFile(name));
        });
        return Integer.parseInt(Files.readString(portFile(name)).trim());
    }

    private Path portFile(String name) {
        return dir.resolve("port-" + name);
    }

    private Path log(String name) {
        return dir.resolve("host-" + name + ".log");
    }

    /** Whether the host acknowledged message {@code i}. */
    private boolean post(int port, int i) {
        String body = TestChannel.messageWebhook("e" + i, "wamid.in-" + i, HostFixture.BUSINESS,
                "+1201555" + String.format("%04d", i % 10_000), "message " + i, HostFixture.START);
        try {
            return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/webhooks/channels/"
                    + HostFixture.CHANNEL)).timeout(Duration.ofSeconds(5))
                    .header(TestChannel.SIGNATURE_HEADER, Hmac.sign(HostFixture.CHANNEL_SECRET,
                            body.getBytes(StandardCharsets.UTF_8)))
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException | InterruptedException stopped) {
            // The host is going away: expected at the end; not acknowledged.
            return false;
        }
    }

    private static List<LoggedRequest> appends(WireMockServer crm) {
        return crm.findAll(WireMock.postRequestedFor(WireMock.urlEqualTo("/api/messages")));
    }

    private static Map<String, List<LoggedRequest>> perMessage(WireMockServer crm) {
        return appends(crm).stream().collect(Collectors.groupingBy(
                r -> r.getBodyAsString().replaceAll(".*\"providerMessageId\":\"([^\"]+)\".*", "$1")));
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            return "(no log)";
        }
    }
}
