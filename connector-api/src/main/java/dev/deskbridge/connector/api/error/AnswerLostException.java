package dev.deskbridge.connector.api.error;

/**
 * The provider answered that it took the call (HTTP 2xx), but its answer could not be read (cut
 * off, malformed, or without the id it should name): the call took effect, and what the provider
 * said of it, such as a sent message's id, is lost. For a send this is no refusal: the host keeps
 * it as handed over and waits for the provider's status of the message before it would send again.
 * Retryable, so a host that does not know this class retries it like any other.
 */
public class AnswerLostException extends RetryableException {
    private static final long serialVersionUID = 1L;

    public AnswerLostException(String message, Throwable cause) {
        super(message, null, cause);
    }
}
