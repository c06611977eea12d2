package dev.deskbridge.connector.zendesk.ticket;

import com.fasterxml.jackson.databind.JsonNode;
import dev.deskbridge.connector.api.error.RetryableException;
import dev.deskbridge.connector.api.error.ThrottledException;
import dev.deskbridge.connector.zendesk.client.Lru;
import dev.deskbridge.connector.zendesk.client.TicketChange;
import dev.deskbridge.connector.zendesk.client.ZendeskApi;
import java.util.Map;
import java.util.Objects;

/**
 * Keeps a retried comment from landing twice. Zendesk has no idempotency key for ticket updates,
 * so every comment DeskBridge writes carries a marker derived from the event that caused it (the
 * customer message's event id, the notice's id) in the update's custom metadata, which Zendesk
 * keeps on the ticket's audit. When a write may have applied without an answer (a timeout, a 5xx),
 * the retry looks among the ticket's latest audits for that marker; never for matching text, so
 * two identical texts stay two comments, and a first write that failed before it reached Zendesk
 * is written.
 *
 * <p>What is uncertain is remembered in memory only; after a host restart the host says so itself
 * ({@code CustomerMessage.retry()}), and the caller then asks for the check ({@code checkFirst}).
 */
public final class CommentGuard {
    /** The custom metadata key of DeskBridge's marker. */
    public static final String MARKER_KEY = "deskbridge_event";
    /** Audits read per check: the newest page, where a recent uncertain write is. */
    private static final int SCAN = 100;
    private static final int REMEMBERED = 1000;

    private final ZendeskApi api;
    private final Map<String, Boolean> uncertain = Lru.map(REMEMBERED);

    public CommentGuard(ZendeskApi api) {
        this.api = Objects.requireNonNull(api, "api");
    }

    /** Marks a write with {@code marker}, so a retry can find it. */
    public static void mark(TicketChange change, String marker) {
        change.setMetadata(Map.of(MARKER_KEY, marker));
    }

    /**
     * Posts a marked write unless it is already on the ticket.
     *
     * @param ticketId the ticket
     * @param marker the write's marker, already set on the change by {@link #mark}
     * @param checkFirst look for the marker before posting even when no earlier attempt failed here
     * @param post does the write
     * @return whether the write was posted now (false when it was already there)
     */
    public boolean post(long ticketId, String marker, boolean checkFirst, Runnable post) {
        String key = ticketId + ":" + marker;
        if ((checkFirst || uncertain.containsKey(key)) && alreadyWritten(ticketId, marker)) {
            uncertain.remove(key);
            return false;
        }
        try {
            post.run();
        } catch (ThrottledException e) {
            // Not sent, or a 429 that Zendesk did nothing with: the retry need not look first.
            throw e;
        } catch (RetryableException e) {
            uncertain.put(key, Boolean.TRUE);
            throw e;
        }
        uncertain.remove(key);
        return true;
    }

    /** Whether one of the ticket's latest audits carries the marker. */
    public boolean alreadyWritten(long ticketId, String marker) {
        JsonNode answer = api.get("read latest audits of ticket " + ticketId,
                "/tickets/" + ticketId + "/audits.json?sort_order=desc&per_page=" + SCAN);
        for (JsonNode audit : answer.path("audits")) {
            if (marker.equals(audit.path("metadata").path("custom").path(MARKER_KEY).asText(null))) {
                return true;
            }
        }
        return false;
    }
}
