package dev.deskbridge.connector.zendesk.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import dev.deskbridge.connector.api.error.RetryAfter;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Zendesk's rate-limit headers steer the pace; a manual clock makes the waits exact. */
class ServerPaceTest {
    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    /** The wall clock moves with the monotonic one, from 2026-12-06T15:00:00Z. */
    private final ServerPace pace = new ServerPace(now::get,
            () -> Instant.parse("2026-12-06T15:00:00Z").plusNanos(now.get() - 1_000_000_000L));

    /** A caller that waits however long it is asked to (takes every slot). */
    private static final Duration UNBOUNDED = Duration.ofDays(1);
    /** What ClientRateLimit waits at most by default. */
    private static final Duration MAX_WAIT = ClientRateLimit.DEFAULT_MAX_WAIT;

    private static HttpHeaders headers(String... nameValues) {
        HttpHeaders h = new DefaultHttpHeaders();
        for (int i = 0; i < nameValues.length; i += 2) {
            h.add(nameValues[i], nameValues[i + 1]);
        }
        return h;
    }

    @Test
    void aPlentifulAllowanceLeavesThePaceToTheConfiguredCeiling() {
        pace.observe(200, headers("X-Rate-Limit", "700", "X-Rate-Limit-Remaining", "500"));

        assertThat(pace.next(UNBOUNDED)).isZero();
        assertThat(pace.next(UNBOUNDED)).isZero();
    }

    @Test
    void aLowRemainingAllowanceIsSpreadOverTheTimeUntilItResets() {
        pace.observe(200, headers("X-Rate-Limit", "700", "ratelimit-remaining", "10", "ratelimit-reset", "5"));

        assertThat(pace.next(UNBOUNDED)).isZero();
        assertThat(pace.next(UNBOUNDED)).isEqualTo(Duration.ofMillis(500));
        assertThat(pace.next(UNBOUNDED)).isEqualTo(Duration.ofMillis(1000));
        now.addAndGet(Duration.ofSeconds(2).toNanos());
        assertThat(pace.next(UNBOUNDED)).isZero();
    }

    @Test
    void theOlderHeaderCountsWhenTheDraftOneIsAbsent() {
        pace.observe(200, headers("X-Rate-Limit", "200", "X-Rate-Limit-Remaining", "4"));

        pace.next(UNBOUNDED);
        assertThat(pace.next(UNBOUNDED)).as("a minute spread over 4").isEqualTo(Duration.ofSeconds(15));
    }

    @Test
    void aThrottledAnswerHoldsEveryoneUntilItsRetryAfter() {
        pace.observe(429, headers("Retry-After", "3"));

        assertThat(pace.next(UNBOUNDED)).isEqualTo(Duration.ofSeconds(3));
        now.addAndGet(Duration.ofSeconds(3).toNanos());
        assertThat(pace.next(UNBOUNDED)).isZero();
    }

    @Test
    void anExhaustedAllowanceWaitsForItsReset() {
        pace.observe(200, headers("ratelimit-limit", "400", "ratelimit-remaining", "0", "ratelimit-reset", "7"));

        assertThat(pace.next(UNBOUNDED)).isEqualTo(Duration.ofSeconds(7));
    }

    @Test
    void anAllowanceThatRecoveredStopsTheSpreading() {
        pace.observe(200, headers("X-Rate-Limit", "700", "X-Rate-Limit-Remaining", "3"));
        pace.observe(200, headers("X-Rate-Limit", "700", "X-Rate-Limit-Remaining", "650"));

        assertThat(pace.next(UNBOUNDED)).isZero();
        assertThat(pace.next(UNBOUNDED)).isZero();
    }

    @Test
    void aRetryAfterGivenAsADateHoldsEveryRequestUntilThen() {
        pace.observe(503, headers("Retry-After", "Sun, 06 Dec 2026 15:00:45 GMT"));

        assertThat(pace.next(UNBOUNDED)).isEqualTo(Duration.ofSeconds(45));
        now.addAndGet(Duration.ofSeconds(45).toNanos());
        assertThat(pace.next(UNBOUNDED)).isZero();
    }

    @Test
    void noHeaderHoldsTheRouteLongerThanTheCeilingOrBreaksThePace() {
        // Values past what a long of nanoseconds holds once failed every answer's filter with an overflow.
        pace.observe(429, headers("Retry-After", "999999999999"));
        assertThat(pace.next(UNBOUNDED)).isEqualTo(RetryAfter.CEILING);

        ServerPace other = new ServerPace(now::get, Instant::now);
        other.observe(200, headers("X-Rate-Limit", "700", "ratelimit-remaining", "0", "ratelimit-reset", "999999999999"));
        assertThat(other.next(UNBOUNDED)).isEqualTo(RetryAfter.CEILING);
    }
    @Test
    void aCallerThatGivesUpKeepsNoSlotSoOneRequestLeftDoesNotHoldTheAccountForever() {
        // A busy minute: one request left, no reset named (spread over a minute).
        pace.observe(200, headers("X-Rate-Limit", "700", "X-Rate-Limit-Remaining", "1"));
        assertThat(pace.next(MAX_WAIT)).as("the one left goes").isZero();

        // Every later caller is asked to wait a minute, more than it waits: refused, and no slot kept.
        for (int caller = 0; caller < 8; caller++) {
            assertThat(pace.next(MAX_WAIT)).isEqualTo(Duration.ofMinutes(1));
        }
        // Retried after the wait it was told, the next caller goes.
        now.addAndGet(Duration.ofMinutes(1).toNanos());
        assertThat(pace.next(MAX_WAIT)).isZero();
    }

    @Test
    void slotsHandedOutWhileSpreadHoldUpNoOneOnceThePlanHasPlentyAgain() {
        pace.observe(200, headers("X-Rate-Limit", "700", "X-Rate-Limit-Remaining", "4"));
        for (int caller = 0; caller < 3; caller++) {
            pace.next(MAX_WAIT); // 0, 15 and 30 s ahead: taken, those callers sleep
        }
        // A new minute: Zendesk says 650 left.
        pace.observe(200, headers("X-Rate-Limit", "700", "X-Rate-Limit-Remaining", "650"));

        assertThat(pace.next(MAX_WAIT)).isZero();
    }

    @Test
    void anEndpointsOwn429HoldsNoOtherRequest() {
        // Zendesk's limit on the updates of one ticket: the account itself has 650 left.
        pace.observe(429, headers("Retry-After", "300", "X-Rate-Limit", "700", "X-Rate-Limit-Remaining", "650"));

        assertThat(pace.next(MAX_WAIT)).isZero();
        assertThat(ServerPace.endpointLimited(headers("X-Rate-Limit-Remaining", "650"))).isTrue();
        assertThat(ServerPace.endpointLimited(headers("X-Rate-Limit-Remaining", "0"))).isFalse();
        assertThat(ServerPace.endpointLimited(headers("Retry-After", "3"))).as("nothing said of the account")
                .isFalse();
    }

    @Test
    void anAccountWide429StillHoldsEveryone() {
        pace.observe(429, headers("Retry-After", "20", "X-Rate-Limit", "700", "X-Rate-Limit-Remaining", "0"));

        assertThat(pace.next(MAX_WAIT)).isEqualTo(Duration.ofSeconds(20));
    }
}
