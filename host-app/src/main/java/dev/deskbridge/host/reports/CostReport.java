package dev.deskbridge.host.reports;

import java.time.YearMonth;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A month's costs: one line per group and currency, and one total per currency. The totals are
 * the sums of the ledger's rows, and of the lines.
 *
 * @param month the UTC month reported
 * @param grouping how lines are split; empty when only totals were asked for
 * @param lines the groups, ordered (days ascending; otherwise the costliest first)
 * @param totals one line per currency with key {@link #TOTAL}; none when the month has no rows
 */
public record CostReport(YearMonth month, Optional<CostGrouping> grouping, List<CostLine> lines, List<CostLine> totals) {
    /** The key of total lines. */
    public static final String TOTAL = "total";

    public CostReport {
        Objects.requireNonNull(month, "month");
        Objects.requireNonNull(grouping, "grouping");
        lines = List.copyOf(Objects.requireNonNull(lines, "lines"));
        totals = List.copyOf(Objects.requireNonNull(totals, "totals"));
    }
}
