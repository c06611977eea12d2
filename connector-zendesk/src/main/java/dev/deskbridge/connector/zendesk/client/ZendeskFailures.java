package dev.deskbridge.connector.zendesk.client;

import dev.deskbridge.connector.api.error.ConfigurationException;
import dev.deskbridge.connector.api.error.ConnectorException;
import dev.deskbridge.connector.api.error.RetryableException;
import dev.deskbridge.connector.api.error.ThrottledException;
import java.time.Duration;
import java.util.Optional;
import org.zendesk.client.v2.ZendeskException;
import org.zendesk.client.v2.ZendeskResponseException;
import org.zendesk.client.v2.ZendeskResponseIdempotencyConflictException;
import org.zendesk.client.v2.ZendeskResponseRateLimitException;

/**
 * Classifies a failed Zendesk call for the host's error policy: throttling, server errors, answers
 * larger than the plugin reads and transport failures are retryable; bad credentials name the
 * setting to fix; everything else is permanent with Zendesk's own explanation.
 */
public final class ZendeskFailures {
    /** The wait after a 429 that names none: Zendesk's limits are per minute. */
    private static final Duration NO_RETRY_AFTER = Duration.ofSeconds(60);

    private ZendeskFailures() {}

    /**
     * The classified failure.
     *
     * @param operation what is being done, for the message ("create ticket")
     * @param failure what the client threw
     * @param retryAfter the answer's Retry-After, which the library keeps only for a 429
     */
    public static ConnectorException classify(String operation, ZendeskException failure,
            Optional<Duration> retryAfter) {
        // Throttled: nothing was sent, or Zendesk did nothing with it. The host waits and tries again
        // without counting it against the item's attempts; a long throttle is not the item's fault.
        ClientRateLimit.BudgetExhausted budget = find(failure, ClientRateLimit.BudgetExhausted.class);
        if (budget != null) {
            return new ThrottledException("Zendesk " + operation + " not sent: " + budget.getMessage(),
                    budget.retryAfter(), failure);
        }
        // Too large to read: a fault on Zendesk's side, retried like a 5xx.
        OversizedAnswerException oversized = find(failure, OversizedAnswerException.class);
        if (oversized != null) {
            return new RetryableException("Zendesk failed " + operation + ": " + oversized.getMessage(),
                    retryAfter.orElse(null), failure);
        }
        if (failure instanceof ZendeskResponseRateLimitException) {
            // The answer's own Retry-After as RetryAfter reads it (a date too, and never past its ceiling)
            // rather than the library's, which takes any number and reads a date as 60 s.
            Duration wait = retryAfter.orElse(NO_RETRY_AFTER);
            return new ThrottledException("Zendesk throttled " + operation + " (HTTP 429); retry after "
                    + wait.toSeconds() + "s", wait, failure);
        }
        if (failure instanceof ZendeskResponseException response) {
            return classifyResponse(operation, response, retryAfter);
        }
        if (find(failure, InterruptedException.class) != null) {
            Thread.currentThread().interrupt();
        }
        Throwable root = rootCause(failure);
        return new RetryableException("Zendesk did not answer " + operation + ": "
                + root.getClass().getSimpleName() + (root.getMessage() == null ? "" : " " + root.getMessage()),
            failure);
    }

    /**
     * The refusal for a 404 that the client library answered with null instead of an error (it keeps
     * no body, so Zendesk's explanation is not known).
     */
    static ZendeskRejectedException notFound(String operation) {
        return new ZendeskRejectedException(404, "Not found", false,
                "Zendesk rejected " + operation + " (HTTP 404): Not found", null);
    }

    private static ConnectorException classifyResponse(String operation, ZendeskResponseException response,
            Optional<Duration> retryAfter) {
        int status = response.getStatusCode();
        String zendesk = ZendeskErrorBody.message(response.getBody());
        if (status == 401) {
            return new ConfigurationException("Zendesk refused the credentials for "
                    + operation + " (HTTP 401 Unauthorized): check the settings api_token and email ("
                    + zendesk + ")", "401", "api_token", response);
        }
        if (status == 403) {
            return new ConfigurationException("Zendesk forbade " + operation
                    + " (HTTP 403 Forbidden): the agent in setting email lacks the permission, or api_token"
                    + " belongs to another account (" + zendesk + ")", "403", "email", response);
        }
        if (status == 429) {
            return new ThrottledException("Zendesk throttled " + operation + " (HTTP 429): " + zendesk,
                    retryAfter.orElse(NO_RETRY_AFTER), response);
        }
        if (status == 408 || status == 409 || status >= 500) {
            return new RetryableException("Zendesk failed " + operation + " (HTTP " + status + "): " + zendesk,
                    retryAfter.orElse(null), response);
        }
        if (response instanceof ZendeskResponseIdempotencyConflictException) {
            return new ZendeskRejectedException(status, zendesk, true, "Zendesk refused " + operation
                    + ": the idempotency key was used before with other parameters (" + zendesk + ")", response);
        }
        return new ZendeskRejectedException(status, zendesk, false,
                "Zendesk rejected " + operation + " (HTTP " + status + "): " + zendesk, response);
    }

    private static <T extends Throwable> T find(Throwable t, Class<T> type) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (type.isInstance(c)) {
                return type.cast(c);
            }
        }
        return null;
    }

    private static Throwable rootCause(Throwable t) {
        Throwable c = t;
        while (c.getCause() != null && c.getCause() != c) {
            c = c.getCause();
        }
        return c;
    }
}
