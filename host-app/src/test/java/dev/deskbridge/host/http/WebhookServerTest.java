package dev.deskbridge.host.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.deskbridge.connector.api.ChannelCapability;
import dev.deskbridge.connector.api.ChannelSession;
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
import dev.deskbridge.host.testing.HostFixture;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
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
                throw new WebhookRejectedException(WebhookRejectedException.Reason.BAD_SIGNATURE, "wrong verify token");
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

    @BeforeEach
    void start() {
        host = BridgeHost.builder()
                .http(new HostConfig(URI.create("https://bridge.example.test/"), new HttpConfig("127.0.0.1", 0, 1024),
                        Optional.empty()))
                .database(Database.h2File(dir.resolve("db")))
                .engine(HostFixture.fastEngine())
                .pricing(HostFixture.goldenPricing())
                .sessions(services -> new ConnectorSessions(Map.of("wa", new RecordingChannel()), Map.of()))
                .pluginsReady(pluginsReady::get)
                .start();
    }

    @AfterEach
    void stop() {
        host.close();
    }

    private HttpResponse<String> send(HttpRequest.Builder b) throws Exception {
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest.Builder at(String path) {
        return HttpRequest.newBuilder(URI.create(host.localUrl() + path));
    }

    @Test
    void rawBytesHeadersAndThePublicUrlReachTheSession() throws Exception {
        byte[] body = {'{', ' ', '"', 'a', '"', ':', (byte) 0xC3, (byte) 0xA9, ' ', '}', '\n'};
        HttpResponse<String> r = send(at("/webhooks/channels/wa?x=1&y=two").header("X-Hub-Signature-256", "sha256=ab")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
        assertThat(r.statusCode()).isEqualTo(200);
        WebhookRequest got = received.get(0);
        assertThat(got.body()).isEqualTo(body);
        assertThat(got.method()).isEqualTo("POST");
        assertThat(got.publicUrl()).isEqualTo("https://bridge.example.test/webhooks/channels/wa?x=1&y=two");
        assertThat(got.header("x-hub-signature-256")).contains("sha256=ab");
        assertThat(got.queryParam("y")).contains("two");
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
                .statusCode()).isEqualTo(401);
        assertThat(send(at("/webhooks/channels/wa").GET()).statusCode()).isEqualTo(400);
    }

    @Test
    void healthTellsLivenessAndReadiness() throws Exception {
        HttpResponse<String> up = send(at("/health").GET());
        assertThat(up.statusCode()).isEqualTo(200);
        assertThat(up.body()).contains("\"status\":\"UP\"").contains("\"database\":\"UP\"")
                .contains("\"plugins\":\"UP\"");
        pluginsReady.set(false);
        HttpResponse<String> down = send(at("/health").GET());
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
}
