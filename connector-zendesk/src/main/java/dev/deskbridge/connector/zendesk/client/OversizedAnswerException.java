package dev.deskbridge.connector.zendesk.client;

import java.io.IOException;

/**
 * Zendesk (or whatever answers in its place) sent a body larger than the plugin reads
 * ({@link AnswerCeiling}); the answer was dropped unread past the ceiling. A fault of the provider:
 * {@link ZendeskFailures} makes it retryable, like a 5xx. An {@link IOException} because the answer
 * could not be read, as when the connection breaks.
 */
final class OversizedAnswerException extends IOException {
    private static final long serialVersionUID = 1L;

    /**
     * @param request method and path of the request, without its query ({@code GET /api/v2/tickets/42/comments.json})
     * @param maxBytes the ceiling
     * @param seen what gave it away: its Content-Length, or the bytes read when it had none
     */
    OversizedAnswerException(String request, long maxBytes, String seen) {
        super("the answer to " + request + " is larger than " + maxBytes + " bytes (" + seen
                + "), the most DeskBridge reads of one answer (setting max_response_bytes); it was not read further");
    }
}
