package dev.deskbridge.connector.twilio.conversations;

import java.util.Objects;

/**
 * What a Twilio Conversations CRM instance is configured with, beyond the account.
 *
 * @param noteAuthor the author of notes DeskBridge posts for agents
 * @param triggerWebhooks whether customer messages DeskBridge posts trigger Conversations webhooks
 */
public record ConversationsConfig(String noteAuthor, boolean triggerWebhooks) {
    public ConversationsConfig {
        Objects.requireNonNull(noteAuthor, "noteAuthor");
        if (noteAuthor.isBlank()) {
            throw new IllegalArgumentException("note author must not be blank");
        }
    }
}
