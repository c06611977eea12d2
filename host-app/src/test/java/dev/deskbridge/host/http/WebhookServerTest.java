package dev.deskbridge.host.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.deskbridge.connector.api.ChannelCapability;
import dev.deskbridge.connector.api.ChannelSession;
import dev.deskbridge.connector.api.CrmCapability;
import dev.deskbridge.connector.api.CrmSession;
import dev.deskbridge.connector.api.model.AgentNotice;
import dev.deskbridge.connector.api.model.AgentReply;
import dev.deskbridge.connector.api.model.CustomerMessage;
import dev.deskbridge.connector.api.model.DeliveryNotice;
import dev.deskbridge.connector.api.model.TicketRef;
import dev.deskbridge.connector.api.pricing.ConversationStatus;
import dev.deskbridge.connector.api.webhook.StoredWebhook;
import dev.deskbridge.connector.api.webhook.VerifiedWebhook;
import dev.deskbridge.connector.api.error.WebhookRejectedException;
import dev.deskbridge.connector.api.model.ChannelEvent;
import dev.deskbridge.connector.api.model.SendRequest;
import dev.deskbridge.connector.api.model.SendResult;
import dev.deskbridge.connector.api.webhook.WebhookRequest;
import dev.deskbridge.connector.api.webhook.WebhookResponse;
import dev.deskbridge.host.config.HostConfig;
import dev.deskbridge.host.config.HttpConfig;
import dev.deskbridge.host.engine.ConnectorSessions;
import dev.deskbridge.host.runtime.BridgeHost;
import dev.deskbridge.host.store.Database;
import dev.deskbridge.host.store.journal.JournalSettings;
import dev.deskbridge.host.testing.HostFixture;
import dev.deskbridge.connector.api.model.InboundMessage;
import dev.deskbridge.connector.api.model.MessageContent;
import dev.deskbridge.connector.api.model.PhoneNumber;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The HTTP face: raw bytes and public URL reach the session, handshake, size limit, health and metrics. */
class WebhookServerTest {
    @TempDir
    Path dir;

    final List<WebhookRequest> received = new CopyOnWriteArrayList<>();
    final AtomicBoolean pluginsReady = new AtomicBoolean(true);
    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    BridgeHost host;
    final List<String> webhookResults = new CopyOnWriteArrayList<>();

    /** Accepts anything, remembers what it was given, answers Meta-style handshakes. */
    final class RecordingChannel implements ChannelSession {
        @Override
        public Set<ChannelCapability> capabilities() {
            return Set.of(ChannelCapability.HANDSHAKE);
        }

        @Override
        public SendResult send(SendRequest request) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<WebhookResponse> handshake(WebhookRequest request) {
            if (request.queryParam("hub.mode").isEmpty()) {
                return Optional.empty();
            }
            if (!request.queryParam("hub.verify_token").equals(Optional.of("right"))) {
                throw new WebhookRejectedException("wrong verify token", WebhookRejectedException.Reason.BAD_SIGNATURE);
            }
            return Optional.of(WebhookResponse.text(200, request.queryParam("hub.challenge").orElse("")));
        }

        @Override
        public List<ChannelEvent> receive(WebhookRequest request) {
            received.add(request);
            return List.of();
        }

        @Override
        public void close() {}
    }

    /** A channel that only receives; what it makes of a webhook is the subclass's. */
    abstract static class ReceivingChannel implements ChannelSession {
        @Override
        public Set<ChannelCapability> capabilities() {
            return Set.of();
        }

        @Override
        public SendResult send(SendRequest request) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void close() {}
    }

    /** Reads a webhook whose bad record cannot be kept: the store fails under the session's read. */
    static final class BadRecordStoreDownChannel extends ReceivingChannel {
        @Override
        public List<ChannelEvent> receive(WebhookRequest request) {
            // What context.reportBadRecord throws when BadRecordStore.add cannot write.
            throw new dev.deskbridge.host.store.StoreException("bad_records: connection refused", null);
        }
    }

    /** Gives two messages per delivery, the first with an id over its limit; or rejects, quoting the body. */
    static final class BatchChannel extends ReceivingChannel {
        @Override
        public List<ChannelEvent> receive(WebhookRequest request) {
            String body = new String(request.body(), StandardCharsets.UTF_8);
            if (!body.startsWith("ok")) {
                throw new WebhookRejectedException("not a delivery: " + body,
                        WebhookRejectedException.Reason.MALFORMED_BODY);
            }
            return List.of(message("msg:" + "x".repeat(700)), message("msg:good"));
        }

        private static InboundMessage message(String eventId) {
            return new InboundMessage(eventId, eventId.substring(4), PhoneNumber.of("+15550001111"),
                    PhoneNumber.of("+4915112345678"), Optional.empty(), Instant.parse("2026-10-05T08:00:00Z"),
                    new MessageContent.Text("hi"), Optional.empty(), Optional.empty());
        }
    }

    final CountDownLatch readAllowed = new CountDownLatch(1);
    final List<StoredWebhook> read = new CopyOnWriteArrayList<>();

    /** Verifies anything; its worker-side read waits until the test allows it. */
    final class GatedCrm implements CrmSession {
        @Override
        public Set<CrmCapability> capabilities() {
            return Set.of(CrmCapability.WEBHOOKS);
        }

        @Override
        public VerifiedWebhook verify(WebhookRequest request) {
            return VerifiedWebhook.of("event-1", "ticket-1");
        }

        @Override
        public List<AgentReply> read(StoredWebhook webhook) {
            try {
                readAllowed.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            read.add(webhook);
            return List.of();
        }

        @Override
        public TicketRef appendCustomerMessage(CustomerMessage message) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void updateStatus(TicketRef ticket, ConversationStatus status) {}

        @Override
        public void recordDelivery(TicketRef ticket, DeliveryNotice notice) {}

        @Override
        public void notifyAgents(TicketRef ticket, AgentNotice notice) {}

        @Override
        public void close() {}
    }

    @BeforeEach
    void start() {
        host = BridgeHost.builder()
                .http(new HostConfig(URI.create("https://bridge.example.test/"), new HttpConfig("127.0.0.1", 0, 1024),
                        Optional.empty()))
                .database(Database.h2File(dir.resolve("db")))
                .engine(HostFixture.fastEngine())
                .pricing(HostFixture.goldenPricing())
                .sessions(services -> new ConnectorSessions(Map.of("wa", new RecordingChannel(), "batch",
                        new BatchChannel(), "store-down", new BadRecordStoreDownChannel()), Map.of("crm", new GatedCrm())))
                .pluginsReady(pluginsReady::get)
                // Whether a webhook's handler left a result for Javalin to write (seen after it, before the write).
                .httpRoutes(app -> app.after("/webhooks/*", ctx -> webhookResults.add(
                        Optional.ofNullable(ctx.resultInputStream()).map(Object::toString).orElse("none"))))
                .start();
    }

    @AfterEach
    void stop() {
        readAllowed.countDown();
        host.close();
    }

    private HttpResponse<String> send(HttpRequest.Builder b) throws Exception {
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest.Builder at(String path) {
        return HttpRequest.newBuilder(URI.create(host.localUrl() + path));
    }

    @Test
    void aStoreFailureWhileTheSessionReadsIsA503TheProviderRetries() throws Exception {
        HttpResponse<String> r = send(at("/webhooks/channels/store-down").POST(HttpRequest.BodyPublishers.ofString("{}")));

        assertThat(r.statusCode()).isEqualTo(503);
        assertThat(r.headers().firstValue("Retry-After")).contains("1");
        assertThat(r.body()).contains("store_unavailable");
    }

    @Test
    void rawBytesHeadersAndThePublicUrlReachTheSession() throws Exception {
        byte[] body = {'{', ' ', '"', 'a', '"', ':', (byte) 0xC3, (byte) 0xA9, ' ', '}', '\n'};
        HttpResponse<String> r = send(at("/webhooks/channels/wa?x=1&y=two").header("X-Hub-Signature-256", "sha256=ab")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).as("the acknowledgement has no body").isEmpty();
        assertThat(r.headers().firstValueAsLong("Content-Length")).hasValue(0);
        // Not even an empty result: Javalin copies any result through a fresh 8 KB buffer.
        assertThat(webhookResults).as("the acknowledgement sets no result").containsExactly("none");
        WebhookRequest got = received.get(0);
        assertThat(got.body()).isEqualTo(body);
        assertThat(got.method()).isEqualTo("POST");
        assertThat(got.publicUrl()).isEqualTo("https://bridge.example.test/webhooks/channels/wa?x=1&y=two");
        assertThat(got.header("x-hub-signature-256")).contains("sha256=ab");
        assertThat(got.queryParam("y")).contains("two");
    }

    @Test
    void aCrmWebhookIsAnsweredBeforeItIsReadAndKeptWithoutCredentials() throws Exception {
        HttpRequest.Builder webhook = at("/webhooks/crms/crm").header("Authorization", "Basic c2VjcmV0OnNlY3JldA==")
                .header("X-Crm-Signature", "s1").POST(HttpRequest.BodyPublishers.ofString("{\"ticket\":\"t\"}"));

        assertThat(send(webhook).statusCode()).as("answered while the read cannot run").isEqualTo(200);
        assertThat(send(webhook).statusCode()).as("a repeated delivery").isEqualTo(200);
        assertThat(read).isEmpty();
        readAllowed.countDown();

        dev.deskbridge.host.testing.Await.until("the webhook read", () -> !read.isEmpty());
        StoredWebhook stored = read.get(0);
        assertThat(stored.id()).isEqualTo("webhook:event-1");
        assertThat(stored.request().bodyText()).isEqualTo("{\"ticket\":\"t\"}");
        assertThat(stored.request().header("X-Crm-Signature")).contains("s1");
        assertThat(stored.request().header("Authorization")).as("credentials are not stored").isEmpty();
    }

    @Test
    void bodiesOverTheLimitAreRefused() throws Exception {
        HttpResponse<String> r = send(at("/webhooks/channels/wa").POST(HttpRequest.BodyPublishers.ofByteArray(
                new byte[2048])));
        assertThat(r.statusCode()).isEqualTo(413);
        assertThat(received).isEmpty();
    }

    @Test
    void unknownSourcesAre404() throws Exception {
        assertThat(send(at("/webhooks/channels/nope").POST(HttpRequest.BodyPublishers.ofString("{}"))).statusCode())
                .isEqualTo(404);
        assertThat(send(at("/webhooks/crms/nope").POST(HttpRequest.BodyPublishers.ofString("{}"))).statusCode())
                .isEqualTo(404);
    }

    @Test
    void getAnswersTheChannelsHandshake() throws Exception {
        HttpResponse<String> ok = send(at("/webhooks/channels/wa?hub.mode=subscribe&hub.verify_token=right"
                + "&hub.challenge=1158201444").GET());
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.body()).isEqualTo("1158201444");
        assertThat(send(at("/webhooks/channels/wa?hub.mode=subscribe&hub.verify_token=wrong&hub.challenge=1").GET())
                .statusCode()).isEqualTo(403);
        assertThat(send(at("/webhooks/channels/wa").GET()).statusCode()).isEqualTo(400);
    }

    @Test
    void healthTellsLivenessAndReadiness() throws Exception {
        HttpResponse<String> up = send(at("/health").GET());
        assertThat(up.statusCode()).isEqualTo(200);
        assertThat(up.body()).contains("\"status\":\"UP\"").contains("\"database\":\"UP\"")
                .contains("\"plugins\":\"UP\"");
        pluginsReady.set(false);
        // The checks' results answer for a second (HealthCheck.MAX_AGE): DOWN within that, not at once.
        long until = System.nanoTime() + java.time.Duration.ofSeconds(3).toNanos();
        HttpResponse<String> down = send(at("/health").GET());
        while (down.statusCode() == 200 && System.nanoTime() < until) {
            Thread.sleep(100);
            down = send(at("/health").GET());
        }
        assertThat(down.statusCode()).isEqualTo(503);
        assertThat(down.body()).contains("\"live\":true").contains("\"plugins\":\"DOWN\"");
    }

    @Test
    void metricsArePrometheusText() throws Exception {
        send(at("/webhooks/channels/wa").POST(HttpRequest.BodyPublishers.ofString("{}")));
        send(at("/webhooks/channels/wa").POST(HttpRequest.BodyPublishers.ofByteArray(new byte[2048])));
        HttpResponse<String> r = send(at("/metrics").GET());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
        assertThat(r.body()).contains("deskbridge_webhooks_received_total{source=\"channel:wa\"} 1.0")
                .contains("deskbridge_webhooks_rejected_total{reason=\"too_large\",source=\"channel:wa\"} 1.0")
                .contains("deskbridge_outbox_depth 0.0")
                .contains("deskbridge_inbox_depth 0.0");
    }

    @Test
    void unknownSourcesCostOneSeriesHoweverManyIdsAreTried() throws Exception {
        send(at("/webhooks/channels/first-unknown").POST(HttpRequest.BodyPublishers.ofString("{}")));
        int before = send(at("/metrics").GET()).body().length();
        java.util.Random random = new java.util.Random(13);
        for (int i = 0; i < 2000; i++) {
            String id = Long.toString(random.nextLong() & Long.MAX_VALUE, 36) + "x".repeat(random.nextInt(300));
            HttpRequest.Builder b = at((i % 2 == 0 ? "/webhooks/channels/" : "/webhooks/crms/") + id);
            send(i % 3 == 0 && i % 2 == 0 ? b.GET() : b.POST(HttpRequest.BodyPublishers.ofString("{}")));
        }
        String after = send(at("/metrics").GET()).body();
        assertThat(Math.abs(after.length() - before)).isLessThanOrEqualTo(1024);
        assertThat(after).contains("deskbridge_webhooks_rejected_total{reason=\"unknown_source\",source=\"unknown\"} 2001.0");
    }

    private static ch.qos.logback.classic.Logger serverLogger() {
        return (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(WebhookServer.class);
    }

    /** Keeps WebhookServer's log lines from now on; detach it from {@link #serverLogger()} after. */
    private static ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> serverLog() {
        ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> logs =
                new ch.qos.logback.core.read.ListAppender<>();
        logs.start();
        serverLogger().addAppender(logs);
        return logs;
    }

    @Test
    void requestValuesReachTheLogCappedAndEscaped() throws Exception {
        ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> logs = serverLog();
        try {
            assertThat(send(at("/webhooks/channels/x%0d%0aFORGED%20line").POST(HttpRequest.BodyPublishers.ofString("{}")))
                    .statusCode()).isEqualTo(404);
            String huge = "\u001b[31m\r\nFORGED " + "y".repeat(900);
            HttpResponse<String> r = send(at("/webhooks/channels/batch").POST(HttpRequest.BodyPublishers.ofString(huge)));
            assertThat(r.statusCode()).isEqualTo(400);
            assertThat(r.body()).hasSizeLessThan(400).doesNotContain("\r").doesNotContain("\n");
        } finally {
            serverLogger().detachAppender(logs);
        }
        assertThat(logs.list).hasSize(2).allSatisfy(e -> assertThat(e.getFormattedMessage())
                .doesNotContain("\r").doesNotContain("\n").doesNotContain("\u001b").hasSizeLessThan(600));
        assertThat(logs.list.get(0).getFormattedMessage()).contains("x\\r\\nFORGED line");
    }

    /** A host of its own on an H2 file named {@code name}, with the batch channel and these journal settings. */
    private BridgeHost batchHost(String name, JournalSettings journal) {
        return BridgeHost.builder()
                .http(new HostConfig(URI.create("https://bridge.example.test/"), new HttpConfig("127.0.0.1", 0, 1024),
                        Optional.empty()))
                .database(Database.h2File(dir.resolve(name)))
                .engine(HostFixture.fastEngine())
                .pricing(HostFixture.goldenPricing())
                .intakeJournal(journal)
                .sessions(services -> new ConnectorSessions(Map.of("batch", new BatchChannel()), Map.of()))
                .start();
    }

    @Test
    void aJournalThatCannotBeWrittenFailsTheHealthCheck() throws Exception {
        // Segments of 4 KiB: a few webhooks need a new one, which its deleted folder cannot hold.
        JournalSettings small = new JournalSettings(4096, 1 << 20, java.time.Duration.ofMillis(200),
                java.time.Duration.ZERO);
        try (BridgeHost broken = batchHost("broken", small)) {
            HttpRequest.Builder health = HttpRequest.newBuilder(URI.create(broken.localUrl() + "/health"));
            assertThat(send(health).body()).contains("\"intake\":\"UP\"");
            try (java.util.stream.Stream<java.nio.file.Path> files = java.nio.file.Files.walk(dir.resolve("broken.intake"))) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
            HttpRequest.Builder webhook = HttpRequest.newBuilder(URI.create(broken.localUrl() + "/webhooks/channels/batch"))
                    .POST(HttpRequest.BodyPublishers.ofString("ok"));
            int refused = 0;
            for (int i = 0; i < 40 && refused == 0; i++) {
                refused += send(webhook).statusCode() == 503 ? 1 : 0;
            }
            assertThat(refused).as("a webhook refused once the journal failed").isEqualTo(1);
            // The health check is cached for up to a second.
            HttpResponse<String> r = send(health);
            for (int i = 0; i < 50 && r.statusCode() != 503; i++) {
                Thread.sleep(100);
                r = send(health);
            }
            assertThat(r.statusCode()).isEqualTo(503);
            assertThat(r.body()).contains("\"intake\":\"DOWN\"", "\"database\":\"UP\"");
        }
    }

    @Test
    void aFullJournalRefusesEveryWebhookButLogsOnlyTheFirstRefusal() throws Exception {
        // One record fits; the mover waits a minute before it takes any: every later webhook finds the journal full.
        JournalSettings full = new JournalSettings(4096, 1, java.time.Duration.ofMillis(1),
                java.time.Duration.ofMinutes(1));
        ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> logs = serverLog();
        try (BridgeHost busy = batchHost("busy", full)) {
            HttpRequest.Builder webhook = HttpRequest.newBuilder(URI.create(busy.localUrl() + "/webhooks/channels/batch"))
                    .POST(HttpRequest.BodyPublishers.ofString("ok"));
            assertThat(send(webhook).statusCode()).as("the one record that fits").isEqualTo(200);
            for (int i = 0; i < 50; i++) {
                HttpResponse<String> r = send(webhook);
                assertThat(r.statusCode()).isEqualTo(503);
                assertThat(r.headers().firstValue("Retry-After")).hasValue("1");
                assertThat(r.body()).startsWith("busy:");
            }
            assertThat(busy.meters().scrape()).contains(
                    "deskbridge_webhooks_rejected_total{reason=\"busy\",source=\"channel:batch\"} 50.0");
        } finally {
            serverLogger().detachAppender(logs);
        }
        List<String> refusals = logs.list.stream().filter(e -> e.getFormattedMessage().contains("rejected webhook"))
                .map(e -> e.getLevel() + " " + e.getFormattedMessage()).toList();
        assertThat(refusals).as("50 refusals within %s", WebhookServer.REFUSAL_LOG_EVERY).hasSize(1);
        assertThat(refusals.get(0)).startsWith("WARN rejected webhook for channel:batch: 503 too many events")
                .contains("the intake journal holds");
        // Each of the 51 deliveries also held an event over a field limit: one line too.
        assertThat(logs.list).filteredOn(e -> e.getFormattedMessage().startsWith("webhook event for batch refused"))
                .hasSize(1);
    }

    @Test
    void anEventOverAFieldLimitIsRefusedAloneAndKeptAsABadRecord() throws Exception {
        HttpResponse<String> r = send(at("/webhooks/channels/batch").POST(HttpRequest.BodyPublishers.ofString("ok")));
        assertThat(r.statusCode()).isEqualTo(200);
        // Acknowledged once in the intake journal (an H2 file here); the mover puts it in the inbox.
        java.util.function.Supplier<List<String>> stored = () -> host.database().inTransaction(c ->
                dev.deskbridge.host.store.Jdbc.query(c, "SELECT event_id FROM inbox", rs -> rs.getString(1)));
        dev.deskbridge.host.testing.Await.until("the good event in the inbox", () -> !stored.get().isEmpty());
        assertThat(stored.get()).containsExactly("msg:good");
        List<String> bad = host.database().inTransaction(c -> dev.deskbridge.host.store.Jdbc.query(c,
                "SELECT instance_id, source, reason, raw_base64 FROM bad_records",
                rs -> rs.getString(1) + "|" + rs.getString(2) + "|" + rs.getString(3) + "|" + rs.getString(4)));
        assertThat(bad).singleElement().satisfies(row -> assertThat(row)
                .startsWith("batch|webhook|event id is 704 characters long; at most 400")
                .endsWith("|b2s="));
        // A second delivery of the same: still acknowledged, never a retry loop.
        assertThat(send(at("/webhooks/channels/batch").POST(HttpRequest.BodyPublishers.ofString("ok"))).statusCode())
                .isEqualTo(200);
    }

    @Test
    void aDeliveryWhoseRefusedEventCannotBeKeptAsABadRecordIsAnswered503() throws Exception {
        // The bad record is a refused event's only trace: if it cannot be written, the provider must send it again.
        host.database().inTransactionDo(c -> c.createStatement().execute("ALTER TABLE bad_records RENAME TO away"));
        HttpResponse<String> r = send(at("/webhooks/channels/batch").POST(HttpRequest.BodyPublishers.ofString("ok")));
        host.database().inTransactionDo(c -> c.createStatement().execute("ALTER TABLE away RENAME TO bad_records"));

        assertThat(r.statusCode()).isEqualTo(503);
        assertThat(r.headers().firstValue("Retry-After")).hasValue("1");
        assertThat(r.body()).contains("store_unavailable");
        // Sent again, it is taken whole: the good event and the refused one's bad record.
        assertThat(send(at("/webhooks/channels/batch").POST(HttpRequest.BodyPublishers.ofString("ok"))).statusCode())
                .isEqualTo(200);
        dev.deskbridge.host.testing.Await.until("the good event in the inbox", () -> host.database().inTransaction(
                c -> dev.deskbridge.host.store.Jdbc.count(c, "SELECT COUNT(*) FROM inbox")) == 1);
        long badRecords = host.database().inTransaction(c -> dev.deskbridge.host.store.Jdbc.count(c,
                "SELECT COUNT(*) FROM bad_records"));
        assertThat(badRecords).isEqualTo(1);
    }

    /** A webhook POST whose body follows in chunks, as a client streaming an upload of unknown length sends it. */
    private static final byte[] CHUNKED_HEAD = ("POST /webhooks/channels/wa HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            + "Transfer-Encoding: chunked\r\n\r\n").getBytes(StandardCharsets.US_ASCII);

    /** Writes a webhook's head declaring {@code length} bytes of JSON, then {@code start} of its body. */
    private static void sendHead(java.net.Socket socket, String length, String start) throws java.io.IOException {
        socket.getOutputStream().write(("POST /webhooks/channels/wa HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Content-Type: application/json\r\nContent-Length: " + length + "\r\n\r\n" + start)
                .getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
    }

    /** The first line of the host's answer on a raw connection. */
    private static String statusLine(java.net.Socket socket) throws java.io.IOException {
        return new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream(),
                StandardCharsets.US_ASCII)).readLine();
    }

    @Test
    void aHugeDeclaredLengthIsRefusedAtOnce() throws Exception {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", host.port())) {
            socket.setSoTimeout(5_000);
            sendHead(socket, "2147483648", "{");
            String status = statusLine(socket);
            assertThat(status).isEqualTo("HTTP/1.1 413 Payload Too Large");
        }
        assertThat(received).isEmpty();
    }

    @Test
    void aChunkedBodyOverTheLimitIsAnsweredBeforeItEnds() throws Exception {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", host.port())) {
            socket.setSoTimeout(10_000);
            java.io.OutputStream out = socket.getOutputStream();
            out.write(CHUNKED_HEAD);
            // 8 KB in chunks, and the body never ends: only a host that stops at its 1 KB limit answers.
            for (int i = 0; i < 8; i++) {
                out.write(("400\r\n" + "a".repeat(1024) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            }
            out.flush();
            String status = statusLine(socket);
            assertThat(status).isEqualTo("HTTP/1.1 413 Payload Too Large");
        }
        assertThat(received).isEmpty();
    }

    @Test
    void a400MegabyteChunkedUploadLeavesTheHeapFlat() throws Exception {
        java.lang.management.MemoryPoolMXBean old = java.lang.management.ManagementFactory.getMemoryPoolMXBeans()
                .stream().filter(p -> p.getType() == java.lang.management.MemoryType.HEAP)
                .filter(p -> p.getName().contains("Old") || p.getName().contains("Tenured")).findFirst().orElseThrow();
        System.gc();
        old.resetPeakUsage();
        long before = old.getUsage().getUsed();
        long total = 400L * 1024 * 1024;
        java.util.concurrent.atomic.AtomicLong written = new java.util.concurrent.atomic.AtomicLong();
        String status;
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", host.port())) {
            socket.setSoTimeout(30_000);
            java.io.OutputStream out = socket.getOutputStream();
            Thread writer = new Thread(() -> {
                byte[] chunk = new byte[64 * 1024];
                java.util.Arrays.fill(chunk, (byte) 'a');
                byte[] head = (Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.US_ASCII);
                try {
                    out.write(CHUNKED_HEAD);
                    while (written.get() < total) {
                        out.write(head);
                        out.write(chunk);
                        out.write('\r');
                        out.write('\n');
                        written.addAndGet(chunk.length);
                    }
                    out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                } catch (java.io.IOException closedByTheServer) {
                    // The host hung up after its 413.
                }
            });
            writer.start();
            status = statusLine(socket);
            writer.join(60_000);
        }
        assertThat(status).isEqualTo("HTTP/1.1 413 Payload Too Large");
        // A body read whole would be one 400 MB array: straight into the old generation.
        assertThat(old.getPeakUsage().getUsed() - before).isLessThan(20L * 1024 * 1024);
        assertThat(received).isEmpty();
    }

    /**
     * Three hundred strangers' requests whose bodies come a byte at a time, more than the server has
     * threads (250): a signed webhook and the health check are still answered at once. Before, each
     * slow body held a thread in a blocking read, and neither was answered while they lasted.
     */
    @Test
    void slowBodiesHoldNoThreadsSoWebhooksAndHealthAreStillAnswered() throws Exception {
        List<java.net.Socket> slow = new java.util.ArrayList<>();
        try {
            for (int i = 0; i < 300; i++) {
                java.net.Socket socket = new java.net.Socket("127.0.0.1", host.port());
                sendHead(socket, "1000", "{");
                slow.add(socket);
            }
            Thread.sleep(500); // every request dispatched and waiting for its body
            long start = System.nanoTime();
            HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                    + host.port() + "/health")).timeout(Duration.ofSeconds(5)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> webhook = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                    + host.port() + "/webhooks/channels/wa")).timeout(Duration.ofSeconds(5))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"entry\":[]}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(webhook.statusCode()).isEqualTo(200);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        } finally {
            for (java.net.Socket socket : slow) {
                socket.close();
            }
        }
    }

    @Test
    void aBodyThatDoesNotArriveWithinTheDeadlineIsAnswered408AndNotRead() throws Exception {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", host.port())) {
            socket.setSoTimeout(20_000);
            sendHead(socket, "100", "{\"a\":");
            long start = System.nanoTime();
            String status = statusLine(socket);
            assertThat(status).isEqualTo("HTTP/1.1 408 Request Timeout");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThan(ArrivingBody.DEADLINE.minusSeconds(1));
        }
        assertThat(received).isEmpty();
    }

    @Test
    void aBodyThatComesInPiecesIsReadWhole() throws Exception {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", host.port())) {
            socket.setSoTimeout(10_000);
            java.io.OutputStream out = socket.getOutputStream();
            String body = "{\"entry\":[" + "1,".repeat(200) + "2]}";
            sendHead(socket, String.valueOf(body.length()), "");
            for (int i = 0; i < body.length(); i += 100) {
                out.write(body.substring(i, Math.min(body.length(), i + 100)).getBytes(StandardCharsets.US_ASCII));
                out.flush();
                Thread.sleep(50);
            }
            assertThat(statusLine(socket)).isEqualTo("HTTP/1.1 200 OK");
        }
        assertThat(received).singleElement().satisfies(r -> assertThat(new String(r.body(), StandardCharsets.UTF_8))
                .startsWith("{\"entry\":[1,").endsWith("2]}"));
    }
}
