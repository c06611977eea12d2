package dev.deskbridge.host.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.deskbridge.host.admin.responsiveness.ResponsivenessService;
import dev.deskbridge.host.admin.responsiveness.Timeline;
import dev.deskbridge.host.admin.responsiveness.TimelineEvent;
import dev.deskbridge.host.config.answering.Answering;
import dev.deskbridge.host.config.answering.BusinessHours;
import dev.deskbridge.host.config.answering.OpeningSpan;
import dev.deskbridge.host.links.WidgetFacts.Availability;
import dev.deskbridge.host.links.WidgetFacts.OpeningHours;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The website button's lines come from the route's figures and hours (1 September 2026 is a Tuesday). */
class WidgetAvailabilityTest {
    static final Instant FRIDAY_NOON = Instant.parse("2026-09-04T12:00:00Z");
    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    // In Berlin (UTC+2): Tuesday 10:00 answered 10:20 (20 min on the clock and in business hours);
    // Tuesday 17:30, after closing, answered Wednesday 09:40 (16 h 10 min; 40 min of business hours);
    // Tuesday 23:00 answered Wednesday 09:30 (10 h 30 min; 30 min). Medians: 10 h 30 min and 30 min.
    static final List<Timeline> ANSWERS = List.of(
            answered("2026-09-01T08:00:00Z", "2026-09-01T08:20:00Z"),
            answered("2026-09-01T15:30:00Z", "2026-09-02T07:40:00Z"),
            answered("2026-09-01T21:00:00Z", "2026-09-02T07:30:00Z"));

    static Timeline answered(String customer, String answer) {
        return new Timeline("wa", "wa → zd", "+B1", Optional.of(Instant.parse(customer)), List.of(
                TimelineEvent.customer(Instant.parse(customer)), TimelineEvent.answer(Instant.parse(answer), "Ann")));
    }

    static BusinessHours weekdaysInBerlin() {
        OpeningSpan nineToFive = new OpeningSpan(540, 1020);
        return new BusinessHours(BERLIN, Map.of(DayOfWeek.MONDAY, List.of(nineToFive, new OpeningSpan(1200, 1440)),
                DayOfWeek.TUESDAY, List.of(nineToFive), DayOfWeek.WEDNESDAY, List.of(nineToFive)), Set.of());
    }

    @Test
    void aRouteWithHoursShowsItsBusinessHourMedianItsWeekAndWhetherItIsOpen() {
        Map<String, Answering> routes = Map.of("wa", new Answering(Optional.of(weekdaysInBerlin()), Optional.empty(),
                Duration.ofHours(1)));
        WidgetAvailability facts = new WidgetAvailability(new ResponsivenessService((from, to) -> ANSWERS, routes,
                Clock.fixed(FRIDAY_NOON, ZoneOffset.UTC)));

        Availability friday = facts.of("wa", FRIDAY_NOON);
        assertThat(friday.usuallyAnswersWithin()).contains(Duration.ofMinutes(30));
        assertThat(friday.zone()).contains(BERLIN);
        assertThat(friday.hours()).containsExactly(
                new OpeningHours(DayOfWeek.MONDAY, LocalTime.of(9, 0), LocalTime.of(17, 0)),
                new OpeningHours(DayOfWeek.MONDAY, LocalTime.of(20, 0), LocalTime.of(23, 59)),
                new OpeningHours(DayOfWeek.TUESDAY, LocalTime.of(9, 0), LocalTime.of(17, 0)),
                new OpeningHours(DayOfWeek.WEDNESDAY, LocalTime.of(9, 0), LocalTime.of(17, 0)));
        assertThat(friday.openNow()).contains(false);
        assertThat(facts.of("wa", Instant.parse("2026-09-01T10:00:00Z")).openNow()).contains(true);
    }

    @Test
    void aRouteWithoutHoursShowsItsClockMedianOnlyAndAnUnknownRouteNothing() {
        WidgetAvailability facts = new WidgetAvailability(new ResponsivenessService((from, to) -> ANSWERS,
                Map.of("wa", Answering.NONE), Clock.fixed(FRIDAY_NOON, ZoneOffset.UTC)));

        Availability wa = facts.of("wa", FRIDAY_NOON);
        assertThat(wa.usuallyAnswersWithin()).contains(Duration.ofMinutes(630));
        assertThat(wa.hours()).isEmpty();
        assertThat(wa.zone()).isEmpty();
        assertThat(wa.openNow()).isEmpty();
        assertThat(facts.of("elsewhere", FRIDAY_NOON)).isEqualTo(Availability.UNKNOWN);
    }
}
