package dev.deskbridge.connector.testkit;

import dev.deskbridge.connector.api.webhook.WebhookRequest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds {@link WebhookRequest}s for tests. */
public final class WebhookRequests {
    private String method = "POST";
    private String publicUrl = "https://deskbridge.example/webhooks/test";
    private final Map<String, List<String>> headers = new LinkedHashMap<>();
    private final Map<String, List<String>> query = new LinkedHashMap<>();
    private byte[] body = new byte[0];
    private Instant receivedAt = Instant.parse("2026-10-05T08:00:00Z");

    public static WebhookRequests post(String publicUrl) {
        WebhookRequests r = new WebhookRequests();
        r.publicUrl = publicUrl;
        return r;
    }

    public static WebhookRequests get(String publicUrl) {
        WebhookRequests r = post(publicUrl);
        r.method = "GET";
        return r;
    }

    public WebhookRequests header(String name, String value) {
        headers.put(name, List.of(value));
        return this;
    }

    public WebhookRequests query(String name, String value) {
        query.put(name, List.of(value));
        return this;
    }

    public WebhookRequests body(String text) {
        this.body = text.getBytes(StandardCharsets.UTF_8);
        return this;
    }

    public WebhookRequests body(byte[] bytes) {
        this.body = bytes.clone();
        return this;
    }

    public WebhookRequests receivedAt(Instant at) {
        this.receivedAt = at;
        return this;
    }

    public WebhookRequest build() {
        return new WebhookRequest(method, publicUrl, headers, query, body, receivedAt);
    }
}
