package dev.deskbridge.connector.api.model;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An agent's public answer in the CRM, to go out to the customer.
 *
 * @param eventId de-duplication id: the same CRM comment always gives the same id
 * @param ticket the ticket it was written on
 * @param conversation the conversation, when the CRM knows it (Zendesk {@code external_id})
 * @param author the agent's name or id, for notes and reports
 * @param text the reply's text (may be empty when only attachments were given)
 * @param attachments files the agent attached
 * @param writtenAt when the agent wrote it
 */
public record AgentReply(String eventId, TicketRef ticket, Optional<ConversationId> conversation, String author,
        String text, List<MediaLink> attachments, Instant writtenAt) {
    public AgentReply {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(ticket, "ticket");
        Objects.requireNonNull(conversation, "conversation");
        Objects.requireNonNull(author, "author");
        Objects.requireNonNull(text, "text");
        attachments = List.copyOf(Objects.requireNonNull(attachments, "attachments"));
        Objects.requireNonNull(writtenAt, "writtenAt");
        if (text.isBlank() && attachments.isEmpty()) {
            throw new IllegalArgumentException("an agent reply needs text or attachments");
        }
    }
}
