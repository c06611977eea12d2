package dev.deskbridge.connector.api.model;

import dev.deskbridge.connector.api.pricing.ConversationStatus;
import java.util.List;
import java.util.Objects;

/**
 * A customer message handed to a CRM session.
 *
 * @param conversation the conversation, with its ticket when one exists
 * @param message the message as received
 * @param attachments the message's media, already downloaded
 * @param status the window and cost after this message
 */
public record CustomerMessage(ConversationRef conversation, InboundMessage message, List<Attachment> attachments,
        ConversationStatus status) {
    public CustomerMessage {
        Objects.requireNonNull(conversation, "conversation");
        Objects.requireNonNull(message, "message");
        attachments = List.copyOf(Objects.requireNonNull(attachments, "attachments"));
        Objects.requireNonNull(status, "status");
    }
}
