package dev.deskbridge.host.config.answering;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BusinessHoursTest {
    /** Monday to Friday 09:00-17:00 in Berlin (UTC+1 in winter, +2 in summer); 25 December off. */
    private static final BusinessHours BERLIN = weekdays(ZoneId.of("Europe/Berlin"), Set.of(LocalDate.of(2026, 12, 25)));

    static BusinessHours weekdays(ZoneId zone, Set<LocalDate> holidays) {
        Map<DayOfWeek, List<OpeningSpan>> weekly = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek d : List.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY,
                DayOfWeek.FRIDAY)) {
            weekly.put(d, List.of(new OpeningSpan(9 * 60, 17 * 60)));
        }
        return new BusinessHours(zone, weekly, holidays);
    }

    @Test
    void openInsideItsSpansInItsOwnZone() {
        // Tuesday 1 December 2026: 08:59 UTC is 09:59 in Berlin.
        assertThat(BERLIN.isOpen(Instant.parse("2026-12-01T07:59:00Z"))).isFalse();
        assertThat(BERLIN.isOpen(Instant.parse("2026-12-01T08:00:00Z"))).isTrue();
        assertThat(BERLIN.isOpen(Instant.parse("2026-12-01T15:59:59Z"))).isTrue();
        assertThat(BERLIN.isOpen(Instant.parse("2026-12-01T16:00:00Z"))).isFalse();
        // A Saturday, and a holiday that is a Friday.
        assertThat(BERLIN.isOpen(Instant.parse("2026-12-05T10:00:00Z"))).isFalse();
        assertThat(BERLIN.isOpen(Instant.parse("2026-12-25T10:00:00Z"))).isFalse();
    }

    @Test
    void aMessageAt23AnsweredAt0905WaitedFiveBusinessMinutes() {
        BusinessHours utc = weekdays(ZoneId.of("UTC"), Set.of());
        assertThat(utc.openDuration(Instant.parse("2026-09-01T23:00:00Z"), Instant.parse("2026-09-02T09:05:00Z")))
                .isEqualTo(Duration.ofMinutes(5));
        // Friday 16:00 to Monday 10:00: one hour on Friday, one on Monday.
        assertThat(utc.openDuration(Instant.parse("2026-09-04T16:00:00Z"), Instant.parse("2026-09-07T10:00:00Z")))
                .isEqualTo(Duration.ofHours(2));
        assertThat(utc.openDuration(Instant.parse("2026-09-02T10:00:00Z"), Instant.parse("2026-09-02T10:00:00Z")))
                .isZero();
    }

    @Test
    void nextOpeningSkipsWeekendsAndHolidays() {
        assertThat(BERLIN.nextOpening(Instant.parse("2026-12-24T17:00:00Z")))
                .contains(Instant.parse("2026-12-28T08:00:00Z"));
        assertThat(BERLIN.nextOpening(Instant.parse("2026-12-01T10:00:00Z")))
                .contains(Instant.parse("2026-12-01T10:00:00Z"));
        assertThat(new BusinessHours(ZoneId.of("UTC"), Map.of(), Set.of()).nextOpening(Instant.EPOCH)).isEmpty();
    }

    @Test
    void summerTimeIsTheZonesBusiness() {
        // Berlin is UTC+2 on 1 September: 09:00 local is 07:00 UTC.
        assertThat(BERLIN.isOpen(Instant.parse("2026-09-01T07:00:00Z"))).isTrue();
        assertThat(BERLIN.isOpen(Instant.parse("2026-09-01T06:59:00Z"))).isFalse();
    }
}
