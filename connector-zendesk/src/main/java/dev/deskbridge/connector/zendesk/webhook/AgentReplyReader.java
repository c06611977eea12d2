package dev.deskbridge.connector.zendesk.webhook;

import dev.deskbridge.connector.api.model.AgentReply;
import dev.deskbridge.connector.api.model.ConversationId;
import dev.deskbridge.connector.api.model.MediaLink;
import dev.deskbridge.connector.api.model.TemplateCommandError;
import dev.deskbridge.connector.api.model.TemplateRequest;
import dev.deskbridge.connector.api.model.TicketRef;
import dev.deskbridge.connector.zendesk.client.Listings;
import dev.deskbridge.connector.zendesk.client.Lru;
import dev.deskbridge.connector.zendesk.client.ZendeskApi;
import dev.deskbridge.connector.zendesk.ticket.InternalNotes;
import dev.deskbridge.connector.zendesk.ticket.TicketData;
import dev.deskbridge.connector.zendesk.ticket.TicketWriter;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.zendesk.client.v2.model.Attachment;
import org.zendesk.client.v2.model.Comment;
import org.zendesk.client.v2.model.Role;
import org.zendesk.client.v2.model.Ticket;
import org.zendesk.client.v2.model.User;

/**
 * Turns a verified webhook into the agent's reply by reading the comment back from the API (the
 * webhook body is only a pointer). Only a public comment by an agent on a WhatsApp ticket is a
 * reply: what DeskBridge wrote itself (customer messages, posted as the requester; internal notes)
 * and anything else by an end user never goes back to WhatsApp.
 */
public final class AgentReplyReader {
    private static final int SCAN = 100;
    private static final int USERS_REMEMBERED = 1000;

    private final ZendeskApi api;
    private final Logger log;
    private final Map<Long, User> authors = Lru.map(USERS_REMEMBERED);

    public AgentReplyReader(ZendeskApi api, Logger log) {
        this.api = Objects.requireNonNull(api, "api");
        this.log = Objects.requireNonNull(log, "log");
    }

    /** The reply the webhook points at, or empty when it points at nothing to send. */
    public Optional<AgentReply> read(WebhookPayload payload) {
        long ticketId = payload.ticketId();
        Ticket ticket = api.call("read ticket " + ticketId, z -> z.getTicket(ticketId));
        if (ticket == null) {
            log.info("Webhook for ticket {}, which no longer exists: ignored", ticketId);
            return Optional.empty();
        }
        if (ticket.getTags() == null || !ticket.getTags().contains(TicketWriter.WHATSAPP_TAG)) {
            log.debug("Webhook for ticket {} without the {} tag: ignored", ticketId, TicketWriter.WHATSAPP_TAG);
            return Optional.empty();
        }
        List<Comment> latest = api.call("read comments of ticket " + ticketId,
                z -> Listings.upTo(z.getTicketComments(ticketId, org.zendesk.client.v2.model.SortOrder.DESCENDING),
                        SCAN));
        Optional<Comment> found = payload.commentId()
                .map(id -> latest.stream().filter(c -> id.equals(c.getId())).findFirst())
                .orElseGet(() -> latest.stream().filter(c -> Boolean.TRUE.equals(c.isPublic())).findFirst());
        if (found.isEmpty()) {
            log.warn("Webhook for ticket {} names comment {}, which is not among its latest comments: ignored",
                    ticketId, payload.commentId().map(String::valueOf).orElse("(none)"));
            return Optional.empty();
        }
        Comment comment = found.get();
        if (!isAgentReply(ticket, comment)) {
            return Optional.empty();
        }
        String text = comment.getBody() == null ? "" : comment.getBody().strip();
        List<MediaLink> files = comment.getAttachments() == null ? List.of() : comment.getAttachments().stream()
                .filter(a -> a.getContentUrl() != null)
                .map(AgentReplyReader::link)
                .toList();
        if (text.isEmpty() && files.isEmpty()) {
            return Optional.empty();
        }
        User author = author(comment.getAuthorId());
        Instant writtenAt = comment.getCreatedAt() == null ? Instant.EPOCH : comment.getCreatedAt().toInstant();
        Optional<ConversationId> conversation = Optional.ofNullable(ticket.getExternalId())
                .filter(s -> !s.isBlank()).map(ConversationId::of);
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
        return Optional.of(new AgentReply("zendesk:" + ticketId + ":" + comment.getId(),
                new TicketRef(String.valueOf(ticketId), Optional.of(api.access().agentTicketUrl(ticketId)),
                        Optional.ofNullable(ticket.getRequesterId()).map(TicketData::of)),
                conversation, author.getName() == null ? "agent " + author.getId() : author.getName(), text, files,
                writtenAt, template, templateError));
    }

    private boolean isAgentReply(Ticket ticket, Comment comment) {
        long ticketId = ticket.getId();
        if (!Boolean.TRUE.equals(comment.isPublic())) {
            log.debug("Comment {} on ticket {} is internal: not a reply", comment.getId(), ticketId);
            return false;
        }
        if (comment.getAuthorId() == null || comment.getAuthorId().equals(ticket.getRequesterId())) {
            log.debug("Comment {} on ticket {} is the customer's: not a reply", comment.getId(), ticketId);
            return false;
        }
        if (comment.getBody() != null && comment.getBody().startsWith(InternalNotes.MARKER)) {
            log.debug("Comment {} on ticket {} was written by DeskBridge: not a reply", comment.getId(), ticketId);
            return false;
        }
        User author = author(comment.getAuthorId());
        if (author.getRole() != Role.AGENT && author.getRole() != Role.ADMIN) {
            log.debug("Comment {} on ticket {} is by an end user: not a reply", comment.getId(), ticketId);
            return false;
        }
        return true;
    }

    private User author(long userId) {
        User known = authors.get(userId);
        if (known != null) {
            return known;
        }
        User user = api.call("read user " + userId, z -> z.getUser(userId));
        if (user == null) {
            user = new User();
            user.setId(userId);
        }
        authors.put(userId, user);
        return user;
    }

    private static MediaLink link(Attachment a) {
        String name = a.getFileName() == null || a.getFileName().isBlank() ? "attachment" : a.getFileName();
        return new MediaLink(a.getContentUrl(), name, Optional.ofNullable(a.getContentType()));
    }
}
