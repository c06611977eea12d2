package dev.deskbridge.host.runtime;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.deskbridge.connector.testkit.WireMockSupport;
import dev.deskbridge.host.store.journal.IntakeJournal;
import dev.deskbridge.host.store.journal.JournalSettings;
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
 * kill -9 of the real host process while webhooks are acknowledged (forced to the intake journal)
 * but not yet moved into the database: the restarted host moves them from the journal and every
 * acknowledged message reaches the CRM exactly once, those moved before the kill included.
 */
class IntakeJournalCrashTest {
    static final int FIRST = 12;
    static final int SECOND = 18;

    @TempDir
    Path dir;

    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Test
    void webhooksAcknowledgedButNotYetInTheDatabaseSurviveAKillAndReachTheCrmOnce() throws Exception {
        WireMockServer crm = WireMockSupport.startLoopback();
        HostFixture.stubCrmOk(crm);
        // H2 never writes in the background here: what the database has is what the mover made durable.
        Path db = dir.resolve("db");
        String dbUrl = "jdbc:h2:file:" + db.toAbsolutePath()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;WRITE_DELAY=600000";
        Process first = null;
        Process second = null;
        try {
            // The mover waits 3 s before each batch: it lags well behind the acknowledgements.
            first = startHost(dbUrl, WireMockSupport.baseUrl(crm), dir.resolve("port-1"), 3_000);
            int port = awaitPort(first, dir.resolve("port-1"));
            for (int i = 0; i < FIRST; i++) {
                assertThat(postMessage(port, i)).as("acknowledged").isEqualTo(200);
            }
            // The first batch moved and processed, so the kill also finds work that left the journal.
            Await.until("the first messages in the CRM", Duration.ofSeconds(60), () -> appends(crm).size() >= FIRST);
            long burst = System.nanoTime();
            for (int i = FIRST; i < FIRST + SECOND; i++) {
                assertThat(postMessage(port, i)).as("acknowledged").isEqualTo(200);
            }
            long burstMs = (System.nanoTime() - burst) / 1_000_000;
            first.destroyForcibly();
            assertThat(first.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(burstMs).as("the burst fit in the mover's pause, or the check below proves little")
                    .isLessThan(2_500);
            assertThat(appends(crm)).as("the burst did not reach the CRM before the kill").hasSize(FIRST);

            // What the killed host acknowledged and had not moved is in its journal.
            Path journalDir = dir.resolve("db.intake");
            try (IntakeJournal journal = IntakeJournal.open(journalDir, JournalSettings.DEFAULTS)) {
                assertThat(journal.take(1_000, Duration.ZERO)).as("acknowledged, not yet in the database")
                        .hasSizeGreaterThanOrEqualTo(SECOND);
            }

            second = startHost(dbUrl, WireMockSupport.baseUrl(crm), dir.resolve("port-2"), 0);
            awaitPort(second, dir.resolve("port-2"));
            Await.until("every acknowledged message in the CRM", Duration.ofSeconds(120),
                    () -> perMessage(crm).size() >= FIRST + SECOND);
            Thread.sleep(1_000); // a repeat would show up now
            Map<String, List<LoggedRequest>> perMessage = perMessage(crm);
            assertThat(perMessage).hasSize(FIRST + SECOND);
            perMessage.forEach((id, appends) -> assertThat(appends).as("appends of " + id).hasSize(1));
            assertThat(Files.readString(dir.resolve("port-2.log"))).contains("from the intake journal into the inbox");
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

    private int postMessage(int port, int i) throws Exception {
        String body = TestChannel.messageWebhook("e" + i, "wamid.in-" + i, HostFixture.BUSINESS,
                "+1201555" + String.format("%04d", i), "message " + i, HostFixture.START);
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/webhooks/channels/"
                + HostFixture.CHANNEL)).header(TestChannel.SIGNATURE_HEADER,
                Hmac.sign(HostFixture.CHANNEL_SECRET, body.getBytes(StandardCharsets.UTF_8)))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString())
                .statusCode();
    }

    private static List<LoggedRequest> appends(WireMockServer crm) {
        return crm.findAll(postRequestedFor(urlEqualTo("/api/messages")));
    }

    private static Map<String, List<LoggedRequest>> perMessage(WireMockServer crm) {
        return appends(crm).stream().collect(Collectors.groupingBy(
                r -> r.getBodyAsString().replaceAll(".*\"providerMessageId\":\"([^\"]+)\".*", "$1")));
    }

    private Process startHost(String dbUrl, String crmUrl, Path portFile, long moverPauseMs) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-Xmx256m", "-Dcrashtest.moverPauseMs=" + moverPauseMs, "-cp",
                System.getProperty("java.class.path"), CrashTestHostMain.class.getName(), dbUrl, crmUrl,
                portFile.toString(), "0");
        pb.redirectErrorStream(true);
        pb.redirectOutput(dir.resolve(portFile.getFileName() + ".log").toFile());
        pb.directory(new File(System.getProperty("user.dir")));
        return pb.start();
    }

    private int awaitPort(Process p, Path portFile) throws IOException {
        Await.until("host started (log: " + portFile + ".log)", Duration.ofSeconds(90), () -> {
            if (!p.isAlive()) {
                throw new AssertionError("host exited (log: " + portFile + ".log)");
            }
            return Files.exists(portFile);
        });
        return Integer.parseInt(Files.readString(portFile).trim());
    }
}
