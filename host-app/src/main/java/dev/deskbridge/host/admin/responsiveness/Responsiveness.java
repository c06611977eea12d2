package dev.deskbridge.host.admin.responsiveness;

import dev.deskbridge.host.config.answering.Answering;
import dev.deskbridge.host.config.answering.BusinessHours;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Computes responsiveness from conversations' timelines: deterministic, no clock of its own.
 *
 * <p>Each customer message is answered by the first agent answer after it (automatic answers are
 * not agents'). Its service window is the one open when that answer came: it ends 24 hours after
 * the last customer message before the answer. Unanswered messages whose window has closed by
 * {@code asOf} are counted as such; those whose window is still open are "waiting".
 */
public final class Responsiveness {
    static final Duration SERVICE_WINDOW = Duration.ofHours(24);

    private Responsiveness() {}

    /** What became of one customer message. */
    private record Outcome(Timeline timeline, Instant at, Optional<Instant> answeredAt, Optional<String> author,
            Instant windowEnd, boolean first, Duration target, Optional<BusinessHours> hours) {
        Optional<Duration> clock() {
            return answeredAt.map(a -> Duration.between(at, a));
        }

        Optional<Duration> business() {
            return answeredAt.map(a -> hours.map(h -> h.openDuration(at, a)).orElse(Duration.between(at, a)));
        }

        boolean waiting(Instant asOf) {
            return answeredAt.isEmpty() && windowEnd.isAfter(asOf);
        }
    }

    /**
     * @param answering each route's hours and target, by channel id (absent: always open, 1 h target)
     */
    public static ResponsivenessReport compute(List<Timeline> timelines, Map<String, Answering> answering,
            Instant from, Instant to, Instant asOf) {
        List<Outcome> outcomes = new ArrayList<>();
        List<Timeline> templateOwners = new ArrayList<>();
        List<TimelineEvent> templates = new ArrayList<>();
        for (Timeline t : timelines) {
            Answering a = answering.getOrDefault(t.channelId(), Answering.NONE);
            outcomes(t, a, from, to, outcomes);
            for (TimelineEvent e : t.events()) {
                if (e.kind() == TimelineEvent.Kind.TEMPLATE && !e.at().isBefore(from) && e.at().isBefore(to)) {
                    templateOwners.add(t);
                    templates.add(e);
                }
            }
        }
        ResponseFigures total = figures("total", outcomes, templates, asOf);
        List<ResponseFigures> routes = grouped(outcomes, templateOwners, templates, o -> Optional.of(o.timeline().route()),
                (t, e) -> Optional.of(t.route()), asOf);
        List<ResponseFigures> businesses = grouped(outcomes, templateOwners, templates,
                o -> Optional.of(o.timeline().business()), (t, e) -> Optional.of(t.business()), asOf);
        List<ResponseFigures> agents = grouped(outcomes, templateOwners, templates, Outcome::author,
                (t, e) -> e.author(), asOf);
        return new ResponsivenessReport(from, to, asOf, total, routes, businesses, agents, days(outcomes));
    }

    private static void outcomes(Timeline t, Answering a, Instant from, Instant to, List<Outcome> out) {
        List<Instant> pending = new ArrayList<>();
        for (TimelineEvent e : t.events()) {
            if (e.kind() == TimelineEvent.Kind.CUSTOMER) {
                pending.add(e.at());
            } else if (e.kind() == TimelineEvent.Kind.ANSWER && !pending.isEmpty()) {
                Instant windowEnd = pending.get(pending.size() - 1).plus(SERVICE_WINDOW);
                for (Instant at : pending) {
                    add(out, t, a, at, Optional.of(e.at()), e.author(), windowEnd, from, to);
                }
                pending.clear();
            }
        }
        if (!pending.isEmpty()) {
            Instant windowEnd = pending.get(pending.size() - 1).plus(SERVICE_WINDOW);
            for (Instant at : pending) {
                add(out, t, a, at, Optional.empty(), Optional.empty(), windowEnd, from, to);
            }
        }
    }

    private static void add(List<Outcome> out, Timeline t, Answering a, Instant at, Optional<Instant> answeredAt,
            Optional<String> author, Instant windowEnd, Instant from, Instant to) {
        if (at.isBefore(from) || !at.isBefore(to)) {
            return;
        }
        boolean first = t.firstCustomerMessageAt().map(at::equals).orElse(false);
        out.add(new Outcome(t, at, answeredAt, author, windowEnd, first, a.responseTarget(), a.hours()));
    }

    private interface TemplateKey {
        Optional<String> of(Timeline t, TimelineEvent e);
    }

    private static List<ResponseFigures> grouped(List<Outcome> outcomes, List<Timeline> templateOwners,
            List<TimelineEvent> templates, Function<Outcome, Optional<String>> key, TemplateKey templateKey,
            Instant asOf) {
        Map<String, List<Outcome>> byKey = new TreeMap<>();
        Map<String, List<TimelineEvent>> templatesByKey = new TreeMap<>();
        for (Outcome o : outcomes) {
            key.apply(o).ifPresent(k -> byKey.computeIfAbsent(k, x -> new ArrayList<>()).add(o));
        }
        for (int i = 0; i < templates.size(); i++) {
            TimelineEvent e = templates.get(i);
            templateKey.of(templateOwners.get(i), e).ifPresent(k -> {
                byKey.computeIfAbsent(k, x -> new ArrayList<>());
                templatesByKey.computeIfAbsent(k, x -> new ArrayList<>()).add(e);
            });
        }
        List<ResponseFigures> out = new ArrayList<>();
        byKey.forEach((k, list) -> out.add(figures(k, list, templatesByKey.getOrDefault(k, List.of()), asOf)));
        return out;
    }

    private static ResponseFigures figures(String key, List<Outcome> outcomes, List<TimelineEvent> templates,
            Instant asOf) {
        long answered = 0;
        long waiting = 0;
        long closed = 0;
        long inWindow = 0;
        long withinTarget = 0;
        long withinTargetBusiness = 0;
        List<Duration> clock = new ArrayList<>();
        List<Duration> business = new ArrayList<>();
        List<Duration> firstClock = new ArrayList<>();
        List<Duration> firstBusiness = new ArrayList<>();
        for (Outcome o : outcomes) {
            if (o.answeredAt().isPresent()) {
                answered++;
                Duration c = o.clock().orElseThrow();
                Duration b = o.business().orElseThrow();
                clock.add(c);
                business.add(b);
                if (o.first()) {
                    firstClock.add(c);
                    firstBusiness.add(b);
                }
                if (o.answeredAt().get().isBefore(o.windowEnd())) {
                    inWindow++;
                }
                if (c.compareTo(o.target()) <= 0) {
                    withinTarget++;
                }
                if (b.compareTo(o.target()) <= 0) {
                    withinTargetBusiness++;
                }
            } else if (o.waiting(asOf)) {
                waiting++;
            } else {
                closed++;
            }
        }
        Map<String, BigDecimal> cost = new TreeMap<>();
        for (TimelineEvent t : templates) {
            if (t.cost().isPresent() && t.currency().isPresent()) {
                cost.merge(t.currency().get(), t.cost().get(), BigDecimal::add);
            }
        }
        return new ResponseFigures(key, outcomes.size(), answered, waiting, closed, inWindow, withinTarget,
                withinTargetBusiness, percentile(firstClock, 50), percentile(firstBusiness, 50), percentile(clock, 50),
                percentile(clock, 90), percentile(business, 50), percentile(business, 90), templates.size(), cost);
    }

    private static List<DayFigures> days(List<Outcome> outcomes) {
        Map<LocalDate, List<Outcome>> byDay = new TreeMap<>();
        for (Outcome o : outcomes) {
            byDay.computeIfAbsent(LocalDate.ofInstant(o.at(), ZoneOffset.UTC), d -> new ArrayList<>()).add(o);
        }
        List<DayFigures> out = new ArrayList<>();
        byDay.forEach((day, list) -> {
            List<Duration> clock = new ArrayList<>();
            List<Duration> business = new ArrayList<>();
            long within = 0;
            for (Outcome o : list) {
                if (o.answeredAt().isPresent()) {
                    clock.add(o.clock().orElseThrow());
                    business.add(o.business().orElseThrow());
                    within += o.clock().orElseThrow().compareTo(o.target()) <= 0 ? 1 : 0;
                }
            }
            out.add(new DayFigures(day, list.size(), clock.size(), within, percentile(clock, 50),
                    percentile(business, 50)));
        });
        return out;
    }

    /** Nearest-rank percentile: the smallest value with at least {@code p}% of the values at or below it. */
    static Optional<Duration> percentile(List<Duration> values, int p) {
        if (values.isEmpty()) {
            return Optional.empty();
        }
        List<Duration> sorted = values.stream().sorted().toList();
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return Optional.of(sorted.get(Math.max(0, rank - 1)));
    }
}
