package dev.deskbridge.connector.api.webhook;

import java.util.Objects;
import java.util.Optional;

/**
 * What a CRM session says of a webhook it has verified, so the host can store it: only what the
 * verified body itself names, never anything fetched.
 *
 * @param eventId the CRM's own id of the event (for example ticket and comment id); a repeated
 *     delivery with the same id is dropped at the door. Empty stores every delivery (the replies
 *     read from them are still de-duplicated by {@link dev.deskbridge.connector.api.model.AgentReply#eventId()})
 * @param orderKey webhooks with the same key are read one at a time, in the order they arrived
 *     (use the ticket); empty puts the webhook in one line with every other keyless webhook of
 *     this CRM
 */
public record VerifiedWebhook(Optional<String> eventId, Optional<String> orderKey) {
    public VerifiedWebhook {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(orderKey, "orderKey");
        if (eventId.filter(String::isBlank).isPresent() || orderKey.filter(String::isBlank).isPresent()) {
            throw new IllegalArgumentException("eventId and orderKey must not be blank when given");
        }
    }

    /** A webhook whose body names nothing the host could use: stored as it came, read in arrival order. */
    public static VerifiedWebhook anonymous() {
        return new VerifiedWebhook(Optional.empty(), Optional.empty());
    }

    /** A webhook for {@code eventId} on {@code orderKey} (its ticket). */
    public static VerifiedWebhook of(String eventId, String orderKey) {
        return new VerifiedWebhook(Optional.of(eventId), Optional.of(orderKey));
    }
}
