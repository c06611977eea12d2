package dev.deskbridge.connector.api.webhook;

import java.util.Objects;

/** What the host answers a provider's handshake with. */
public record WebhookResponse(int status, String contentType, String body) {
    public WebhookResponse {
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(body, "body");
    }

    public static WebhookResponse text(int status, String body) {
        return new WebhookResponse(status, "text/plain", body);
    }
}
