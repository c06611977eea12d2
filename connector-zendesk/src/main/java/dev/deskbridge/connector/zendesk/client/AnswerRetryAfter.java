package dev.deskbridge.connector.zendesk.client;

import dev.deskbridge.connector.api.error.RetryAfter;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.WeakHashMap;
import org.asynchttpclient.Request;
import org.asynchttpclient.filter.FilterContext;
import org.asynchttpclient.filter.RequestFilter;
import org.asynchttpclient.filter.ResponseFilter;

/**
 * Keeps the {@code Retry-After} of the answers to one call, for the thread that makes the call:
 * the client library keeps it only for a 429, so a 503 asking to wait would be retried too soon;
 * whether a 429 came from an endpoint's own limit ({@link ServerPace#endpointLimited}); and whether
 * the answer was a 404, which the library turns into a null result.
 * Requests are sent from the calling thread and answered on Netty's, so the request object links
 * the two. Thread-safe.
 */
final class AnswerRetryAfter {
    /** What the last answer of a call said. */
    private static final class Answer {
        private volatile String retryAfter;
        private volatile boolean endpointLimited;
        private volatile boolean notFound;
    }

    private final ThreadLocal<Answer> current = new ThreadLocal<>();
    private final Map<Request, Answer> inFlight = Collections.synchronizedMap(new WeakHashMap<>());

    /** Starts a call on this thread: earlier answers no longer count. */
    void begin() {
        current.set(new Answer());
    }

    /** The wait the last answer of this thread's call asked for, when it asked ({@link RetryAfter}). */
    Optional<Duration> retryAfter() {
        Answer answer = current.get();
        return RetryAfter.parse(answer == null ? null : answer.retryAfter, Instant.now());
    }

    /** Whether the last answer of this thread's call said the account still had requests left. */
    boolean endpointLimited() {
        Answer answer = current.get();
        return answer != null && answer.endpointLimited;
    }

    /** Whether the last answer of this thread's call was a 404 (Not Found). */
    boolean notFound() {
        Answer answer = current.get();
        return answer != null && answer.notFound;
    }

    /** Registers each request of a call with the call's thread. */
    RequestFilter requests() {
        return new RequestFilter() {
            @Override
            public <T> FilterContext<T> filter(FilterContext<T> ctx) {
                Answer answer = current.get();
                if (answer != null) {
                    inFlight.put(ctx.getRequest(), answer);
                }
                return ctx;
            }
        };
    }

    /** Notes the answer's Retry-After and status for the thread that sent the request. */
    ResponseFilter responses() {
        return new ResponseFilter() {
            @Override
            public <T> FilterContext<T> filter(FilterContext<T> ctx) {
                Answer answer = inFlight.remove(ctx.getRequest());
                if (answer != null && ctx.getResponseStatus() != null) {
                    answer.notFound = ctx.getResponseStatus().getStatusCode() == 404;
                }
                if (answer != null && ctx.getResponseHeaders() != null) {
                    answer.retryAfter = ctx.getResponseHeaders().get("Retry-After");
                    answer.endpointLimited = ServerPace.endpointLimited(ctx.getResponseHeaders());
                }
                return ctx;
            }
        };
    }
}
