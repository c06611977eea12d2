package dev.deskbridge.host.store;

import java.util.Objects;
import java.util.Optional;

/**
 * An item to put on a queue; stored at most once per (source id, event id).
 *
 * @param conversationId required for the outbox
 */
public record NewQueueItem(String sourceId, String eventId, String eventType, String partitionKey, String payload,
        Optional<String> conversationId) {
    public NewQueueItem {
        Objects.requireNonNull(sourceId, "sourceId");
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(eventType, "eventType");
        Objects.requireNonNull(partitionKey, "partitionKey");
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(conversationId, "conversationId");
        if (eventId.isBlank()) {
            throw new IllegalArgumentException("event id must not be blank");
        }
    }
}
