package dev.deskbridge.connector.api.model;

import dev.deskbridge.connector.api.pricing.ConversationStatus;
import java.util.Objects;

/**
 * A message the business started, to be put on a ticket (see
 * {@link dev.deskbridge.connector.api.CrmSession#openTicket}).
 *
 * @param conversation the conversation, with its ticket when one exists
 * @param note what agents read: the message sent, its template and quote; its id is the write's identity
 * @param subject a short subject for a new ticket
 * @param reuseOpenTicket note it on the conversation's ticket while that is open, instead of a new ticket
 * @param status the window and cost to show on the ticket
 */
public record BusinessTicket(ConversationRef conversation, AgentNotice note, String subject, boolean reuseOpenTicket,
        ConversationStatus status) {
    public BusinessTicket {
        Objects.requireNonNull(conversation, "conversation");
        Objects.requireNonNull(note, "note");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(status, "status");
        if (subject.isBlank()) {
            throw new IllegalArgumentException("a ticket needs a subject");
        }
    }
}
