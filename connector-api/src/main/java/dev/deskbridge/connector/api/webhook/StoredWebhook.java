package dev.deskbridge.connector.api.webhook;

import java.util.Objects;

/**
 * A CRM webhook the session verified and the host stored, handed back to the session in a worker
 * to be read. Credentials the request carried in {@code Authorization} or {@code Cookie} headers
 * are not stored.
 *
 * @param id the host's id of this stored delivery: the same on every attempt to read it
 * @param request the request as it arrived (raw body, headers, receive time)
 */
public record StoredWebhook(String id, WebhookRequest request) {
    public StoredWebhook {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(request, "request");
    }
}
