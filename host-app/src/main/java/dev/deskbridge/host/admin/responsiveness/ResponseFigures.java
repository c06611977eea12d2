package dev.deskbridge.host.admin.responsiveness;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How fast one group (a route, a business number, an agent) answered its customers' messages in a
 * period. Every time comes twice: on the clock, and counting business hours only (the same when the
 * route has no hours). Percentiles are nearest-rank: the median of 4 values is the 2nd.
 *
 * @param key the group: the route ({@code channel → crm}), the business number or the agent
 * @param customerMessages customer messages written in the period
 * @param answered of those, answered by an agent (automatic answers do not count)
 * @param waiting unanswered, with their service window still open: not yet decided, left out of the shares
 * @param unansweredWhenWindowClosed unanswered when their service window closed
 * @param answeredInWindow answered before the service window they were written in closed
 * @param withinTarget answered within the route's response target, on the clock
 * @param withinTargetBusinessHours answered within the target, counting business hours only
 * @param firstResponse median time to the first answer of a new conversation, clock and business hours
 * @param firstResponseBusinessHours the same in business hours
 * @param median median response time
 * @param p90 90th percentile response time
 * @param lateTemplates re-engagement templates sent in the period: what answering after the window cost
 * @param lateCost their cost, by currency
 */
public record ResponseFigures(String key, long customerMessages, long answered, long waiting,
        long unansweredWhenWindowClosed, long answeredInWindow, long withinTarget, long withinTargetBusinessHours,
        Optional<Duration> firstResponse, Optional<Duration> firstResponseBusinessHours, Optional<Duration> median,
        Optional<Duration> p90, Optional<Duration> medianBusinessHours, Optional<Duration> p90BusinessHours,
        long lateTemplates, Map<String, BigDecimal> lateCost) {
    public ResponseFigures {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(firstResponse, "firstResponse");
        Objects.requireNonNull(firstResponseBusinessHours, "firstResponseBusinessHours");
        Objects.requireNonNull(median, "median");
        Objects.requireNonNull(p90, "p90");
        Objects.requireNonNull(medianBusinessHours, "medianBusinessHours");
        Objects.requireNonNull(p90BusinessHours, "p90BusinessHours");
        lateCost = Map.copyOf(Objects.requireNonNull(lateCost, "lateCost"));
    }

    /** Messages whose outcome is known: answered, or their window closed unanswered. */
    public long decided() {
        return customerMessages - waiting;
    }

    /** Share of decided customer messages answered inside their service window; empty when none is decided. */
    public Optional<Double> shareAnsweredInWindow() {
        return share(answeredInWindow);
    }

    /** Share of decided customer messages answered within the target on the clock. */
    public Optional<Double> shareWithinTarget() {
        return share(withinTarget);
    }

    /** Share of decided customer messages answered within the target in business hours. */
    public Optional<Double> shareWithinTargetBusinessHours() {
        return share(withinTargetBusinessHours);
    }

    private Optional<Double> share(long n) {
        return decided() == 0 ? Optional.empty() : Optional.of((double) n / decided());
    }
}
