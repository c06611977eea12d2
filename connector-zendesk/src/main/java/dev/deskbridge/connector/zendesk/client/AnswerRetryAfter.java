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
 * the client library keeps it only for a 429, so a 503 asking to wait would be retried too soon.
 * Requests are sent from the calling thread and answered on Netty's, so the request object links
 * the two. Thread-safe.
 */
final class AnswerRetryAfter {
    private final ThreadLocal<String[]> current = new ThreadLocal<>();
    private final Map<Request, String[]> inFlight = Collections.synchronizedMap(new WeakHashMap<>());

    /** Starts a call on this thread: earlier answers no longer count. */
    void begin() {
        current.set(new String[1]);
    }

    /** The wait the last answer of this thread's call asked for, when it asked ({@link RetryAfter}). */
    Optional<Duration> retryAfter() {
        String[] holder = current.get();
        return RetryAfter.parse(holder == null ? null : holder[0], Instant.now());
    }

    /** Registers each request of a call with the call's thread. */
    RequestFilter requests() {
        return new RequestFilter() {
            @Override
            public <T> FilterContext<T> filter(FilterContext<T> ctx) {
                String[] holder = current.get();
                if (holder != null) {
                    inFlight.put(ctx.getRequest(), holder);
                }
                return ctx;
            }
        };
    }

    /** Notes the answer's Retry-After for the thread that sent the request. */
    ResponseFilter responses() {
        return new ResponseFilter() {
            @Override
            public <T> FilterContext<T> filter(FilterContext<T> ctx) {
                String[] holder = inFlight.remove(ctx.getRequest());
                if (holder != null && ctx.getResponseHeaders() != null) {
                    holder[0] = ctx.getResponseHeaders().get("Retry-After");
                }
                return ctx;
            }
        };
    }
}
