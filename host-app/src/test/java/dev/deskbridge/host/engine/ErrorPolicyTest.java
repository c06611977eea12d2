package dev.deskbridge.host.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.deskbridge.connector.api.error.PermanentException;
import dev.deskbridge.connector.api.error.RetryableException;
import dev.deskbridge.connector.api.error.ThrottledException;
import dev.deskbridge.connector.api.error.WindowClosedException;
import dev.deskbridge.host.pricing.PricingException;
import dev.deskbridge.host.store.Queue;
import dev.deskbridge.host.store.QueueItem;
import dev.deskbridge.host.store.StoreException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ErrorPolicyTest {
    static final Instant NOW = Instant.parse("2026-09-01T10:00:00Z");
    final Backoff backoff = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(60), 0.2);
    final ErrorPolicy policy = new ErrorPolicy(5, Duration.ofHours(1), backoff, new Random(7));

    static QueueItem item(int attempts, Instant createdAt) {
        return new QueueItem(Queue.INBOX, 1, "crm:z", "e", "AGENT_REPLY", "p", "{}", attempts, createdAt,
                Optional.empty());
    }

    @Test
    void backoffGrowsExponentiallyWithinItsJitterAndCap() {
        Random random = new Random(1);
        for (int attempt = 1; attempt <= 10; attempt++) {
            long expected = Math.min(1000L << (attempt - 1), 60_000);
            long ms = backoff.delay(attempt, Optional.empty(), random).toMillis();
            assertThat(ms).as("attempt %d", attempt).isBetween((long) (expected * 0.8), (long) (expected * 1.2));
        }
    }

    @Test
    void jitterSpreadsRetries() {
        Random random = new Random(3);
        long distinct = java.util.stream.IntStream.range(0, 20)
                .mapToObj(i -> backoff.delay(3, Optional.empty(), random)).distinct().count();
        assertThat(distinct).isGreaterThan(10);
    }

    @Test
    void retryAfterIsAFloor() {
        assertThat(backoff.delay(1, Optional.of(Duration.ofSeconds(30)), new Random(1)))
                .isEqualTo(Duration.ofSeconds(30));
        assertThat(backoff.delay(8, Optional.of(Duration.ofSeconds(2)), new Random(1)))
                .isGreaterThan(Duration.ofSeconds(40));
    }

    @Test
    void retryableFailuresAreRetriedNoSoonerThanRetryAfter() {
        ErrorPolicy.Decision d = policy.decide(item(1, NOW),
                new RetryableException("429", Duration.ofSeconds(2), null), NOW);
        assertThat(d).isInstanceOf(ErrorPolicy.Decision.Retry.class);
        assertThat(((ErrorPolicy.Decision.Retry) d).at()).isAfterOrEqualTo(NOW.plusSeconds(2));
        assertThat(policy.decide(item(1, NOW), new StoreException("db away", null), NOW))
                .isInstanceOf(ErrorPolicy.Decision.Retry.class);
    }

    @Test
    void permanentFailuresAreDeadLettersAtOnceWithTheirReason() {
        ErrorPolicy.Decision d = policy.decide(item(1, NOW), new PermanentException("undeliverable", "131026", null),
                NOW);
        assertThat(d).isEqualTo(new ErrorPolicy.Decision.DeadLetter(
                "permanent failure: PermanentException 131026: undeliverable"));
        assertThat(policy.decide(item(1, NOW), new WindowClosedException("window closed", "131047", null), NOW))
                .isInstanceOf(ErrorPolicy.Decision.DeadLetter.class);
        assertThat(policy.decide(item(1, NOW), new PricingException("invalid_number", "bad number"), NOW))
                .isEqualTo(new ErrorPolicy.Decision.DeadLetter(
                        "permanent failure: PricingException invalid_number: bad number"));
    }

    @Test
    void attemptsAndAgeAreBounded() {
        assertThat(policy.decide(item(5, NOW), new RetryableException("503"), NOW))
                .isEqualTo(new ErrorPolicy.Decision.DeadLetter("gave up after 5 attempts: RetryableException: 503"));
        ErrorPolicy.Decision old = policy.decide(item(2, NOW.minus(Duration.ofMinutes(59)).minusSeconds(59)),
                new RetryableException("503"), NOW);
        assertThat(old).isInstanceOf(ErrorPolicy.Decision.DeadLetter.class);
        assertThat(((ErrorPolicy.Decision.DeadLetter) old).reason()).contains("max age PT1H");
    }

    @Test
    void aProvidersThrottlingIsNotCountedAgainstTheAttemptsButStillAgainstTheAge() {
        ThrottledException throttled = new ThrottledException("130429 throughput reached", null, null);
        assertThat(policy.decide(item(5, NOW), throttled, NOW)).isInstanceOf(ErrorPolicy.Decision.Retry.class);
        assertThat(policy.decide(item(40, NOW), throttled, NOW)).isInstanceOf(ErrorPolicy.Decision.Retry.class);
        ErrorPolicy.Decision old = policy.decide(item(40, NOW.minus(Duration.ofMinutes(59)).minusSeconds(59)),
                throttled, NOW);
        assertThat(old).isInstanceOf(ErrorPolicy.Decision.DeadLetter.class);
        assertThat(((ErrorPolicy.Decision.DeadLetter) old).reason()).contains("max age PT1H");
    }
    @Test
    void aPluginsRetryAfterIsHeldToTheCeiling() {
        ErrorPolicy patient = new ErrorPolicy(5, Duration.ofDays(2), backoff, new Random(7));
        for (Duration hint : new Duration[] {Duration.ofDays(1), Duration.ofSeconds(Long.MAX_VALUE)}) {
            ErrorPolicy.Decision d = patient.decide(item(1, NOW), new ThrottledException("wait", hint, null), NOW);
            assertThat(d).as("hint %s", hint).isEqualTo(new ErrorPolicy.Decision.Retry(
                    NOW.plus(dev.deskbridge.connector.api.error.RetryAfter.CEILING), "ThrottledException: wait"));
        }
    }

    @Test
    void theLongestDelayBoundsEveryDelayOfItsAttempt() {
        Random random = new Random(5);
        for (int attempt = 1; attempt <= 10; attempt++) {
            Duration longest = backoff.longestDelay(attempt, Optional.empty());
            for (int i = 0; i < 200; i++) {
                assertThat(backoff.delay(attempt, Optional.empty(), random)).isLessThanOrEqualTo(longest);
            }
        }
        assertThat(backoff.longestDelay(1, Optional.of(Duration.ofMinutes(7)))).isEqualTo(Duration.ofMinutes(7));
    }

    @Test
    void aFailureMayBeTheLastWhenTheItemIsOutOfAttemptsPatienceOrAge() {
        RetryableException busy = new RetryableException("503");
        Duration patience = Duration.ofMinutes(5);
        assertThat(policy.mayGiveUp(item(1, NOW), busy, NOW, patience)).isFalse();
        assertThat(policy.mayGiveUp(item(4, NOW), busy, NOW, patience)).isFalse();
        // decide() gives up at the fifth attempt; so may a throttled item, which decide() would not count.
        assertThat(policy.mayGiveUp(item(5, NOW), busy, NOW, patience)).isTrue();
        assertThat(policy.mayGiveUp(item(5, NOW), new ThrottledException("429", null, null), NOW, patience)).isTrue();
        assertThat(policy.mayGiveUp(item(1, NOW), new PermanentException("gone"), NOW, patience)).isTrue();
        // The next attempt could come after the patience: at the jitter's longest, or the provider's Retry-After.
        assertThat(policy.mayGiveUp(item(2, NOW.minus(patience).plusSeconds(2)), busy, NOW, patience)).isTrue();
        assertThat(policy.mayGiveUp(item(2, NOW.minus(patience).plusSeconds(3)), busy, NOW, patience)).isFalse();
        assertThat(policy.mayGiveUp(item(1, NOW), new ThrottledException("429", Duration.ofHours(1), null), NOW,
                patience)).isTrue();
        // A patience longer than the max age: the age bounds it, as in decide().
        assertThat(policy.mayGiveUp(item(2, NOW.minus(Duration.ofMinutes(59)).minusSeconds(59)), busy, NOW,
                Duration.ofDays(1))).isTrue();
    }
}
