package dev.deskbridge.host.store;

import dev.deskbridge.host.logging.LogSafe;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One claimed item of a queue.
 *
 * @param queue inbox or outbox
 * @param id the row id (the outbox id is the send's idempotency key)
 * @param sourceId where it came from ({@code channel:wa-main}, {@code crm:zendesk-main}, {@code engine})
 * @param eventId the source's de-duplication id
 * @param eventType what the payload is
 * @param partitionKey items with the same key are processed one at a time, in id order
 * @param payload the event as JSON
 * @param attempts attempts so far, this one included
 * @param createdAt when it was stored
 * @param conversationId the conversation (outbox items always have one)
 */
public record QueueItem(Queue queue, long id, String sourceId, String eventId, String eventType, String partitionKey,
        String payload, int attempts, Instant createdAt, Optional<String> conversationId) {
    public QueueItem {
        Objects.requireNonNull(queue, "queue");
        Objects.requireNonNull(sourceId, "sourceId");
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(eventType, "eventType");
        Objects.requireNonNull(partitionKey, "partitionKey");
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(conversationId, "conversationId");
    }

    /** A short description for logs and dead letters; never the payload. */
    public String describe() {
        return queue.table() + "#" + id + " " + eventType + " from " + sourceId + " (event " + LogSafe.text(eventId) + ")";
    }
}
