package dev.deskbridge.host.admin.responsiveness;

import static org.assertj.core.api.Assertions.assertThat;

import dev.deskbridge.host.config.answering.Answering;
import dev.deskbridge.host.config.answering.BusinessHours;
import dev.deskbridge.host.config.answering.OpeningSpan;
import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Figures against a scenario computed by hand. Business hours Monday to Friday 09:00-17:00 UTC,
 * target 1 h; 1 September 2026 is a Tuesday; figures as of Friday 4 September 12:00.
 *
 * <pre>
 * conversation A (+B1): C1 Tue 10:00 -> Ann Tue 10:20      20m clock,  20m business, in window
 *                       C2 Tue 23:00 -> Bob Wed 09:30  10h30m clock,  30m business, in window
 *                       C3 Tue 23:30 -> Bob Wed 09:30     10h clock,  30m business, in window
 * conversation B (+B1): C4 Wed 12:00, window closes Thu 12:00; template (0.0550 USD) and
 *                       Ann's held reply Thu 15:00           27h clock,  11h business (5h Wed + 6h Thu), late
 * conversation C (+B2): C5 Wed 14:00, never answered: window closed Thu 14:00
 * conversation D (+B2): C6 Fri 11:00, not answered yet, window open: waiting
 * </pre>
 *
 * Clock times sorted: 20m, 10h, 10h30m, 27h: median (2nd) 10h, p90 (4th) 27h. Business: 20m, 30m,
 * 30m, 11h: median 30m, p90 11h. Decided: 5 of 6. In window 3/5; within 1 h on the clock 1/5, in
 * business hours 3/5. First responses (A and B): 20m and 27h, median 20m; business 20m and 11h.
 */
class ResponsivenessTest {
    static final Instant FROM = Instant.parse("2026-09-01T00:00:00Z");
    static final Instant TO = Instant.parse("2026-09-05T00:00:00Z");
    static final Instant AS_OF = Instant.parse("2026-09-04T12:00:00Z");

    static Instant at(String s) {
        return Instant.parse(s);
    }

    static BusinessHours weekdays() {
        Map<DayOfWeek, List<OpeningSpan>> weekly = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek d : List.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY,
                DayOfWeek.FRIDAY)) {
            weekly.put(d, List.of(new OpeningSpan(540, 1020)));
        }
        return new BusinessHours(ZoneId.of("UTC"), weekly, Set.of());
    }

    static List<Timeline> scenario() {
        Timeline a = new Timeline("wa", "wa → zd", "+B1", Optional.of(at("2026-09-01T10:00:00Z")), List.of(
                TimelineEvent.customer(at("2026-09-01T10:00:00Z")),
                TimelineEvent.answer(at("2026-09-01T10:20:00Z"), "Ann"),
                TimelineEvent.customer(at("2026-09-01T23:00:00Z")),
                TimelineEvent.customer(at("2026-09-01T23:30:00Z")),
                TimelineEvent.answer(at("2026-09-02T09:30:00Z"), "Bob")));
        Timeline b = new Timeline("wa", "wa → zd", "+B1", Optional.of(at("2026-09-02T12:00:00Z")), List.of(
                TimelineEvent.customer(at("2026-09-02T12:00:00Z")),
                new TimelineEvent(TimelineEvent.Kind.TEMPLATE, at("2026-09-03T15:00:00Z"), Optional.of("Ann"),
                        Optional.of(new BigDecimal("0.0550")), Optional.of("USD")),
                TimelineEvent.answer(at("2026-09-03T15:00:00Z"), "Ann")));
        Timeline c = new Timeline("wa", "wa → zd", "+B2", Optional.of(at("2026-09-02T14:00:00Z")), List.of(
                TimelineEvent.customer(at("2026-09-02T14:00:00Z"))));
        Timeline d = new Timeline("wa", "wa → zd", "+B2", Optional.of(at("2026-09-04T11:00:00Z")), List.of(
                TimelineEvent.customer(at("2026-09-04T11:00:00Z"))));
        return List.of(a, b, c, d);
    }

    static final Map<String, Answering> HOURS = Map.of("wa", new Answering(Optional.of(weekdays()), Optional.empty(),
            Duration.ofHours(1)));

    @Test
    void totalsMatchTheHandComputedScenario() {
        ResponseFigures t = Responsiveness.compute(scenario(), HOURS, FROM, TO, AS_OF).total();
        assertThat(t.customerMessages()).isEqualTo(6);
        assertThat(t.answered()).isEqualTo(4);
        assertThat(t.waiting()).isEqualTo(1);
        assertThat(t.unansweredWhenWindowClosed()).isEqualTo(1);
        assertThat(t.shareAnsweredInWindow()).contains(0.6);
        assertThat(t.shareWithinTarget()).contains(0.2);
        assertThat(t.shareWithinTargetBusinessHours()).contains(0.6);
        assertThat(t.median()).contains(Duration.ofHours(10));
        assertThat(t.p90()).contains(Duration.ofHours(27));
        assertThat(t.medianBusinessHours()).contains(Duration.ofMinutes(30));
        assertThat(t.p90BusinessHours()).contains(Duration.ofHours(11));
        assertThat(t.firstResponse()).contains(Duration.ofMinutes(20));
        assertThat(t.firstResponseBusinessHours()).contains(Duration.ofMinutes(20));
        assertThat(t.lateTemplates()).isEqualTo(1);
        assertThat(t.lateCost()).containsEntry("USD", new BigDecimal("0.0550"));
    }

    @Test
    void perAgentPerBusinessNumberAndPerDay() {
        ResponsivenessReport r = Responsiveness.compute(scenario(), HOURS, FROM, TO, AS_OF);
        assertThat(r.agents()).extracting(ResponseFigures::key).containsExactly("Ann", "Bob");
        ResponseFigures ann = r.agents().get(0);
        assertThat(ann.answered()).isEqualTo(2);
        assertThat(ann.median()).contains(Duration.ofMinutes(20));
        assertThat(ann.p90()).contains(Duration.ofHours(27));
        assertThat(ann.lateTemplates()).isEqualTo(1);
        ResponseFigures bob = r.agents().get(1);
        assertThat(bob.answered()).isEqualTo(2);
        assertThat(bob.median()).contains(Duration.ofHours(10));
        assertThat(bob.medianBusinessHours()).contains(Duration.ofMinutes(30));

        assertThat(r.businesses()).extracting(ResponseFigures::key).containsExactly("+B1", "+B2");
        assertThat(r.businesses().get(0).shareAnsweredInWindow()).contains(0.75);
        assertThat(r.businesses().get(1).unansweredWhenWindowClosed()).isEqualTo(1);
        assertThat(r.businesses().get(1).waiting()).isEqualTo(1);
        assertThat(r.routes()).singleElement().satisfies(f -> assertThat(f.customerMessages()).isEqualTo(6));

        assertThat(r.days()).extracting(DayFigures::day).containsExactly(LocalDate.parse("2026-09-01"),
                LocalDate.parse("2026-09-02"), LocalDate.parse("2026-09-04"));
        DayFigures tue = r.days().get(0);
        assertThat(tue.customerMessages()).isEqualTo(3);
        assertThat(tue.withinTarget()).isEqualTo(1);
        assertThat(tue.median()).contains(Duration.ofHours(10));
        assertThat(tue.medianBusinessHours()).contains(Duration.ofMinutes(30));
        assertThat(r.days().get(1).median()).contains(Duration.ofHours(27));
        assertThat(r.days().get(2).answered()).isZero();
    }

    @Test
    void withoutHoursTheBusinessFiguresAreTheClocks() {
        ResponseFigures t = Responsiveness.compute(scenario(), Map.of(), FROM, TO, AS_OF).total();
        assertThat(t.medianBusinessHours()).isEqualTo(t.median()).contains(Duration.ofHours(10));
        assertThat(t.p90BusinessHours()).contains(Duration.ofHours(27));
        assertThat(t.shareWithinTargetBusinessHours()).isEqualTo(t.shareWithinTarget()).contains(0.2);
    }

    @Test
    void onlyMessagesWrittenInThePeriodCount() {
        ResponseFigures t = Responsiveness.compute(scenario(), HOURS, at("2026-09-02T00:00:00Z"),
                at("2026-09-03T00:00:00Z"), AS_OF).total();
        assertThat(t.customerMessages()).isEqualTo(2);
        assertThat(t.lateTemplates()).isZero();
    }

    @Test
    void nearestRankPercentiles() {
        List<Duration> four = List.of(Duration.ofMinutes(4), Duration.ofMinutes(1), Duration.ofMinutes(3),
                Duration.ofMinutes(2));
        assertThat(Responsiveness.percentile(four, 50)).contains(Duration.ofMinutes(2));
        assertThat(Responsiveness.percentile(four, 90)).contains(Duration.ofMinutes(4));
        assertThat(Responsiveness.percentile(List.of(), 50)).isEmpty();
    }
}
