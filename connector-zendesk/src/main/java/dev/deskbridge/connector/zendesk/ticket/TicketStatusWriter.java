package dev.deskbridge.connector.zendesk.ticket;

import dev.deskbridge.connector.api.error.RetryableException;
import dev.deskbridge.connector.api.model.AgentNotice;
import dev.deskbridge.connector.api.model.DeliveryNotice;
import dev.deskbridge.connector.api.model.TicketRef;
import dev.deskbridge.connector.api.pricing.ConversationStatus;
import dev.deskbridge.connector.api.pricing.Quote;
import dev.deskbridge.connector.zendesk.client.TicketChange;
import dev.deskbridge.connector.zendesk.client.ZendeskApi;
import dev.deskbridge.connector.zendesk.client.ZendeskRejectedException;
import dev.deskbridge.connector.zendesk.status.StatusMemory;
import dev.deskbridge.connector.zendesk.status.StatusView;
import dev.deskbridge.connector.zendesk.status.TicketFields;
import dev.deskbridge.connector.zendesk.status.WindowTags;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.zendesk.client.v2.model.CustomFieldValue;

/**
 * Shows a conversation's state on its ticket without flooding it: the window and cost in two
 * fields and one window tag; the last outbound message's delivery in one tag (only a failure gets
 * a note); what agents must act on as internal notes. Unchanged values are not written again, and a
 * closed ticket (which Zendesk keeps read-only) or a deleted one is left alone.
 */
public final class TicketStatusWriter {
    /** The last outbound message reached the customer's phone. */
    public static final String DELIVERED_TAG = "wa_delivered";
    /** The customer read the last outbound message. */
    public static final String READ_TAG = "wa_read";
    /** The last outbound message could not be delivered (a note says why). */
    public static final String FAILED_TAG = "wa_delivery_failed";
    private static final List<String> DELIVERY_TAGS = List.of(DELIVERED_TAG, READ_TAG, FAILED_TAG);

    private final ZendeskApi api;
    private final TicketFields fields;
    private final StatusMemory memory;
    private final InternalNotes notes;
    private final Logger log;

    public TicketStatusWriter(ZendeskApi api, TicketFields fields, StatusMemory memory, InternalNotes notes,
            Logger log) {
        this.api = Objects.requireNonNull(api, "api");
        this.fields = Objects.requireNonNull(fields, "fields");
        this.memory = Objects.requireNonNull(memory, "memory");
        this.notes = Objects.requireNonNull(notes, "notes");
        this.log = Objects.requireNonNull(log, "log");
    }

    /** Writes the window fields and tag, unless the ticket already shows this view. */
    public void updateStatus(TicketRef ticket, ConversationStatus status) {
        long id = TicketWriter.ticketId(ticket.id());
        StatusView view = StatusView.of(status);
        if (memory.lastView(id).filter(view::equals).isPresent()) {
            return;
        }
        TicketChange change = new TicketChange(id);
        List<CustomFieldValue> values = view.fieldValues(fields.ids());
        if (!values.isEmpty()) {
            change.setCustomFields(values);
        }
        change.setAdditionalTags(List.of(view.windowTag()));
        change.setRemoveTags(WindowTags.othersThan(view.windowTag()));
        if (write(id, "show window status on ticket " + id, change)) {
            memory.wrote(id, view);
        }
    }

    /**
     * Shows a delivery change by moving one tag: delivered, read or failed. Queued and sent change
     * nothing visible. A failure gets no note here: the host tells agents of it with
     * {@code notifyAgents(DELIVERY_FAILED)}, which names the message and the provider's reason, and a
     * second note would only repeat it.
     */
    public void recordDelivery(TicketRef ticket, DeliveryNotice notice) {
        long id = TicketWriter.ticketId(ticket.id());
        Optional<String> tag = deliveryTag(notice).filter(t -> memory.lastDeliveryTag(id).filter(t::equals).isEmpty());
        if (tag.isEmpty()) {
            return;
        }
        TicketChange change = new TicketChange(id);
        change.setAdditionalTags(List.of(tag.get()));
        change.setRemoveTags(DELIVERY_TAGS.stream().filter(t -> !t.equals(tag.get())).toList());
        if (write(id, "show delivery status of " + notice.providerMessageId() + " on ticket " + id, change)) {
            memory.wroteDeliveryTag(id, tag.get());
        }
    }

    /**
     * A delivery and the window fields and tag as they stand after it, in one update: the cost a
     * delivery settles then costs no request of its own. Only what changed is written.
     */
    public void recordDelivery(TicketRef ticket, DeliveryNotice notice, ConversationStatus status) {
        long id = TicketWriter.ticketId(ticket.id());
        Optional<String> tag = deliveryTag(notice).filter(t -> memory.lastDeliveryTag(id).filter(t::equals).isEmpty());
        StatusView view = StatusView.of(status);
        boolean viewChanged = memory.lastView(id).filter(view::equals).isEmpty();
        if (tag.isEmpty() && !viewChanged) {
            return;
        }
        TicketChange change = new TicketChange(id);
        List<String> add = new java.util.ArrayList<>();
        List<String> remove = new java.util.ArrayList<>();
        tag.ifPresent(t -> {
            add.add(t);
            remove.addAll(DELIVERY_TAGS.stream().filter(other -> !other.equals(t)).toList());
        });
        if (viewChanged) {
            List<CustomFieldValue> values = view.fieldValues(fields.ids());
            if (!values.isEmpty()) {
                change.setCustomFields(values);
            }
            add.add(view.windowTag());
            remove.addAll(WindowTags.othersThan(view.windowTag()));
        }
        change.setAdditionalTags(add);
        change.setRemoveTags(remove);
        if (write(id, "show delivery status of " + notice.providerMessageId() + " and the window on ticket " + id,
                change)) {
            tag.ifPresent(t -> memory.wroteDeliveryTag(id, t));
            if (viewChanged) {
                memory.wrote(id, view);
            }
        }
    }

    /** The tag a delivery shows: delivered, read or failed; queued and sent change nothing visible. */
    private static Optional<String> deliveryTag(DeliveryNotice notice) {
        return switch (notice.status()) {
            case DELIVERED -> Optional.of(DELIVERED_TAG);
            case READ -> Optional.of(READ_TAG);
            case FAILED -> Optional.of(FAILED_TAG);
            default -> Optional.empty();
        };
    }

    /** Adds an internal note; a closing window also gets its tag in the same update. */
    public void notifyAgents(TicketRef ticket, AgentNotice notice) {
        long id = TicketWriter.ticketId(ticket.id());
        String text = notice.text() + notice.quote().map(TicketStatusWriter::costLine).orElse("");
        if (notice.kind() == AgentNotice.Kind.WINDOW_CLOSING) {
            addNote(id, notice, text, List.of(WindowTags.CLOSING), WindowTags.othersThan(WindowTags.CLOSING));
            memory.forget(id);
        } else {
            addNote(id, notice, text, List.of(), List.of());
        }
    }

    private void addNote(long id, AgentNotice notice, String text, List<String> addTags, List<String> removeTags) {
        try {
            notes.add(id, notice.id(), text, addTags, removeTags);
        } catch (ZendeskRejectedException e) {
            if (e.ticketClosed()) {
                // Ids only: the note's text may quote the customer's message.
                log.info("Ticket {} is closed; note {} ({}) not added", id, notice.id(), notice.kind());
            } else if (e.ticketGone()) {
                gone(id, "note " + notice.id() + " (" + notice.kind() + ")");
            } else {
                throw e;
            }
        }
    }

    private boolean write(long id, String operation, TicketChange change) {
        try {
            api.updateTicket(operation, change);
            return true;
        } catch (ZendeskRejectedException e) {
            if (e.ticketClosed()) {
                log.debug("Ticket {} is closed; {} skipped", id, operation);
                return false;
            }
            if (e.ticketGone()) {
                gone(id, operation);
                return false;
            }
            throw e;
        } catch (RetryableException e) {
            memory.forget(id);
            throw e;
        }
    }

    /**
     * A ticket Zendesk says does not exist (404 RecordNotFound): an agent or an admin deleted it.
     * That is no failure of what was to be shown on it (a delivery, the window, a note): failing
     * would make this and every later update of the conversation a dead letter, and no retry brings
     * the ticket back. So it is skipped with a log line, as a closed ticket is; the customer's next
     * message gets a new ticket ({@link TicketWriter}). The line names ids only, never a note's text.
     */
    private void gone(long id, String what) {
        memory.forget(id);
        log.info("Ticket {} no longer exists (deleted in Zendesk?): {} skipped", id, what);
    }

    private static String costLine(Quote quote) {
        if (!quote.allowed()) {
            return "";
        }
        String what = quote.category().map(c -> c.wireName()).orElse("message")
                + quote.type().map(t -> ", " + t.wireName()).orElse("");
        return "\nCost: " + (quote.billable() ? StatusView.money(quote.price()) : "free") + " (" + what
                + quote.market().map(m -> ", market " + m).orElse("") + ")";
    }
}
