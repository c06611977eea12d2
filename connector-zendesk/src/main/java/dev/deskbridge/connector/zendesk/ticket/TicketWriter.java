package dev.deskbridge.connector.zendesk.ticket;

import dev.deskbridge.connector.api.error.PermanentException;
import dev.deskbridge.connector.api.error.RetryableException;
import dev.deskbridge.connector.api.model.Attachment;
import dev.deskbridge.connector.api.model.ConversationId;
import dev.deskbridge.connector.api.model.ConversationRef;
import dev.deskbridge.connector.api.model.CustomerMessage;
import dev.deskbridge.connector.api.model.EntryLink;
import dev.deskbridge.connector.api.model.InboundMessage;
import dev.deskbridge.connector.api.model.TicketRef;
import dev.deskbridge.connector.zendesk.client.Listings;
import dev.deskbridge.connector.zendesk.client.Lru;
import dev.deskbridge.connector.zendesk.client.TicketChange;
import dev.deskbridge.connector.zendesk.client.ZendeskApi;
import dev.deskbridge.connector.zendesk.client.ZendeskRejectedException;
import dev.deskbridge.connector.zendesk.customer.CustomerDirectory;
import dev.deskbridge.connector.zendesk.status.StatusMemory;
import dev.deskbridge.connector.zendesk.status.StatusView;
import dev.deskbridge.connector.zendesk.status.TicketFields;
import dev.deskbridge.connector.zendesk.status.WindowTags;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.zendesk.client.v2.model.Attachment.Upload;
import org.zendesk.client.v2.model.Comment;
import org.zendesk.client.v2.model.CustomFieldValue;
import org.zendesk.client.v2.model.IdempotentResult;
import org.zendesk.client.v2.model.Status;
import org.zendesk.client.v2.model.Ticket;

/**
 * Puts customer messages on tickets: the first message of a conversation creates a ticket
 * (idempotently), later ones become public comments by the customer. A solved (or pending, on-hold)
 * ticket is reopened; a closed ticket, or one at Zendesk's comment limit, gets a follow-up ticket
 * that carries the conversation from then on.
 */
public final class TicketWriter {
    /** Tag every DeskBridge ticket carries; the agent-reply trigger requires it. */
    public static final String WHATSAPP_TAG = "whatsapp";
    private static final Set<Status> REOPEN = EnumSet.of(Status.SOLVED, Status.PENDING, Status.HOLD);
    private static final int UPLOADS_REMEMBERED = 500;

    private final ZendeskApi api;
    private final CustomerDirectory customers;
    private final TicketFields fields;
    private final StatusMemory memory;
    private final CommentGuard guard;
    private final InternalNotes notes;
    private final Logger log;
    // Upload tokens per message event, so a retry reuses them (and sends the same create body).
    private final Map<String, String> uploads = Lru.map(UPLOADS_REMEMBERED);

    public TicketWriter(ZendeskApi api, CustomerDirectory customers, TicketFields fields, StatusMemory memory,
            CommentGuard guard, InternalNotes notes, Logger log) {
        this.api = Objects.requireNonNull(api, "api");
        this.customers = Objects.requireNonNull(customers, "customers");
        this.fields = Objects.requireNonNull(fields, "fields");
        this.memory = Objects.requireNonNull(memory, "memory");
        this.guard = Objects.requireNonNull(guard, "guard");
        this.notes = Objects.requireNonNull(notes, "notes");
        this.log = Objects.requireNonNull(log, "log");
    }

    /** Puts the message on the conversation's ticket; the ticket that now carries the conversation. */
    public TicketRef append(CustomerMessage message) {
        ConversationRef conversation = message.conversation();
        InboundMessage in = message.message();
        long requester = customers.requesterFor(in.customer(), in.customerName().or(conversation::customerName));
        String body = commentBody(in);
        Optional<String> uploadToken = upload(in.eventId(), message.attachments());
        Draft draft = new Draft(conversation.id(), in, requester, body, uploadToken, StatusView.of(message.status()),
                message.entryLink());

        Optional<Ticket> current = conversation.ticket().flatMap(ref -> readTicket(ref.id()));
        boolean foundByLookup = false;
        if (current.isEmpty()) {
            current = newestByExternalId(conversation.id());
            foundByLookup = current.isPresent();
        }
        TicketRef result;
        if (current.isEmpty()) {
            result = ref(create(draft, "new", Optional.empty(), Optional.empty()));
        } else if (current.get().getStatus() == Status.CLOSED) {
            result = followUp(draft, current.get(), false);
        } else {
            result = comment(draft, current.get(), foundByLookup || message.retry());
        }
        uploads.remove(in.eventId());
        return result;
    }

    private TicketRef comment(Draft draft, Ticket ticket, boolean checkFirst) {
        long id = ticket.getId();
        TicketChange change = new TicketChange(id);
        change.setComment(customerComment(draft));
        if (REOPEN.contains(ticket.getStatus())) {
            change.setStatus(Status.OPEN);
        }
        // The window view rides along, sparing the separate status update that usually follows.
        List<CustomFieldValue> values = fieldValues(draft);
        if (!values.isEmpty()) {
            change.setCustomFields(values);
        }
        change.setAdditionalTags(tags(draft));
        change.setRemoveTags(WindowTags.othersThan(draft.view.windowTag()));
        String marker = messageMarker(draft.in);
        CommentGuard.mark(change, marker);
        try {
            guard.post(id, marker, checkFirst,
                    () -> api.call("add customer message to ticket " + id, z -> z.updateTicket(change)));
        } catch (ZendeskRejectedException e) {
            if (e.ticketClosed()) {
                log.info("Ticket {} was closed meanwhile; opening a follow-up", id);
                return followUp(draft, ticket, false);
            }
            if (e.commentLimitReached()) {
                log.info("Ticket {} reached Zendesk's comment limit; opening a follow-up", id);
                return followUp(draft, ticket, true);
            }
            throw e;
        } catch (RetryableException e) {
            memory.forget(id);
            throw e;
        }
        memory.wrote(id, draft.view);
        if (change.getStatus() == Status.OPEN) {
            log.info("Reopened {} ticket {} for a new customer message", ticket.getStatus(), id);
        }
        return ref(id);
    }

    private TicketRef followUp(Draft draft, Ticket old, boolean commentLimit) {
        Optional<String> oldSubject = Optional.ofNullable(old.getSubject()).filter(s -> !s.isBlank());
        if (!commentLimit) {
            return ref(create(draft, "followup:" + old.getId(), Optional.of(old.getId()), oldSubject));
        }
        try {
            return ref(create(draft, "followup:" + old.getId(), Optional.of(old.getId()), oldSubject));
        } catch (ZendeskRejectedException e) {
            if (e.status() != 422) {
                throw e;
            }
            // Zendesk links follow-ups to closed tickets only: link this one with a note instead.
            log.info("Zendesk refused a follow-up link to open ticket {} ({}); linking with a note",
                    old.getId(), e.zendeskMessage());
            long created = create(draft, "continued:" + old.getId(), Optional.empty(), oldSubject);
            notes.add(created, "continues:" + old.getId() + ":" + draft.in.eventId(),
                    "This WhatsApp conversation continues ticket #" + old.getId()
                    + ", which reached Zendesk's comment limit.", List.of(), List.of());
            return ref(created);
        }
    }

    /** Creates the ticket; the new (or, on a retry, the earlier) ticket's id. */
    private long create(Draft draft, String purpose, Optional<Long> followUpOf, Optional<String> subject) {
        TicketChange ticket = new TicketChange();
        ticket.setRequesterId(draft.requester);
        ticket.setSubject(subject.orElseGet(() -> TicketSubject.from(draft.in.content().summary(), draft.in.customer())));
        ticket.setComment(customerComment(draft));
        // The key makes the creation idempotent; the marker lets a later retry find the message on it.
        CommentGuard.mark(ticket, messageMarker(draft.in));
        ticket.setExternalId(draft.conversation.value());
        ticket.setTags(tags(draft));
        List<CustomFieldValue> values = fieldValues(draft);
        if (!values.isEmpty()) {
            ticket.setCustomFields(values);
        }
        followUpOf.ifPresent(ticket::setViaFollowupSourceId);
        String key = IdempotencyKeys.ticketCreate(draft.conversation, draft.in.eventId(), purpose);
        Ticket created;
        try {
            IdempotentResult<Ticket> result = api.call("create ticket", z -> z.createTicketIdempotent(ticket, key));
            created = result.get();
            if (created != null && created.getId() != null) {
                log.info("{} Zendesk ticket {} for conversation {}{}",
                        result.isDuplicateRequest() ? "Zendesk replayed the creation of" : "Created", created.getId(),
                        draft.conversation, followUpOf.map(old -> " (follow-up of " + old + ")").orElse(""));
            }
        } catch (ZendeskRejectedException e) {
            if (!e.idempotencyConflict()) {
                throw e;
            }
            // The first create with this key succeeded with other parameters: find that ticket.
            created = newestByExternalId(draft.conversation)
                    .filter(t -> followUpOf.map(old -> !old.equals(t.getId())).orElse(true))
                    .orElseThrow(() -> e);
            log.info("Found ticket {} created by an earlier attempt for conversation {}", created.getId(),
                    draft.conversation);
        }
        if (created == null || created.getId() == null) {
            throw new RetryableException("Zendesk answered the ticket creation without a ticket id");
        }
        memory.wrote(created.getId(), draft.view);
        return created.getId();
    }

    /** The WhatsApp and window tags, and the entry link's tags when the conversation came from a link. */
    private static List<String> tags(Draft draft) {
        List<String> tags = new ArrayList<>(List.of(WHATSAPP_TAG, draft.view.windowTag()));
        draft.link.ifPresent(link -> tags.addAll(EntryLinkView.tags(link)));
        return tags;
    }

    /** The window and cost fields, and the entry link field when the conversation came from a link. */
    private List<CustomFieldValue> fieldValues(Draft draft) {
        List<CustomFieldValue> values = new ArrayList<>(draft.view.fieldValues(fields.ids()));
        draft.link.ifPresent(link -> fields.linkId().ifPresent(
                id -> values.add(new CustomFieldValue(id, new String[] {EntryLinkView.fieldText(link)}))));
        return values;
    }

    /** The marker of a customer message's write: its event id, never its text. */
    static String messageMarker(InboundMessage in) {
        return "message:" + in.eventId();
    }

    private Comment customerComment(Draft draft) {
        Comment comment = new Comment(draft.body);
        comment.setAuthorId(draft.requester);
        comment.setPublic(true);
        draft.uploadToken.ifPresent(token -> comment.setUploads(List.of(token)));
        return comment;
    }

    private Optional<String> upload(String eventId, List<Attachment> attachments) {
        if (attachments.isEmpty()) {
            return Optional.empty();
        }
        String known = uploads.get(eventId);
        if (known != null) {
            return Optional.of(known);
        }
        String token = null;
        for (Attachment a : attachments) {
            String name = a.filename().isBlank() ? "attachment" : a.filename();
            String previous = token;
            Upload upload = api.call("upload attachment " + name,
                    z -> z.createUpload(previous, name, a.mimeType(), a.content()));
            if (upload == null || upload.getToken() == null) {
                throw new RetryableException("Zendesk answered the upload of " + name + " without a token");
            }
            token = upload.getToken();
        }
        uploads.put(eventId, token);
        return Optional.of(token);
    }

    private Optional<Ticket> readTicket(String ref) {
        long id = ticketId(ref);
        Ticket ticket = api.call("read ticket " + id, z -> z.getTicket(id));
        if (ticket == null || ticket.getStatus() == Status.DELETED) {
            log.info("Ticket {} no longer exists; the conversation gets a new ticket", id);
            return Optional.empty();
        }
        return Optional.of(ticket);
    }

    private Optional<Ticket> newestByExternalId(ConversationId conversation) {
        List<Ticket> tickets = api.call("find tickets of conversation",
                z -> Listings.upTo(z.getTicketsByExternalId(conversation.value(), false), 100));
        return tickets.stream()
                .filter(t -> t.getId() != null && t.getStatus() != Status.DELETED)
                .max(Comparator.comparing(Ticket::getId));
    }

    /** The Zendesk id in a ticket reference. */
    public static long ticketId(String ref) {
        try {
            return Long.parseLong(ref.strip());
        } catch (NumberFormatException e) {
            throw new PermanentException("ticket reference '" + ref + "' is not a Zendesk ticket id");
        }
    }

    private TicketRef ref(long id) {
        return new TicketRef(String.valueOf(id), Optional.of(api.access().agentTicketUrl(id)));
    }

    private static String commentBody(InboundMessage in) {
        String summary = in.content().summary();
        return summary == null || summary.isBlank() ? "[empty message]" : summary;
    }

    private record Draft(ConversationId conversation, InboundMessage in, long requester, String body,
            Optional<String> uploadToken, StatusView view, Optional<EntryLink> link) {}
}
