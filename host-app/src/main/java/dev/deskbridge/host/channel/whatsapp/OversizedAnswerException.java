package dev.deskbridge.host.channel.whatsapp;

import java.io.IOException;

/**
 * The Graph API, or whatever answers in its place, sent a body larger than the channel reads
 * ({@link AnswerCeiling}); it was not read past the ceiling. An {@link IOException} because the
 * answer could not be read, as when the connection breaks: Feign reports it like any unreadable
 * answer, and {@link GraphClient#call} classifies it as such (retryable, and for a 2xx as an answer
 * lost, since Meta may have taken the call).
 */
final class OversizedAnswerException extends IOException {
    private static final long serialVersionUID = 1L;

    /**
     * @param request method and path, without the query ({@code GET /v23.0/102290129340398/message_templates})
     * @param maxBytes the ceiling
     * @param seen what gave it away: its Content-Length, or the bytes read when it had none
     */
    OversizedAnswerException(String request, long maxBytes, String seen) {
        super("the answer to " + request + " is larger than " + maxBytes + " bytes (" + seen
                + "), the most DeskBridge reads of one Graph API answer (setting max_response_bytes);"
                + " it was not read further");
    }
}
