package dev.deskbridge.host.admin.responsiveness;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Responsiveness over {@code [from, to)}, as of {@code asOf}: the totals, per route, per business
 * number, per agent (answered messages only: an unanswered message has no agent), and per day.
 */
public record ResponsivenessReport(Instant from, Instant to, Instant asOf, ResponseFigures total,
        List<ResponseFigures> routes, List<ResponseFigures> businesses, List<ResponseFigures> agents,
        List<DayFigures> days) {
    public ResponsivenessReport {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(asOf, "asOf");
        Objects.requireNonNull(total, "total");
        routes = List.copyOf(routes);
        businesses = List.copyOf(businesses);
        agents = List.copyOf(agents);
        days = List.copyOf(days);
    }
}
