package dev.deskbridge.connector.api.error;

import java.time.Duration;

/**
 * The provider refused the call only because of its rate limit (Meta's 130429 and 131056, Twilio's
 * 20429, an HTTP 429): nothing is wrong with the item, so the host slows down and tries it again
 * without counting the refusal against the item's attempts; only the item's maximum age bounds how
 * long it waits. Added in 0.2; a plugin that throws a plain {@link RetryableException} for a 429
 * still works, its refusals are then counted as attempts.
 */
public class ThrottledException extends RetryableException {
    private static final long serialVersionUID = 1L;

    public ThrottledException(String message, Duration retryAfter, Throwable cause) {
        super(message, retryAfter, cause);
    }
}
