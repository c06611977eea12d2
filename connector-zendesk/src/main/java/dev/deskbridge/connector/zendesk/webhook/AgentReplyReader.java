package dev.deskbridge.connector.zendesk.webhook;

import dev.deskbridge.connector.api.error.PermanentException;
import dev.deskbridge.connector.api.model.AgentReply;
import dev.deskbridge.connector.api.model.ConversationId;
import dev.deskbridge.connector.api.model.MediaLink;
import dev.deskbridge.connector.api.model.TemplateCommandError;
import dev.deskbridge.connector.api.model.TemplateRequest;
import dev.deskbridge.connector.api.model.TicketRef;
import dev.deskbridge.connector.zendesk.client.Lru;
import dev.deskbridge.connector.zendesk.client.ZendeskApi;
import dev.deskbridge.connector.zendesk.ticket.TicketData;
import dev.deskbridge.connector.zendesk.ticket.TicketWriter;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.zendesk.client.v2.model.Role;
import org.zendesk.client.v2.model.Ticket;
import org.zendesk.client.v2.model.User;

/**
 * Turns a verified webhook into the agent's reply by reading the comment back from the API (the
 * webhook body names the comment and says what the ticket is; the comment itself is read). Only a
 * public comment by an agent on a WhatsApp ticket is a reply: what DeskBridge wrote itself (customer messages, posted as the requester; internal notes)
 * and anything else by an end user never goes back to WhatsApp.
 */
public final class AgentReplyReader {
    private static final int SCAN = 100;
    private static final int USERS_REMEMBERED = 1000;

    private final ZendeskApi api;
    private final Logger log;
    private final Map<Long, TicketComments.Author> authors = Lru.map(USERS_REMEMBERED);

    public AgentReplyReader(ZendeskApi api, Logger log) {
        this.api = Objects.requireNonNull(api, "api");
        this.log = Objects.requireNonNull(log, "log");
    }

    /**
     * The reply the webhook points at, or empty when it points at nothing to send. One request when
     * the body carries the ticket's facts (the comments, their authors sideloaded); an older
     * trigger's body costs one more, the ticket read.
     */
    public Optional<AgentReply> read(WebhookPayload payload) {
        long ticketId = payload.ticketId();
        Optional<WebhookPayload.TicketFacts> facts = payload.ticket().or(() -> readTicket(ticketId));
        if (facts.isEmpty()) {
            log.info("Webhook for ticket {}, which no longer exists: ignored", ticketId);
            return Optional.empty();
        }
        WebhookPayload.TicketFacts ticket = facts.get();
        if (!ticket.tags().contains(TicketWriter.WHATSAPP_TAG)) {
            log.debug("Webhook for ticket {} without the {} tag: ignored", ticketId, TicketWriter.WHATSAPP_TAG);
            return Optional.empty();
        }
        Optional<TicketComments> latest = TicketComments.latest(api, ticketId, SCAN);
        if (latest.isEmpty()) {
            log.info("Webhook for ticket {}, which no longer exists: ignored", ticketId);
            return Optional.empty();
        }
        latest.get().authors().forEach(authors::put);
        List<TicketComments.Comment> comments = latest.get().comments();
        Optional<TicketComments.Comment> found = payload.commentId()
                .map(id -> comments.stream().filter(c -> c.id() == id).findFirst())
                .orElseGet(() -> comments.stream().filter(TicketComments.Comment::isPublic).findFirst());
        if (found.isEmpty()) {
            log.warn("Webhook for ticket {} names comment {}, which is not among its latest comments: ignored",
                    ticketId, payload.commentId().map(String::valueOf).orElse("(none)"));
            return Optional.empty();
        }
        TicketComments.Comment comment = found.get();
        if (!isAgentReply(ticketId, ticket.requesterId(), comment)) {
            return Optional.empty();
        }
        String text = comment.body().strip();
        List<MediaLink> files = comment.attachments();
        if (text.isEmpty() && files.isEmpty()) {
            return Optional.empty();
        }
        TicketComments.Author author = author(comment.authorId().orElseThrow());
        Optional<ConversationId> conversation = ticket.externalId().filter(s -> !s.isBlank()).map(ConversationId::of);
        Optional<TemplateRequest> template = Optional.empty();
        Optional<TemplateCommandError> templateError = Optional.empty();
        if (TemplateCommand.isCommand(text)) {
            // The macro's command: the host sends the template, or tells the agent why it cannot;
            // either way the comment's text never goes out.
            try {
                template = Optional.of(TemplateCommand.parse(text));
            } catch (TemplateCommand.UnreadableException e) {
                templateError = Optional.of(e.error());
            }
            text = "";
        }
        return Optional.of(new AgentReply("zendesk:" + ticketId + ":" + comment.id(),
                new TicketRef(String.valueOf(ticketId), Optional.of(api.access().agentTicketUrl(ticketId)),
                        Optional.of(TicketData.of(ticket.requesterId()))),
                conversation, author.name().orElse("agent " + author.id()), text, files,
                comment.createdAt(), template, templateError));
    }

    /** The ticket read back, for a body without its facts (a trigger set up by an older DeskBridge). */
    private Optional<WebhookPayload.TicketFacts> readTicket(long ticketId) {
        Ticket ticket = api.call("read ticket " + ticketId, z -> z.getTicket(ticketId));
        if (ticket == null) {
            return Optional.empty();
        }
        if (ticket.getRequesterId() == null || ticket.getRequesterId() <= 0) {
            // Every ticket has a requester; without one no comment can be told from the customer's.
            throw new PermanentException("Zendesk ticket " + ticketId + " was read without a requester");
        }
        return Optional.of(new WebhookPayload.TicketFacts(
                ticket.getTags() == null ? java.util.Set.of() : java.util.Set.copyOf(ticket.getTags()),
                ticket.getRequesterId(), Optional.ofNullable(ticket.getExternalId())));
    }

    private boolean isAgentReply(long ticketId, long requesterId, TicketComments.Comment comment) {
        // Who wrote it and whether it is public decide, never its text: DeskBridge's own notes are private,
        // and the customer's messages it writes are the requester's.
        if (!comment.isPublic()) {
            log.debug("Comment {} on ticket {} is internal: not a reply", comment.id(), ticketId);
            return false;
        }
        if (comment.authorId().isEmpty() || comment.authorId().get() == requesterId) {
            log.debug("Comment {} on ticket {} is the customer's: not a reply", comment.id(), ticketId);
            return false;
        }
        if (!author(comment.authorId().get()).isAgent()) {
            log.debug("Comment {} on ticket {} is by an end user: not a reply", comment.id(), ticketId);
            return false;
        }
        return true;
    }

    /** The author: sideloaded with the comments, remembered, or read when Zendesk did not sideload it. */
    private TicketComments.Author author(long userId) {
        TicketComments.Author known = authors.get(userId);
        if (known != null) {
            return known;
        }
        User user = api.call("read user " + userId, z -> z.getUser(userId));
        TicketComments.Author author = user == null
                ? new TicketComments.Author(userId, Optional.empty(), false)
                : new TicketComments.Author(userId, Optional.ofNullable(user.getName()),
                        user.getRole() == Role.AGENT || user.getRole() == Role.ADMIN);
        authors.put(userId, author);
        return author;
    }
}
