package dev.deskbridge.connector.zendesk.ticket;

import dev.deskbridge.connector.api.error.PermanentException;
import dev.deskbridge.connector.api.error.RetryableException;
import dev.deskbridge.connector.api.model.Attachment;
import dev.deskbridge.connector.api.model.BusinessTicket;
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
 * that carries the conversation from then on, and a deleted one a new ticket.
 */
// size: one customer message's way onto a ticket: creation, comment, reopening and follow-ups share the
// draft and the refusals that switch between them.
public final class TicketWriter {
    /** Tag every DeskBridge ticket carries; the agent-reply trigger requires it. */
    public static final String WHATSAPP_TAG = "whatsapp";
    private static final Set<Status> REOPEN = EnumSet.of(Status.SOLVED, Status.PENDING, Status.HOLD);
    /** A ticket in these states is done with: a business-initiated message opens a new one. */
    private static final Set<Status> BUSINESS_NEW_TICKET = EnumSet.of(Status.SOLVED, Status.CLOSED);
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

    /**
     * Puts the message on the conversation's ticket; the ticket that now carries the conversation.
     * What the host knows is not asked of Zendesk: a known ticket is written to at once (one
     * update), its requester comes from the ticket's data, and a conversation without a ticket gets
     * one (one creation) after the requester is created or matched (one call). Only a retry looks for
     * what an earlier attempt may have left.
     */
    public TicketRef append(CustomerMessage message) {
        ConversationRef conversation = message.conversation();
        InboundMessage in = message.message();
        Optional<TicketRef> known = conversation.ticket();
        Optional<Long> knownRequester = known.flatMap(t -> TicketData.requester(t.crmData()));
        knownRequester.ifPresent(id -> customers.remember(in.customer(), id));
        long requester = knownRequester.orElseGet(() -> customers.requesterFor(in.customer(),
                in.customerName().or(conversation::customerName)));
        String body = commentBody(in);
        Optional<String> uploadToken = upload(in.eventId(), message.attachments());
        Draft draft = new Draft(conversation.id(), in, requester, body, uploadToken, StatusView.of(message.status()),
                message.entryLink());

        TicketRef result;
        if (known.isPresent()) {
            result = comment(draft, ticketId(known.get().id()), message.retry());
        } else {
            // A first attempt cannot have left a ticket; a retry may have, before the host recorded it.
            Optional<Ticket> earlier = message.retry() ? newestByExternalId(conversation.id()) : Optional.empty();
            if (earlier.isEmpty()) {
                result = ref(create(draft, "new", Optional.empty(), Optional.empty()), requester);
            } else if (earlier.get().getStatus() == Status.CLOSED) {
                result = followUp(draft, earlier.get(), false);
            } else {
                result = comment(draft, earlier.get().getId(), true);
            }
        }
        uploads.remove(in.eventId());
        return result;
    }

    /**
     * A message the business started: noted on the conversation's ticket while it is open (when
     * asked to), else on a new ticket whose first comment is the note. The note's id is the marker
     * and the creation's idempotency key, so a retry finds what an earlier attempt wrote.
     */
    public TicketRef open(BusinessTicket request) {
        ConversationRef conversation = request.conversation();
        StatusView view = StatusView.of(request.status());
        if (request.reuseOpenTicket()) {
            // A reference whose ticket is gone reads as a ticket without a status.
            Optional<Ticket> current = conversation.ticket().map(ref -> readTicket(ticketId(ref.id())))
                    .filter(t -> t.getStatus() != null)
                    .or(() -> newestByExternalId(conversation.id()));
            if (current.isPresent() && !BUSINESS_NEW_TICKET.contains(current.get().getStatus())) {
                long id = current.get().getId();
                notes.add(id, request.note().id(), request.note().text(), List.of(WHATSAPP_TAG, view.windowTag()),
                        WindowTags.othersThan(view.windowTag()));
                memory.forget(id);
                return ref(id, current.get().getRequesterId());
            }
        }
        long requester = conversation.ticket().flatMap(t -> TicketData.requester(t.crmData()))
                .orElseGet(() -> customers.requesterFor(conversation.customer(), conversation.customerName()));
        TicketChange ticket = new TicketChange();
        ticket.setRequesterId(requester);
        ticket.setSubject(request.subject());
        Comment note = new Comment(InternalNotes.text(request.note().text()));
        note.setPublic(false);
        ticket.setComment(note);
        CommentGuard.mark(ticket, "note:" + request.note().id());
        ticket.setExternalId(conversation.id().value());
        ticket.setTags(List.of(WHATSAPP_TAG, view.windowTag()));
        List<CustomFieldValue> values = view.fieldValues(fields.ids());
        if (!values.isEmpty()) {
            ticket.setCustomFields(values);
        }
        String key = IdempotencyKeys.ticketCreate(conversation.id(), request.note().id(), "business");
        Ticket created = api.call("create ticket", z -> z.createTicketIdempotent(ticket, key)).get();
        if (created == null || created.getId() == null) {
            throw new RetryableException("Zendesk answered the ticket creation without a ticket id");
        }
        log.info("Opened Zendesk ticket {} for a business-initiated message of conversation {}", created.getId(),
                conversation.id());
        memory.wrote(created.getId(), view);
        return ref(created.getId(), requester);
    }

    private TicketRef comment(Draft draft, long id, boolean checkFirst) {
        TicketChange change = new TicketChange(id);
        change.setComment(customerComment(draft));
        // The window view rides along, sparing the separate status update that usually follows.
        List<CustomFieldValue> values = fieldValues(draft);
        if (!values.isEmpty()) {
            change.setCustomFields(values);
        }
        change.setAdditionalTags(tags(draft));
        change.setRemoveTags(WindowTags.othersThan(draft.view.windowTag()));
        String marker = messageMarker(draft.in);
        CommentGuard.mark(change, marker);
        Ticket[] answer = new Ticket[1];
        try {
            guard.post(id, marker, checkFirst,
                    () -> answer[0] = api.updateTicket("add customer message to ticket " + id, change));
        } catch (ZendeskRejectedException e) {
            if (e.ticketClosed()) {
                log.info("Ticket {} is closed; opening a follow-up", id);
                return followUp(draft, readTicket(id), false);
            }
            if (e.commentLimitReached()) {
                log.info("Ticket {} reached Zendesk's comment limit; opening a follow-up", id);
                return followUp(draft, readTicket(id), true);
            }
            if (e.ticketGone()) {
                // Deleted in Zendesk: no follow-up can link to it, so a ticket of its own carries the message.
                log.info("Ticket {} no longer exists (deleted in Zendesk?); the conversation gets a new ticket", id);
                return ref(create(draft, "replaces:" + id, Optional.empty(), Optional.empty()), draft.requester);
            }
            throw e;
        } catch (RetryableException e) {
            memory.forget(id);
            throw e;
        }
        memory.wrote(id, draft.view);
        reopen(id, answer[0]);
        return ref(id, draft.requester);
    }

    /**
     * Zendesk reopens a solved or pending ticket when its requester comments; should the answer show
     * it still solved, pending or on hold, one more update opens it (the rare case pays the request).
     */
    private void reopen(long id, Ticket answer) {
        if (answer == null || !REOPEN.contains(answer.getStatus())) {
            return;
        }
        TicketChange open = new TicketChange(id);
        open.setStatus(Status.OPEN);
        try {
            api.call("reopen ticket " + id, z -> z.updateTicket(open));
            log.info("Reopened {} ticket {} for a new customer message", answer.getStatus(), id);
        } catch (ZendeskRejectedException e) {
            // The message is on the ticket; a ticket that cannot be reopened stays as agents left it.
            log.info("Ticket {} was not reopened: {}", id, e.zendeskMessage());
        }
    }

    /** The ticket a follow-up continues, read only for that rare case (its subject). */
    private Ticket readTicket(long id) {
        Ticket ticket = api.call("read ticket " + id, z -> z.getTicket(id));
        if (ticket == null) {
            Ticket gone = new Ticket();
            gone.setId(id);
            return gone;
        }
        return ticket;
    }

    private TicketRef followUp(Draft draft, Ticket old, boolean commentLimit) {
        Optional<String> oldSubject = Optional.ofNullable(old.getSubject()).filter(s -> !s.isBlank());
        if (!commentLimit) {
            return ref(create(draft, "followup:" + old.getId(), Optional.of(old.getId()), oldSubject), draft.requester);
        }
        try {
            return ref(create(draft, "followup:" + old.getId(), Optional.of(old.getId()), oldSubject), draft.requester);
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
            return ref(created, draft.requester);
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

    private TicketRef ref(long id, long requester) {
        return new TicketRef(String.valueOf(id), Optional.of(api.access().agentTicketUrl(id)),
                Optional.of(TicketData.of(requester)));
    }

    private static String commentBody(InboundMessage in) {
        String summary = in.content().summary();
        return summary == null || summary.isBlank() ? "[empty message]" : summary;
    }

    private record Draft(ConversationId conversation, InboundMessage in, long requester, String body,
            Optional<String> uploadToken, StatusView view, Optional<EntryLink> link) {}
}
