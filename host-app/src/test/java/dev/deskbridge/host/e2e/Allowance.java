package dev.deskbridge.host.e2e;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import java.util.Optional;

/**
 * A provider's request allowance as Zendesk states it: so many requests per window, the rest told
 * on every answer ({@code X-Rate-Limit}, {@code X-Rate-Limit-Remaining}, {@code ratelimit-remaining},
 * {@code ratelimit-reset}); a request beyond it is answered 429 with a {@code Retry-After} until the
 * window resets. Used under the stand-in's lock.
 */
final class Allowance {
    private final int limit;
    private final long windowNanos;
    private long windowStart = System.nanoTime();
    private int used;
    private int refused;

    Allowance(int limit, long windowMillis) {
        this.limit = limit;
        this.windowNanos = windowMillis * 1_000_000;
    }

    /** Takes one request from the allowance, or the 429 that refuses it. */
    Optional<ResponseDefinition> take(String contentType, String throttledBody) {
        long now = System.nanoTime();
        if (now - windowStart >= windowNanos) {
            windowStart = now;
            used = 0;
        }
        if (used >= limit) {
            refused++;
            return Optional.of(aResponse().withStatus(429).withHeader("Content-Type", contentType)
                    .withHeader("Retry-After", String.valueOf(resetSeconds(now))).withBody(throttledBody).build());
        }
        used++;
        return Optional.empty();
    }

    /** The answer with the allowance's headers. */
    ResponseDefinition tell(ResponseDefinition answer) {
        long now = System.nanoTime();
        String left = String.valueOf(limit - used);
        return ResponseDefinitionBuilder.like(answer).but().withHeader("X-Rate-Limit", String.valueOf(limit))
                .withHeader("X-Rate-Limit-Remaining", left).withHeader("ratelimit-remaining", left)
                .withHeader("ratelimit-reset", String.valueOf(resetSeconds(now))).build();
    }

    /** How many requests were refused for want of allowance. */
    int refused() {
        return refused;
    }

    private long resetSeconds(long now) {
        long left = windowStart + windowNanos - now;
        return Math.max(1, (left + 999_999_999) / 1_000_000_000);
    }
}
