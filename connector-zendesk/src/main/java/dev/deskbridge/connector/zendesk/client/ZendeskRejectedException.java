package dev.deskbridge.connector.zendesk.client;

import dev.deskbridge.connector.api.error.PermanentException;
import java.util.Locale;

/**
 * Zendesk refused a request for a reason retrying will not fix (a 4xx other than 401, 403, 408,
 * 409 and 429). Carries the HTTP status and Zendesk's own explanation, so callers can react to
 * known cases (a closed or deleted ticket, the comment limit).
 */
public final class ZendeskRejectedException extends PermanentException {
    private static final long serialVersionUID = 1L;
    private final int status;
    private final String zendeskMessage;
    private final boolean idempotencyConflict;

    public ZendeskRejectedException(int status, String zendeskMessage, boolean idempotencyConflict, String message,
            Throwable cause) {
        super(message, String.valueOf(status), cause);
        this.status = status;
        this.zendeskMessage = zendeskMessage;
        this.idempotencyConflict = idempotencyConflict;
    }

    /**
     * Whether Zendesk refused because the idempotency key was used before with other parameters:
     * the first request with that key did succeed.
     */
    public boolean idempotencyConflict() {
        return idempotencyConflict;
    }

    /** The HTTP status Zendesk answered with. */
    public int status() {
        return status;
    }

    /** Zendesk's explanation: the error body's description and details. */
    public String zendeskMessage() {
        return zendeskMessage;
    }

    /** Whether Zendesk refused because the ticket is closed (closed tickets cannot be updated). */
    public boolean ticketClosed() {
        String m = zendeskMessage.toLowerCase(Locale.ROOT);
        return status == 422 && m.contains("closed");
    }

    /**
     * Whether Zendesk says the ticket does not exist (404 RecordNotFound): an agent or an admin
     * deleted it. Asked only of calls on a ticket, whose paths are right.
     */
    public boolean ticketGone() {
        return status == 404;
    }

    /**
     * Whether Zendesk refused because the ticket holds the most comments a ticket may have (5000;
     * Zendesk answers 422 to any further comment).
     */
    public boolean commentLimitReached() {
        String m = zendeskMessage.toLowerCase(Locale.ROOT);
        return status == 422 && m.contains("comment")
                && (m.contains("limit") || m.contains("maximum") || m.contains("exceed") || m.contains("too many"));
    }
}
