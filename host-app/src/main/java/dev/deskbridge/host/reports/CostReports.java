package dev.deskbridge.host.reports;

import dev.deskbridge.connector.api.pricing.Money;
import dev.deskbridge.host.admin.LedgerEntry;
import dev.deskbridge.host.admin.LedgerOutcome;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Computes cost reports from ledger rows. Pure: the same rows give the same report. */
public final class CostReports {
    private CostReports() {}

    /**
     * The report of {@code month}.
     *
     * @param entries ledger rows; rows outside the month are ignored (the store returns none)
     * @param grouping how to split lines; empty for totals only
     */
    public static CostReport compute(YearMonth month, List<LedgerEntry> entries, Optional<CostGrouping> grouping) {
        Accumulator sums = new Accumulator(month, grouping);
        entries.forEach(sums);
        return sums.report();
    }

    /**
     * The report of {@code month} from the store's ledger, read row by row: memory grows with the
     * number of lines in the report, not with the month's messages.
     */
    public static CostReport compute(YearMonth month, dev.deskbridge.host.admin.AdminQueries queries,
            Optional<CostGrouping> grouping) {
        Accumulator sums = new Accumulator(month, grouping);
        queries.forEachLedgerEntry(month, sums);
        return sums.report();
    }

    /** Running sums of a report, fed one ledger row at a time. */
    private static final class Accumulator implements java.util.function.Consumer<LedgerEntry> {
        private final YearMonth month;
        private final Optional<CostGrouping> grouping;
        private final Map<Currency, Sum> totals = new LinkedHashMap<>();
        private final Map<GroupKey, Sum> groups = new LinkedHashMap<>();

        Accumulator(YearMonth month, Optional<CostGrouping> grouping) {
            this.month = java.util.Objects.requireNonNull(month, "month");
            this.grouping = java.util.Objects.requireNonNull(grouping, "grouping");
        }

        @Override
        public void accept(LedgerEntry e) {
            if (!YearMonth.from(e.at().atOffset(ZoneOffset.UTC)).equals(month)) {
                return;
            }
            totals.computeIfAbsent(e.currency(), c -> new Sum(CostReport.TOTAL, c)).add(e);
            grouping.ifPresent(g -> groups
                    .computeIfAbsent(new GroupKey(g.keyOf(e), e.currency()), k -> new Sum(k.key(), k.currency()))
                    .add(e));
        }

        CostReport report() {
            return CostReports.report(month, grouping, totals, groups);
        }
    }

    private static CostReport report(YearMonth month, Optional<CostGrouping> grouping, Map<Currency, Sum> totals,
            Map<GroupKey, Sum> groups) {
        Comparator<CostLine> order = grouping.orElse(null) == CostGrouping.DAY
                ? Comparator.comparing(CostLine::key)
                : Comparator.comparing((CostLine l) -> l.cost().amount()).reversed().thenComparing(CostLine::key);
        List<CostLine> lines = new ArrayList<>(groups.values().stream().map(Sum::line).toList());
        lines.sort(Comparator.comparing((CostLine l) -> l.currency().getCurrencyCode()).thenComparing(order));
        List<CostLine> totalLines = totals.values().stream()
                .map(Sum::line)
                .sorted(Comparator.comparing(l -> l.currency().getCurrencyCode()))
                .toList();
        return new CostReport(month, grouping, lines, totalLines);
    }

    private record GroupKey(String key, Currency currency) {}

    /** Running sums of one group. */
    private static final class Sum {
        private final String key;
        private final Currency currency;
        private long messages;
        private long billed;
        private long free;
        private long failed;
        private long pending;
        private long insideWindow;
        private Money quoted;
        private Money settled;
        private Money cost;
        private Money metaFee;
        private Money channelFee;
        private Money saved;

        Sum(String key, Currency currency) {
            this.key = key;
            this.currency = currency;
            Money zero = Money.zero(currency);
            quoted = zero;
            settled = zero;
            cost = zero;
            metaFee = zero;
            channelFee = zero;
            saved = zero;
        }

        void add(LedgerEntry e) {
            messages++;
            if (e.outcome() == LedgerOutcome.FAILED) {
                failed++;
            } else if (e.billable()) {
                billed++;
            } else {
                free++;
            }
            if (e.outcome() == LedgerOutcome.PENDING) {
                pending++;
            }
            if (e.insideWindow() && e.outcome() != LedgerOutcome.FAILED) {
                insideWindow++;
            }
            quoted = quoted.plus(e.quoted());
            settled = e.settled().map(settled::plus).orElse(settled);
            cost = cost.plus(e.cost());
            metaFee = metaFee.plus(e.metaFee());
            channelFee = channelFee.plus(e.channelFee());
            saved = saved.plus(e.saved());
        }

        CostLine line() {
            return new CostLine(key, currency, messages, billed, free, failed, pending, quoted, settled, cost, metaFee,
                    channelFee, saved, insideWindow);
        }
    }
}
