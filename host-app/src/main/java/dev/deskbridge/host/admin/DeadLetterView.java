package dev.deskbridge.host.admin;

import dev.deskbridge.connector.api.model.ConversationId;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * An item the engine gave up on after its retry budget.
 *
 * @param id the dead letter's id, used to replay it
 * @param queue where it came from: {@code inbox} (a received webhook) or {@code outbox} (a send)
 * @param target the configured channel or CRM instance it was for ({@code zendesk-main})
 * @param conversation the conversation, when known
 * @param reason the last failure (never a secret)
 * @param attempts how many times it was tried
 * @param firstAttemptAt when it was first tried
 * @param deadAt when it was given up
 */
public record DeadLetterView(
        String id,
        String queue,
        String target,
        Optional<ConversationId> conversation,
        String reason,
        int attempts,
        Instant firstAttemptAt,
        Instant deadAt) {

    public DeadLetterView {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(queue, "queue");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(conversation, "conversation");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(firstAttemptAt, "firstAttemptAt");
        Objects.requireNonNull(deadAt, "deadAt");
        if (attempts < 0) {
            throw new IllegalArgumentException("attempts must not be negative");
        }
    }
}
