package dev.deskbridge.host.admin;

import dev.deskbridge.connector.api.model.ConversationId;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * An item the engine gave up on after its retry budget.
 *
 * @param id the dead letter's id, used to replay it
 * @param queue where it waited: {@code inbox} (a received event to process) or {@code outbox} (a send)
 * @param source where the item came from: {@code channel:wa-main}, {@code crm:zendesk-main}, or the engine
 * @param eventType what it was ({@code CUSTOMER_MESSAGE}, {@code SEND_REPLY}, ...)
 * @param conversation the conversation, when known
 * @param reason the last failure (never a secret)
 * @param attempts how many times it was tried
 * @param firstAttemptAt when it was first tried
 * @param deadAt when it was given up
 */
public record DeadLetterView(
        String id,
        String queue,
        String source,
        String eventType,
        Optional<ConversationId> conversation,
        String reason,
        int attempts,
        Instant firstAttemptAt,
        Instant deadAt) {

    public DeadLetterView {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(queue, "queue");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(eventType, "eventType");
        Objects.requireNonNull(conversation, "conversation");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(firstAttemptAt, "firstAttemptAt");
        Objects.requireNonNull(deadAt, "deadAt");
        if (attempts < 0) {
            throw new IllegalArgumentException("attempts must not be negative");
        }
    }

    /** The same dead letter with its conversation. */
    public DeadLetterView withConversation(Optional<ConversationId> c) {
        return new DeadLetterView(id, queue, source, eventType, c, reason, attempts, firstAttemptAt, deadAt);
    }
}
