package dev.deskbridge.host.config.answering;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;

/**
 * One opening span of a day, in minutes from local midnight: {@code 09:00-17:30} is 540 to 1050.
 * The end is exclusive and may be 1440 ({@code 24:00}), the end of the day.
 */
public record OpeningSpan(int fromMinute, int toMinute) {
    public OpeningSpan {
        if (fromMinute < 0 || toMinute > 1440 || fromMinute >= toMinute) {
            throw new IllegalArgumentException("an opening span runs forward within one day, got " + fromMinute
                    + " to " + toMinute + " minutes");
        }
    }

    boolean contains(int minute) {
        return minute >= fromMinute && minute < toMinute;
    }

    /** Where the span starts on a date (a start inside a DST gap moves forward, as the zone rules say). */
    Instant start(LocalDate date, ZoneId zone) {
        return date.atTime(LocalTime.MIN).plusMinutes(fromMinute).atZone(zone).toInstant();
    }

    Instant end(LocalDate date, ZoneId zone) {
        return toMinute == 1440 ? date.plusDays(1).atStartOfDay(zone).toInstant()
                : date.atTime(LocalTime.MIN).plusMinutes(toMinute).atZone(zone).toInstant();
    }

    /** {@code 09:00-17:30}, as written in the configuration. */
    @Override
    public String toString() {
        return hhmm(fromMinute) + "-" + hhmm(toMinute);
    }

    private static String hhmm(int minutes) {
        return String.format("%02d:%02d", minutes / 60, minutes % 60);
    }
}
