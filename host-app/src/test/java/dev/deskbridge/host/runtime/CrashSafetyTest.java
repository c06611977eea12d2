package dev.deskbridge.host.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
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
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crash safety: webhooks acknowledged by a host that is then killed (kill -9) before processing
 * them are all delivered to the CRM, exactly once, by the restarted host.
 */
class CrashSafetyTest {
    static final int MESSAGES = 12;

    @TempDir
    Path dir;

    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Test
    void acknowledgedWebhooksSurviveAKillAndAreDeliveredOnce() throws Exception {
        WireMockServer crm = WireMockSupport.startLoopback();
        HostFixture.stubCrmOk(crm);
        // H2 would write its store in the background only every 10 minutes: what survives the kill
        // is what the host made durable before acknowledging (its group commit).
        String dbUrl = "jdbc:h2:file:" + dir.resolve("db").toAbsolutePath()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;WRITE_DELAY=600000";
        Process first = null;
        Process second = null;
        try {
            // The first host acknowledges webhooks but its workers wait 10 minutes before taking work.
            first = startHost(dbUrl, WireMockSupport.baseUrl(crm), dir.resolve("port-1"), 600_000);
            int port = awaitPort(first, dir.resolve("port-1"));
            for (int i = 0; i < MESSAGES; i++) {
                String body = TestChannel.messageWebhook("e" + i, "wamid.in-" + i, HostFixture.BUSINESS,
                        "+1201555" + String.format("%04d", i), "message " + i, HostFixture.START);
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                        + "/webhooks/channels/" + HostFixture.CHANNEL)).header(TestChannel.SIGNATURE_HEADER,
                        Hmac.sign(HostFixture.CHANNEL_SECRET, body.getBytes(StandardCharsets.UTF_8)))
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(r.statusCode()).as("acknowledged").isEqualTo(200);
            }
            assertThat(crm.getAllServeEvents()).as("nothing processed before the crash").isEmpty();
            first.destroyForcibly();
            assertThat(first.waitFor(60, TimeUnit.SECONDS)).isTrue();

            second = startHost(dbUrl, WireMockSupport.baseUrl(crm), dir.resolve("port-2"), 0);
            awaitPort(second, dir.resolve("port-2"));
            Await.until("every message delivered", Duration.ofSeconds(120),
                    () -> appends(crm).size() >= MESSAGES && crm.findAll(
                            com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor(
                                    com.github.tomakehurst.wiremock.client.WireMock.urlMatching("/api/tickets/.*")))
                            .size() >= MESSAGES);
            Thread.sleep(500); // a duplicate would show up now
            Map<String, Long> perMessage = appends(crm).stream().collect(Collectors.groupingBy(
                    r -> r.getBodyAsString().replaceAll(".*\"providerMessageId\":\"([^\"]+)\".*", "$1"),
                    Collectors.counting()));
            assertThat(perMessage).hasSize(MESSAGES);
            assertThat(perMessage.values()).allMatch(n -> n == 1);
        } finally {
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

    private static List<LoggedRequest> appends(WireMockServer crm) {
        return crm.findAll(com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor(
                com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo("/api/messages")));
    }

    private Process startHost(String dbUrl, String crmUrl, Path portFile, long startDelayMs) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                CrashTestHostMain.class.getName(), dbUrl, crmUrl, portFile.toString(), String.valueOf(startDelayMs));
        pb.redirectErrorStream(true);
        pb.redirectOutput(dir.resolve(portFile.getFileName() + ".log").toFile());
        pb.directory(new File(System.getProperty("user.dir")));
        return pb.start();
    }

    private int awaitPort(Process p, Path portFile) throws IOException {
        Await.until("host started (log: " + portFile + ".log)", Duration.ofSeconds(90), () -> {
            if (!p.isAlive()) {
                throw new AssertionError("host exited: " + readQuietly(dir.resolve(portFile.getFileName() + ".log")));
            }
            return Files.exists(portFile);
        });
        return Integer.parseInt(Files.readString(portFile).trim());
    }

    private static String readQuietly(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            return "(no log)";
        }
    }
}
