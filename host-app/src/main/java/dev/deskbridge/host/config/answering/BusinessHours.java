package dev.deskbridge.host.config.answering;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * When a route's team is there: a weekly schedule in a time zone, minus holidays (whole days, in
 * that zone). Deterministic and clock-free: every question takes the instant it is about.
 *
 * @param zone the time zone the schedule is written in
 * @param weekly the opening spans of each day of the week; a day without spans is closed
 * @param holidays dates on which the team is away all day
 */
public record BusinessHours(ZoneId zone, Map<DayOfWeek, List<OpeningSpan>> weekly, Set<LocalDate> holidays) {
    /** Spans at most this far apart are searched for the next opening: one year of holidays at most. */
    private static final int MAX_DAYS_AHEAD = 400;

    public BusinessHours {
        Objects.requireNonNull(zone, "zone");
        Map<DayOfWeek, List<OpeningSpan>> days = new EnumMap<>(DayOfWeek.class);
        Objects.requireNonNull(weekly, "weekly").forEach((day, spans) -> days.put(day, List.copyOf(spans)));
        weekly = Map.copyOf(days);
        holidays = Set.copyOf(new TreeSet<>(Objects.requireNonNull(holidays, "holidays")));
    }

    /** Whether the team is there at {@code at}. */
    public boolean isOpen(Instant at) {
        ZonedDateTime local = at.atZone(zone);
        LocalDate date = local.toLocalDate();
        int minute = local.getHour() * 60 + local.getMinute();
        return spans(date).stream().anyMatch(s -> s.contains(minute));
    }

    /** The next instant at or after {@code at} when the team is there; empty when the schedule never opens. */
    public Optional<Instant> nextOpening(Instant at) {
        if (isOpen(at)) {
            return Optional.of(at);
        }
        LocalDate date = at.atZone(zone).toLocalDate();
        for (int d = 0; d <= MAX_DAYS_AHEAD; d++) {
            LocalDate day = date.plusDays(d);
            for (OpeningSpan span : spans(day)) {
                Instant start = span.start(day, zone);
                if (!start.isBefore(at)) {
                    return Optional.of(start);
                }
            }
        }
        return Optional.empty();
    }

    /**
     * How much of {@code [from, to)} falls inside opening hours: a message at 23:00 answered at 09:05
     * the next morning, with the team in from 09:00, waited five business minutes.
     */
    public Duration openDuration(Instant from, Instant to) {
        if (!to.isAfter(from)) {
            return Duration.ZERO;
        }
        Duration total = Duration.ZERO;
        LocalDate last = to.atZone(zone).toLocalDate();
        for (LocalDate day = from.atZone(zone).toLocalDate(); !day.isAfter(last); day = day.plusDays(1)) {
            for (OpeningSpan span : spans(day)) {
                Instant start = max(span.start(day, zone), from);
                Instant end = min(span.end(day, zone), to);
                if (end.isAfter(start)) {
                    total = total.plus(Duration.between(start, end));
                }
            }
        }
        return total;
    }

    /** The spans of a date: none on a holiday. */
    public List<OpeningSpan> spans(LocalDate date) {
        if (holidays.contains(date)) {
            return List.of();
        }
        return weekly.getOrDefault(date.getDayOfWeek(), List.of());
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
