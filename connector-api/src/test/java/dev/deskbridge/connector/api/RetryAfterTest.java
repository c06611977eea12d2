package dev.deskbridge.connector.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.deskbridge.connector.api.error.RetryAfter;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RetryAfterTest {
    private static final Instant NOW = Instant.parse("2026-12-06T15:00:00Z");

    @Test
    void secondsAndDatesAreBothWaits() {
        assertThat(RetryAfter.parse("30", NOW)).contains(Duration.ofSeconds(30));
        assertThat(RetryAfter.parse(" 0 ", NOW)).contains(Duration.ZERO);
        assertThat(RetryAfter.parse("Sun, 06 Dec 2026 15:02:30 GMT", NOW)).contains(Duration.ofSeconds(150));
    }

    @Test
    void aDateAlreadyPastIsNoWait() {
        assertThat(RetryAfter.parse("Sun, 06 Dec 2026 14:59:00 GMT", NOW)).contains(Duration.ZERO);
    }

    @Test
    void noWaitIsLongerThanTheCeilingWhateverTheProviderAsks() {
        assertThat(RetryAfter.parse("86400", NOW)).contains(RetryAfter.CEILING);
        // Longer than a long of nanoseconds, and than a long: neither overflows nor fails.
        assertThat(RetryAfter.parse("9999999999", NOW)).contains(RetryAfter.CEILING);
        assertThat(RetryAfter.parse("99999999999999999999999", NOW)).contains(RetryAfter.CEILING);
        assertThat(RetryAfter.parse("Fri, 01 Jan 2100 00:00:00 GMT", NOW)).contains(RetryAfter.CEILING);
        assertThat(RetryAfter.parse("3600", NOW)).contains(Duration.ofHours(1));
    }

    @Test
    void whatIsNeitherFormAsksForNothing() {
        assertThat(RetryAfter.parse(null, NOW)).isEmpty();
        assertThat(RetryAfter.parse("", NOW)).isEmpty();
        assertThat(RetryAfter.parse("-5", NOW)).isEmpty();
        assertThat(RetryAfter.parse("1.5", NOW)).isEmpty();
        assertThat(RetryAfter.parse("soon", NOW)).isEmpty();
        assertThat(RetryAfter.parse("2026-12-06T15:02:30Z", NOW)).isEmpty();
    }
}
