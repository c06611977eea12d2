package dev.deskbridge.connector.zendesk.client;

import dev.failsafe.RateLimiter;
import java.time.Duration;
import java.util.Objects;
import org.asynchttpclient.exception.FilterException;
import org.asynchttpclient.filter.FilterContext;
import org.asynchttpclient.filter.RequestFilter;

/**
 * The client-side request budget: every HTTP request to Zendesk (library calls, each page of a
 * listing, raw calls) takes a permit first, so a burst waits here instead of earning a 429.
 * Permits are spread evenly over the minute (smooth), like Zendesk's own per-minute limit.
 *
 * <p>The configured rate is a ceiling: Zendesk's own answers may slow requests further
 * ({@link ServerPace}: a low remaining allowance, a 429's Retry-After), never speed them up.
 *
 * <p>A request that cannot get a permit within {@code maxWait} fails with
 * {@link BudgetExhausted}, which callers report as retryable.
 */
public final class ClientRateLimit implements RequestFilter {
    /** How long a request waits for a permit by default before giving up. */
    public static final Duration DEFAULT_MAX_WAIT = Duration.ofSeconds(30);

    private final RateLimiter<Object> limiter;
    private final int requestsPerMinute;
    private final Duration maxWait;
    private final ServerPace pace = new ServerPace();

    public ClientRateLimit(int requestsPerMinute, Duration maxWait) {
        if (requestsPerMinute < 1) {
            throw new IllegalArgumentException("requestsPerMinute must be at least 1");
        }
        this.maxWait = Objects.requireNonNull(maxWait, "maxWait");
        this.requestsPerMinute = requestsPerMinute;
        this.limiter = RateLimiter.smoothBuilder(requestsPerMinute, Duration.ofMinutes(1)).build();
    }

    /** The pace Zendesk's answers ask for; feed it every answer. */
    public ServerPace pace() {
        return pace;
    }

    /** Waits for a permit, then for the pace Zendesk asked for, up to the configured maximum wait. */
    public void acquire() {
        acquirePermit();
        Duration wait = pace.next(maxWait);
        if (wait.isZero()) {
            return;
        }
        if (wait.compareTo(maxWait) > 0) {
            // Whole seconds, as Zendesk named them: the host waits no less.
            Duration seconds = Duration.ofSeconds((wait.toMillis() + 999) / 1000);
            throw new BudgetExhausted("Zendesk asked to wait " + seconds.toSeconds() + "s (rate limit)", seconds);
        }
        try {
            Thread.sleep(wait.toMillis(), wait.toNanosPart() % 1_000_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BudgetExhausted("interrupted while waiting for Zendesk's rate limit", wait);
        }
    }

    private void acquirePermit() {
        boolean granted;
        try {
            granted = limiter.tryAcquirePermit(maxWait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BudgetExhausted("interrupted while waiting for the client-side rate limit", spacing());
        }
        if (!granted) {
            throw new BudgetExhausted("client-side rate limit of " + requestsPerMinute
                    + " requests per minute reached (setting requests_per_minute)", spacing());
        }
    }

    @Override
    public <T> FilterContext<T> filter(FilterContext<T> ctx) throws FilterException {
        try {
            acquire();
        } catch (BudgetExhausted e) {
            FilterException fe = new FilterException(e.getMessage());
            fe.initCause(e);
            throw fe;
        }
        return ctx;
    }

    private Duration spacing() {
        return Duration.ofMillis(Math.max(1, 60_000L / requestsPerMinute));
    }

    /** No permit was available in time; nothing was sent. */
    public static final class BudgetExhausted extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final Duration retryAfter;

        BudgetExhausted(String message, Duration retryAfter) {
            super(message);
            this.retryAfter = retryAfter;
        }

        /** When a permit is likely free again. */
        public Duration retryAfter() {
            return retryAfter;
        }
    }
}
