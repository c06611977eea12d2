package dev.deskbridge.host.admin.responsiveness;

import java.time.Duration;
import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;

/**
 * One UTC day of the chart: its customer messages (by when they were written) and how they fared.
 *
 * @param median median response time of the day's answered messages, on the clock
 * @param medianBusinessHours the same counting business hours only
 */
public record DayFigures(LocalDate day, long customerMessages, long answered, long withinTarget,
        Optional<Duration> median, Optional<Duration> medianBusinessHours) {
    public DayFigures {
        Objects.requireNonNull(day, "day");
        Objects.requireNonNull(median, "median");
        Objects.requireNonNull(medianBusinessHours, "medianBusinessHours");
    }
}
