package dev.deskbridge.connector.zendesk.ticket;

import dev.deskbridge.connector.zendesk.client.TicketChange;
import dev.deskbridge.connector.zendesk.client.ZendeskApi;
import java.util.List;
import java.util.Objects;
import org.zendesk.client.v2.model.Comment;

/**
 * Internal notes DeskBridge writes for agents. They are private comments by the API user, which is
 * what keeps them from being read as an agent's reply, and start with {@link #MARKER} so that agents
 * spot them.
 */
public final class InternalNotes {
    /** The first word of every note DeskBridge writes. */
    public static final String MARKER = "[DeskBridge]";

    private final ZendeskApi api;
    private final CommentGuard guard;

    public InternalNotes(ZendeskApi api, CommentGuard guard) {
        this.api = Objects.requireNonNull(api, "api");
        this.guard = Objects.requireNonNull(guard, "guard");
    }

    /** The note's full text. */
    public static String text(String message) {
        return MARKER + " " + message;
    }

    /**
     * Adds a note, with tag changes in the same update, unless the ticket already has the note with
     * this id (a retry, also after a restart: notes are rare, so each is looked for first).
     *
     * @param ticketId the ticket
     * @param noteId the note's stable id, kept in the update's metadata
     * @param message the note without the marker
     * @param addTags tags to add, may be empty
     * @param removeTags tags to remove, may be empty
     */
    public void add(long ticketId, String noteId, String message, List<String> addTags, List<String> removeTags) {
        String body = text(message);
        TicketChange change = new TicketChange(ticketId);
        Comment comment = new Comment(body);
        comment.setPublic(false);
        change.setComment(comment);
        String marker = "note:" + noteId;
        CommentGuard.mark(change, marker);
        if (!addTags.isEmpty()) {
            change.setAdditionalTags(addTags);
        }
        if (!removeTags.isEmpty()) {
            change.setRemoveTags(removeTags);
        }
        guard.post(ticketId, marker, true,
                () -> api.updateTicket("add internal note to ticket " + ticketId, change));
    }
}
