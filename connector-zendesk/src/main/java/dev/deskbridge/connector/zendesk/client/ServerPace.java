package dev.deskbridge.connector.zendesk.client;

import dev.deskbridge.connector.api.error.RetryAfter;
import io.netty.handler.codec.http.HttpHeaders;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.asynchttpclient.filter.FilterContext;
import org.asynchttpclient.filter.ResponseFilter;

/**
 * The pace Zendesk itself asks for, read from its answers: {@code X-Rate-Limit} and
 * {@code X-Rate-Limit-Remaining} (the account's per-minute allowance), {@code ratelimit-remaining}
 * and {@code ratelimit-reset} (the same in the IETF draft's names), and a 429's {@code Retry-After}.
 * While the allowance is plentiful requests go at the configured pace (the ceiling); when little is
 * left, what is left is spread over the time until it resets, so the plan's limit is used fully
 * without earning a 429; after a 429 that leaves the account nothing nobody sends until its
 * Retry-After has passed. A 429 whose answer says the account still has requests left comes from an
 * endpoint's own limit (Zendesk limits, for example, the updates of one ticket): only that call waits,
 * not every other ticket. The headers come from outside, so no wait they ask for is longer than
 * {@link RetryAfter#CEILING}. Thread-safe.
 */
public final class ServerPace {
    /** Below this share of the plan's limit the remaining allowance is spread out. */
    private static final double LOW_SHARE = 0.1;
    /** When no limit is named: spread out below this many remaining requests. */
    private static final int LOW_REMAINING = 20;
    private static final long NO_RESET_NANOS = Duration.ofMinutes(1).toNanos();

    private final LongSupplier nanoTime;
    private final Supplier<Instant> wallClock;
    private long notBefore;
    private long spacing;
    private long lastGrant;

    public ServerPace() {
        this(System::nanoTime, Instant::now);
    }

    /** A pace on the given clocks: the monotonic one paces, the wall clock reads a Retry-After's date. */
    ServerPace(LongSupplier nanoTime, Supplier<Instant> wallClock) {
        this.nanoTime = nanoTime;
        this.wallClock = wallClock;
        long now = nanoTime.getAsLong();
        this.notBefore = now;
        this.lastGrant = now - Long.MAX_VALUE / 4;
    }

    /**
     * How long the caller must wait before sending (zero when it may send now). The slot is taken only
     * when that wait is at most {@code maxWait}: a caller that gives up sends nothing, and a slot it
     * kept would push every later caller further out, while no answer came to end the spreading.
     */
    public synchronized Duration next(Duration maxWait) {
        long now = nanoTime.getAsLong();
        long at = Math.max(now, Math.max(notBefore, lastGrant + spacing));
        if (at - now <= maxWait.toNanos()) {
            lastGrant = at;
        }
        return Duration.ofNanos(at - now);
    }

    /** Learns from one answer's status and headers. */
    public synchronized void observe(int status, HttpHeaders headers) {
        if (headers == null) {
            return;
        }
        long now = nanoTime.getAsLong();
        Optional<Long> limit = number(headers, "X-Rate-Limit").or(() -> number(headers, "ratelimit-limit"));
        Optional<Long> remaining = accountRemaining(headers);
        Optional<Duration> retryAfter = status == 429 || status == 503
                ? RetryAfter.parse(headers.get("Retry-After"), wallClock.get())
                : Optional.empty();
        // When the allowance resets: as the answer names it, else as a throttled answer's Retry-After
        // says, else at the latest in a minute (Zendesk's limits are per minute).
        long resetNanos = number(headers, "ratelimit-reset")
                .map(s -> Math.min(Math.max(1, s), RetryAfter.CEILING.toSeconds()) * 1_000_000_000L)
                .or(() -> retryAfter.map(Duration::toNanos))
                .orElse(NO_RESET_NANOS);
        if (remaining.isPresent()) {
            long left = remaining.get();
            long low = limit.map(l -> Math.max(1L, (long) Math.ceil(l * LOW_SHARE))).orElse((long) LOW_REMAINING);
            if (left <= 0) {
                notBefore = Math.max(notBefore, now + resetNanos);
                spacing = 0;
            } else {
                spacing = left <= low ? resetNanos / left : 0;
            }
            if (spacing == 0) {
                // Plenty left: slots handed out while it was spread hold up nobody who comes now.
                lastGrant = Math.min(lastGrant, now);
            }
        }
        if (status == 429 && endpointLimited(headers)) {
            return; // that call waits its Retry-After; the account's other requests go on
        }
        if (status == 429 || status == 503) {
            retryAfter.ifPresent(wait -> notBefore = Math.max(notBefore, now + wait.toNanos()));
            if (status == 429 && retryAfter.isEmpty()) {
                notBefore = Math.max(notBefore, now + resetNanos);
            }
        }
    }

    /** A filter feeding every answer to {@link #observe}. */
    ResponseFilter responses() {
        return new ResponseFilter() {
            @Override
            public <T> FilterContext<T> filter(FilterContext<T> ctx) {
                if (ctx.getResponseStatus() != null) {
                    observe(ctx.getResponseStatus().getStatusCode(), ctx.getResponseHeaders());
                }
                return ctx;
            }
        };
    }

    /** The account's requests left this minute, as the answer says ({@code ratelimit-remaining} first). */
    static Optional<Long> accountRemaining(HttpHeaders headers) {
        return number(headers, "ratelimit-remaining").or(() -> number(headers, "X-Rate-Limit-Remaining"));
    }

    /**
     * Whether a 429 came from an endpoint's own limit rather than the account's: its answer says the
     * account has requests left.
     */
    static boolean endpointLimited(HttpHeaders headers) {
        return headers != null && accountRemaining(headers).filter(left -> left > 0).isPresent();
    }

    private static Optional<Long> number(HttpHeaders headers, String name) {
        String value = headers.get(name);
        if (value == null || !value.trim().matches("\\d{1,12}")) {
            return Optional.empty();
        }
        return Optional.of(Long.parseLong(value.trim()));
    }
}
