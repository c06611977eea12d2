package dev.deskbridge.host.runtime;

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
 * Crash safety: webhooks acknowledged by a host that is then killed (kill -9) before processing
 * them, or before moving them from the intake journal into the database, are all delivered to the
 * CRM, exactly once, by the restarted host; work the killed host had
 * claimed is taken over within seconds; a send cut off by the kill is repeated and told on the
 * ticket as a possible duplicate.
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

    @Test
    void webhooksAcknowledgedButNotYetInTheDatabaseSurviveAKillAndReachTheCrmOnce() throws Exception {
        int firstPart = 12;
        int burst = 18;
        WireMockServer crm = WireMockSupport.startLoopback();
        HostFixture.stubCrmOk(crm);
        // H2 never writes in the background here: what the database has is what the mover made durable.
        String dbUrl = "jdbc:h2:file:" + dir.resolve("journal").resolve("db").toAbsolutePath()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;WRITE_DELAY=600000";
        Process first = null;
        Process second = null;
        try {
            // The intake journal's mover waits 3 s before each batch: it lags well behind the acknowledgements.
            first = startHost(List.of("-Dcrashtest.moverPauseMs=3000"), dbUrl, WireMockSupport.baseUrl(crm),
                    dir.resolve("journal-port-1"), 0);
            int port = awaitPort(first, dir.resolve("journal-port-1"));
            for (int i = 0; i < firstPart; i++) {
                assertThat(postMessage(port, i)).as("acknowledged").isEqualTo(200);
            }
            // The first part moved and processed, so the kill also finds work that left the journal.
            Await.until("the first messages in the CRM", Duration.ofSeconds(60),
                    () -> appends(crm).size() >= firstPart);
            long started = System.nanoTime();
            for (int i = firstPart; i < firstPart + burst; i++) {
                assertThat(postMessage(port, i)).as("acknowledged").isEqualTo(200);
            }
            long burstMs = (System.nanoTime() - started) / 1_000_000;
            first.destroyForcibly();
            assertThat(first.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(burstMs).as("the burst fit in the mover's pause, or the checks below prove little")
                    .isLessThan(2_500);
            assertThat(appends(crm)).as("the burst did not reach the CRM before the kill").hasSize(firstPart);
            // What the killed host acknowledged and had not moved is in its journal.
            try (IntakeJournal journal = IntakeJournal.open(dir.resolve("journal").resolve("db.intake"),
                    JournalSettings.DEFAULTS)) {
                assertThat(journal.take(1_000, Duration.ZERO)).as("acknowledged, not yet in the database")
                        .hasSizeGreaterThanOrEqualTo(burst);
            }

            second = startHost(dbUrl, WireMockSupport.baseUrl(crm), dir.resolve("journal-port-2"), 0);
            awaitPort(second, dir.resolve("journal-port-2"));
            Await.until("every acknowledged message in the CRM", Duration.ofSeconds(120),
                    () -> perMessage(crm).size() >= firstPart + burst);
            Thread.sleep(1_000); // a repeat would show up now
            Map<String, List<LoggedRequest>> perMessage = perMessage(crm);
            assertThat(perMessage).hasSize(firstPart + burst);
            perMessage.forEach((id, appends) -> assertThat(appends).as("appends of " + id).hasSize(1));
            assertThat(Files.readString(dir.resolve("journal-port-2.log")))
                    .contains("from the intake journal into the inbox");
        } finally {
            stop(first, second);
            crm.stop();
        }
    }

    @Test
    void workAKilledHostHadClaimedResumesWithinSecondsNothingLostNothingAppendedBlindlyTwice() throws Exception {
        WireMockServer crm = WireMockSupport.startLoopback();
        try {
            // The same load drained by a restarted host, once after a host that had claimed nothing
            // was killed, once after one killed in the middle of the work.
            Duration quiet = drainAfterRestart(crm, "quiet", false);
            Duration crashed = drainAfterRestart(crm, "crashed", true);
            System.out.printf("drain after restart: %d ms without work in flight, %d ms after a kill mid-load%n",
                    quiet.toMillis(), crashed.toMillis());
            assertThat(crashed).as("drain after a kill mid-load").isLessThanOrEqualTo(quiet.plusSeconds(10));
        } finally {
            crm.stop();
        }
    }

    /** How long a restarted host took to put every message on its ticket. */
    private Duration drainAfterRestart(WireMockServer crm, String name, boolean killMidLoad) throws Exception {
        int messages = 40;
        HostFixture.stubCrmOk(crm);
        // A CRM that takes its time, so that the workers hold claims when the host is killed.
        crm.stubFor(com.github.tomakehurst.wiremock.client.WireMock.post(
                com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo("/api/messages")).atPriority(5)
                .willReturn(com.github.tomakehurst.wiremock.client.WireMock.aResponse().withStatus(200)
                        .withHeader("Content-Type", "application/json").withFixedDelay(150)
                        .withBody("{\"ticketId\":\"T-{{jsonPath request.body '$.conversationId'}}\"}")
                        .withTransformers("response-template")));
        String dbUrl = "jdbc:h2:file:" + dir.resolve(name).resolve("db").toAbsolutePath()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;WRITE_DELAY=600000";
        Process first = null;
        Process second = null;
        try {
            first = startHost(dbUrl, WireMockSupport.baseUrl(crm), dir.resolve(name + "-port-1"),
                    killMidLoad ? 0 : 600_000);
            int port = awaitPort(first, dir.resolve(name + "-port-1"));
            for (int i = 0; i < messages; i++) {
                assertThat(postMessage(port, i)).as("acknowledged").isEqualTo(200);
            }
            if (killMidLoad) {
                Await.until("a part of the work done", Duration.ofSeconds(60), () -> appends(crm).size() >= 8);
            }
            first.destroyForcibly();
            assertThat(first.waitFor(60, TimeUnit.SECONDS)).isTrue();
            int before = appends(crm).size();
            if (killMidLoad) {
                assertThat(before).as("killed mid-load").isLessThan(messages);
            }

            second = startHost(dbUrl, WireMockSupport.baseUrl(crm), dir.resolve(name + "-port-2"), 0);
            awaitPort(second, dir.resolve(name + "-port-2"));
            long up = System.nanoTime();
            Await.until("every message on its ticket", Duration.ofSeconds(120),
                    () -> perMessage(crm).size() == messages);
            Duration drain = Duration.ofNanos(System.nanoTime() - up);
            Thread.sleep(500); // a late repeat would show up now
            // Nothing lost; a repeat after the kill says it is one (the CRM looks for the message's id
            // first), so no message is appended blindly twice.
            Map<String, List<LoggedRequest>> perMessage = perMessage(crm);
            assertThat(perMessage).hasSize(messages);
            perMessage.forEach((id, appends) -> assertThat(appends.stream()
                    .filter(r -> r.getBodyAsString().contains("\"retry\":false")).count())
                    .as("blind appends of " + id).isLessThanOrEqualTo(1));
            return drain;
        } finally {
            stop(first, second);
        }
    }

    @Test
    void aRefusedEventsBadRecordSurvivesAKillRightAfterTheAcknowledgement() throws Exception {
        WireMockServer crm = WireMockSupport.startLoopback();
        HostFixture.stubCrmOk(crm);
        // H2 never writes in the background here: what the file has is what the host made durable.
        String dbUrl = "jdbc:h2:file:" + dir.resolve("bad").resolve("db").toAbsolutePath()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;WRITE_DELAY=600000";
        Process host = null;
        try {
            host = startHost(dbUrl, WireMockSupport.baseUrl(crm), dir.resolve("bad-port"), 600_000);
            int port = awaitPort(host, dir.resolve("bad-port"));
            // An event id over its limit: the event is refused on its own, and kept only as a bad record.
            String body = TestChannel.messageWebhook("e" + "x".repeat(500), "wamid.in-bad", HostFixture.BUSINESS,
                    "+12015550001", "hello", HostFixture.START);
            assertThat(post(port, "/webhooks/channels/" + HostFixture.CHANNEL, TestChannel.SIGNATURE_HEADER,
                    HostFixture.CHANNEL_SECRET, body)).as("acknowledged").isEqualTo(200);
            host.destroyForcibly();
            assertThat(host.waitFor(60, TimeUnit.SECONDS)).isTrue();
            // A host started and stopped again: the database is then whole whatever the kill left.
            host = startHost(dbUrl, WireMockSupport.baseUrl(crm), dir.resolve("bad-port-2"), 600_000);
            awaitPort(host, dir.resolve("bad-port-2"));
            stop(host);

            try (java.sql.Connection c = java.sql.DriverManager.getConnection(dbUrl, "sa", "");
                    java.sql.ResultSet rs = c.createStatement().executeQuery("SELECT reason FROM bad_records")) {
                assertThat(rs.next()).as("the bad record is on disk").isTrue();
                assertThat(rs.getString(1)).startsWith("event id is 501 characters long");
            }
        } finally {
            stop(host);
            crm.stop();
        }
    }

    @Test
    void aSendCutOffByAKillIsRepeatedAfterTheRestartAndToldOnTheTicket() throws Exception {
        WireMockServer crm = WireMockSupport.startLoopback();
        WireMockServer graph = WireMockSupport.startLoopback();
        String messagesPath = "/v23.0/" + HostFixture.META_PHONE_NUMBER_ID + "/messages";
        HostFixture.stubCrmOk(crm);
        // The provider takes the message and is slow to say so: the host is killed while it waits.
        graph.stubFor(com.github.tomakehurst.wiremock.client.WireMock.post(
                com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo(messagesPath))
                .willReturn(graphAccepted("wamid.FIRST").withFixedDelay(60_000)));
        String dbUrl = "jdbc:h2:file:" + dir.resolve("send").resolve("db").toAbsolutePath()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;WRITE_DELAY=600000";
        Process first = null;
        Process second = null;
        try {
            String graphUrl = WireMockSupport.baseUrl(graph);
            first = startHost(dbUrl, WireMockSupport.baseUrl(crm), dir.resolve("send-port-1"), 0, graphUrl);
            int port = awaitPort(first, dir.resolve("send-port-1"));
            String inbound = dev.deskbridge.host.testing.MetaWebhooks.text("wamid.IN1", HostFixture.CUSTOMER, "Hi",
                    HostFixture.START);
            assertThat(post(port, "/webhooks/channels/" + HostFixture.CHANNEL, "X-Hub-Signature-256",
                    HostFixture.META_APP_SECRET, inbound)).isEqualTo(200);
            // The status the host shows on the ticket comes after it stored the ticket's id.
            Await.until("ticket", Duration.ofSeconds(60), () -> !crm.findAll(
                    com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor(
                            com.github.tomakehurst.wiremock.client.WireMock.urlMatching("/api/tickets/.*/status")))
                    .isEmpty());
            String reply = dev.deskbridge.host.testing.HttpJsonCrm.replyWebhook("r1",
                    "T-" + conversationId(appends(crm).get(0)), "Your parcel is on its way", HostFixture.START);
            assertThat(post(port, "/webhooks/crms/" + HostFixture.CRM, dev.deskbridge.host.testing.HttpJsonCrm
                    .SIGNATURE_HEADER, HostFixture.CRM_SECRET, reply)).isEqualTo(200);
            Await.until("the send reached the provider", Duration.ofSeconds(60), () -> sends(graph, messagesPath) == 1);
            first.destroyForcibly();
            assertThat(first.waitFor(60, TimeUnit.SECONDS)).isTrue();

            graph.resetAll();
            graph.stubFor(com.github.tomakehurst.wiremock.client.WireMock.post(
                    com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo(messagesPath))
                    .willReturn(graphAccepted("wamid.SECOND")));
            second = startHost(dbUrl, WireMockSupport.baseUrl(crm), dir.resolve("send-port-2"), 0, graphUrl);
            awaitPort(second, dir.resolve("send-port-2"));
            long up = System.nanoTime();
            Await.until("the send repeated", Duration.ofSeconds(60), () -> sends(graph, messagesPath) == 1);
            Await.until("a possible duplicate told on the ticket", Duration.ofSeconds(30),
                    () -> notes(crm, "POSSIBLE_DUPLICATE").size() == 1);
            Duration resumed = Duration.ofNanos(System.nanoTime() - up);
            // Meta's statuses name their send, so the host first waits 30 s (from its start) for one that
            // would say Meta has it; none comes here, so it sends again and says so on the ticket.
            assertThat(resumed).as("the send waited for a status, then resumed")
                    .isBetween(Duration.ofSeconds(25), Duration.ofSeconds(50));
            assertThat(notes(crm, "POSSIBLE_DUPLICATE").get(0).getBodyAsString())
                    .contains("Your parcel is on its way").contains("may have received");
            Thread.sleep(500);
            assertThat(sends(graph, messagesPath)).as("sent once more, not again and again").isEqualTo(1);
            assertThat(notes(crm, "DELIVERY_FAILED")).isEmpty();
        } finally {
            stop(first, second);
            crm.stop();
            graph.stop();
        }
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder graphAccepted(String wamid) {
        return com.github.tomakehurst.wiremock.client.WireMock.aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"messaging_product\":\"whatsapp\",\"contacts\":[{\"input\":\"12015550123\",\"wa_id\":"
                        + "\"12015550123\"}],\"messages\":[{\"id\":\"" + wamid + "\"}]}");
    }

    private static int sends(WireMockServer graph, String path) {
        return graph.findAll(com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor(
                com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo(path))).size();
    }

    private static List<LoggedRequest> notes(WireMockServer crm, String kind) {
        return crm.findAll(com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor(
                com.github.tomakehurst.wiremock.client.WireMock.urlMatching("/api/tickets/.*/notes"))).stream()
                .filter(r -> r.getBodyAsString().contains("\"" + kind + "\"")).toList();
    }

    private static String conversationId(LoggedRequest append) {
        return append.getBodyAsString().replaceAll(".*\"conversationId\":\"([^\"]+)\".*", "$1");
    }

    private int postMessage(int port, int i) throws Exception {
        String body = TestChannel.messageWebhook("e" + i, "wamid.in-" + i, HostFixture.BUSINESS,
                "+1201555" + String.format("%04d", i), "message " + i, HostFixture.START);
        return post(port, "/webhooks/channels/" + HostFixture.CHANNEL, TestChannel.SIGNATURE_HEADER,
                HostFixture.CHANNEL_SECRET, body);
    }

    private int post(int port, String path, String header, String secret, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header(header, Hmac.sign(secret, body.getBytes(StandardCharsets.UTF_8)))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString())
                .statusCode();
    }

    private static Map<String, List<LoggedRequest>> perMessage(WireMockServer crm) {
        return appends(crm).stream().collect(Collectors.groupingBy(
                r -> r.getBodyAsString().replaceAll(".*\"providerMessageId\":\"([^\"]+)\".*", "$1")));
    }

    private static void stop(Process... processes) throws InterruptedException {
        for (Process p : processes) {
            if (p != null && p.isAlive()) {
                p.destroy();
                if (!p.waitFor(30, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            }
        }
    }

    private static List<LoggedRequest> appends(WireMockServer crm) {
        return crm.findAll(com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor(
                com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo("/api/messages")));
    }

    private Process startHost(String dbUrl, String crmUrl, Path portFile, long startDelayMs, String... graphUrl)
            throws IOException {
        return startHost(List.of(), dbUrl, crmUrl, portFile, startDelayMs, graphUrl);
    }

    private Process startHost(List<String> jvmOptions, String dbUrl, String crmUrl, Path portFile, long startDelayMs,
            String... graphUrl) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new java.util.ArrayList<>(List.of(java, "-Xmx256m"));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), CrashTestHostMain.class.getName(), dbUrl,
                crmUrl, portFile.toString(), String.valueOf(startDelayMs)));
        command.addAll(List.of(graphUrl));
        ProcessBuilder pb = new ProcessBuilder(command);
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
