package dev.deskbridge.connector.api.model;

import java.util.Objects;

/** DeskBridge's own id of a conversation between one business number and one customer. */
public record ConversationId(String value) {
    public ConversationId {
        Objects.requireNonNull(value, "value");
        if (value.isBlank()) {
            throw new IllegalArgumentException("conversation id must not be blank");
        }
    }

    public static ConversationId of(String value) {
        return new ConversationId(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
