package dev.deskbridge.connector.twilio.conversations;

import java.util.Objects;
import java.util.Optional;

/**
 * What a Twilio Conversations CRM instance is configured with, beyond the account.
 *
 * @param noteAuthor the author of notes DeskBridge posts for agents
 * @param triggerWebhooks whether customer messages DeskBridge posts trigger Conversations webhooks
 * @param conversationWebhookUrl where each Conversation DeskBridge makes reports {@code onMessageAdded}
 *     through its own scoped webhook, when set
 */
public record ConversationsConfig(String noteAuthor, boolean triggerWebhooks, Optional<String> conversationWebhookUrl) {
    public ConversationsConfig {
        Objects.requireNonNull(noteAuthor, "noteAuthor");
        Objects.requireNonNull(conversationWebhookUrl, "conversationWebhookUrl");
        if (noteAuthor.isBlank()) {
            throw new IllegalArgumentException("note author must not be blank");
        }
    }
}
