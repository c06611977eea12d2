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
 * @param template a template the agent asked to send (a Zendesk macro's tag, a Conversations
 *     message attribute); the host checks, quotes and budgets it. Added in 0.2: the seven-argument
 *     constructor leaves it empty. With a template, text and attachments may be empty.
 * @param templateError a template the agent asked for in a way that cannot be read: the host tells
 *     the agents why and sends nothing. Added in 0.2: the shorter constructors leave it empty. With
 *     it, text and attachments may be empty; it never comes with {@code template}.
 */
public record AgentReply(String eventId, TicketRef ticket, Optional<ConversationId> conversation, String author,
        String text, List<MediaLink> attachments, Instant writtenAt, Optional<TemplateRequest> template,
        Optional<TemplateCommandError> templateError) {
    public AgentReply(String eventId, TicketRef ticket, Optional<ConversationId> conversation, String author,
            String text, List<MediaLink> attachments, Instant writtenAt) {
        this(eventId, ticket, conversation, author, text, attachments, writtenAt, Optional.empty());
    }

    public AgentReply(String eventId, TicketRef ticket, Optional<ConversationId> conversation, String author,
            String text, List<MediaLink> attachments, Instant writtenAt, Optional<TemplateRequest> template) {
        this(eventId, ticket, conversation, author, text, attachments, writtenAt, template, Optional.empty());
    }

    public AgentReply {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(ticket, "ticket");
        Objects.requireNonNull(conversation, "conversation");
        Objects.requireNonNull(author, "author");
        Objects.requireNonNull(text, "text");
        attachments = List.copyOf(Objects.requireNonNull(attachments, "attachments"));
        Objects.requireNonNull(writtenAt, "writtenAt");
        Objects.requireNonNull(template, "template");
        Objects.requireNonNull(templateError, "templateError");
        if (text.isBlank() && attachments.isEmpty() && template.isEmpty() && templateError.isEmpty()) {
            throw new IllegalArgumentException("an agent reply needs text, attachments or a template");
        }
        if (template.isPresent() && templateError.isPresent()) {
            throw new IllegalArgumentException("an agent reply has a template or a template error, not both");
        }
    }
}
