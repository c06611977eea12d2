package dev.deskbridge.host.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.deskbridge.connector.testkit.WireMockSupport;
import dev.deskbridge.host.testing.Await;
import dev.deskbridge.host.testing.Hmac;
import dev.deskbridge.host.testing.HostFixture;
import dev.deskbridge.host.testing.TestChannel;
import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A host stopped with SIGTERM (what {@code systemctl stop} and {@code docker stop} send) while
 * webhooks arrive and workers run closes in order: nothing at ERROR in its log.
 */
class CleanShutdownTest {
    @TempDir
    Path dir;

    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();

    @Test
    void sigtermLogsNoError() throws Exception {
        WireMockServer crm = WireMockSupport.startLoopback();
        HostFixture.stubCrmOk(crm);
        Path portFile = dir.resolve("port");
        Path log = dir.resolve("host.log");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                CrashTestHostMain.class.getName(), "jdbc:h2:file:" + dir.resolve("db").toAbsolutePath(),
                WireMockSupport.baseUrl(crm), portFile.toString(), "0");
        pb.redirectErrorStream(true).redirectOutput(log.toFile()).directory(new File(System.getProperty("user.dir")));
        Process host = pb.start();
        AtomicBoolean posting = new AtomicBoolean(true);
        Thread traffic = null;
        try {
            Await.until("host started", Duration.ofSeconds(90), () -> {
                if (!host.isAlive()) {
                    throw new AssertionError("host exited: " + read(log));
                }
                return Files.exists(portFile);
            });
            int port = Integer.parseInt(Files.readString(portFile).trim());
            traffic = new Thread(() -> {
                for (int i = 0; posting.get(); i++) {
                    String body = TestChannel.messageWebhook("e" + i, "wamid.in-" + i, HostFixture.BUSINESS,
                            "+1201555" + String.format("%04d", i % 10_000), "message " + i, HostFixture.START);
                    try {
                        http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/webhooks/channels/"
                                + HostFixture.CHANNEL)).timeout(Duration.ofSeconds(5))
                                .header(TestChannel.SIGNATURE_HEADER, Hmac.sign(HostFixture.CHANNEL_SECRET,
                                        body.getBytes(StandardCharsets.UTF_8)))
                                .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                                HttpResponse.BodyHandlers.discarding());
                    } catch (Exception stopped) {
                        // The host is going away: expected at the end.
                    }
                }
            });
            traffic.start();
            Await.until("some messages reached the CRM", Duration.ofSeconds(60),
                    () -> crm.getAllServeEvents().size() >= 6);
            host.destroy();
            assertThat(host.waitFor(60, TimeUnit.SECONDS)).as("stopped").isTrue();
        } finally {
            posting.set(false);
            if (traffic != null) {
                traffic.join(10_000);
            }
            if (host.isAlive()) {
                host.destroyForcibly();
            }
            crm.stop();
        }
        assertThat(read(log).lines().filter(l -> l.contains(" ERROR ")).toList()).as(read(log)).isEmpty();
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (java.io.IOException e) {
            return "(no log)";
        }
    }
}
