package dev.deskbridge.host.store;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * An item the host gave up on, with the reason; an operator can replay it.
 *
 * @param queue {@code INBOX} or {@code OUTBOX}
 * @param itemId the item's id in its queue
 */
public record DeadLetter(long id, Queue queue, long itemId, String sourceId, String eventType, String partitionKey,
        String reason, int attempts, Instant createdAt, Optional<Instant> replayedAt) {
    public DeadLetter {
        Objects.requireNonNull(queue, "queue");
        Objects.requireNonNull(sourceId, "sourceId");
        Objects.requireNonNull(eventType, "eventType");
        Objects.requireNonNull(partitionKey, "partitionKey");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(replayedAt, "replayedAt");
    }
}
