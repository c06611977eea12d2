package dev.deskbridge.connector.api.error;

import java.time.Duration;
import java.util.Optional;

/**
 * A failure that may succeed later: throttling, a 5xx, a timeout. The host retries with
 * exponential backoff, and no sooner than {@link #retryAfter()} when the provider said so.
 */
public class RetryableException extends ConnectorException {
    private static final long serialVersionUID = 1L;
    private final Duration retryAfter;

    public RetryableException(String message) {
        this(message, null, null);
    }

    public RetryableException(String message, Throwable cause) {
        this(message, null, cause);
    }

    public RetryableException(String message, Duration retryAfter, Throwable cause) {
        super(message, cause);
        if (retryAfter != null && retryAfter.isNegative()) {
            throw new IllegalArgumentException("retryAfter must not be negative");
        }
        this.retryAfter = retryAfter;
    }

    /** The provider's wish for the earliest next attempt, when it gave one. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
