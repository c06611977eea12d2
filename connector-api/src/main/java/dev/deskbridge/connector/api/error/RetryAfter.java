package dev.deskbridge.connector.api.error;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.Optional;

/**
 * Reads an HTTP {@code Retry-After} header the way every connector should, so that a 429 or 503
 * slows work down the same way whichever provider sent it: delay-seconds or an HTTP date (RFC 9110,
 * section 10.2.3), a date in the past as no wait, and never more than {@link #CEILING}. The ceiling
 * exists because the header comes from outside: a provider (or a proxy in front of it) asking for a
 * day, or for longer than a {@code long} of nanoseconds holds, would otherwise park every item of a
 * route past its maximum age; asked for longer, the host asks again after the ceiling. Added in 0.2.
 */
public final class RetryAfter {
    /** The longest wait a {@code Retry-After} can impose. */
    public static final Duration CEILING = Duration.ofHours(1);

    private RetryAfter() {}

    /**
     * The wait a {@code Retry-After} value asks for.
     *
     * @param value the header's value as received, or null when the answer had none
     * @param now the time the answer came, to measure a date against
     * @return the wait, at most {@link #CEILING}; empty when there is no value or it is neither form
     */
    public static Optional<Duration> parse(String value, Instant now) {
        Objects.requireNonNull(now, "now");
        if (value == null) {
            return Optional.empty();
        }
        String v = value.trim();
        if (v.isEmpty()) {
            return Optional.empty();
        }
        if (v.chars().allMatch(ch -> ch >= '0' && ch <= '9')) {
            // Any number of digits: past the ceiling's seconds the exact value no longer matters.
            return Optional.of(v.length() > 9 ? CEILING : atMostCeiling(Duration.ofSeconds(Long.parseLong(v))));
        }
        try {
            Instant at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            Duration wait = Duration.between(now, at);
            return Optional.of(wait.isNegative() ? Duration.ZERO : atMostCeiling(wait));
        } catch (DateTimeParseException notADate) {
            return Optional.empty();
        }
    }

    private static Duration atMostCeiling(Duration wait) {
        return wait.compareTo(CEILING) > 0 ? CEILING : wait;
    }
}
