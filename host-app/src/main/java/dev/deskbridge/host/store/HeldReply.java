package dev.deskbridge.host.store;

import dev.deskbridge.connector.api.model.ConversationId;
import java.time.Instant;
import java.util.Objects;

/**
 * An agent's reply kept until the customer answers the re-engagement template.
 *
 * @param sourceEvent the agent reply's source and event id, unique
 * @param payload the messages to send, as JSON
 */
public record HeldReply(long id, ConversationId conversationId, String sourceEvent, String author, String payload,
        Instant heldAt) {
    public HeldReply {
        Objects.requireNonNull(conversationId, "conversationId");
        Objects.requireNonNull(sourceEvent, "sourceEvent");
        Objects.requireNonNull(author, "author");
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(heldAt, "heldAt");
    }
}
