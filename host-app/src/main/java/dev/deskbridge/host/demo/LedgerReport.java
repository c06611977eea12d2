package dev.deskbridge.host.demo;

import dev.deskbridge.host.reports.TextTable;
import dev.deskbridge.host.store.LedgerEntry;
import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The month's costs by market, computed from the ledger's rows: messages, billed, free and failed
 * ones, what was quoted and what it cost (settled where settled, else quoted; a failed message
 * costs nothing).
 *
 * @param month the UTC month
 * @param currency the ledger's currency
 * @param lines one per market, by market
 * @param total the sums of every row
 */
record LedgerReport(YearMonth month, String currency, List<Line> lines, Line total) {

    /** The sums of one market (or of all). */
    record Line(String key, long messages, long billed, long free, long failed, BigDecimal quoted, BigDecimal cost) {
        Line {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(quoted, "quoted");
            Objects.requireNonNull(cost, "cost");
        }

        static Line empty(String key) {
            return new Line(key, 0, 0, 0, 0, BigDecimal.ZERO, BigDecimal.ZERO);
        }

        Line plus(LedgerEntry e) {
            boolean failedRow = e.status().equals("FAILED");
            BigDecimal quote = e.quotedMetaFee().add(e.quotedChannelFee());
            BigDecimal spent = e.status().equals("QUOTED") ? quote
                    : e.settledMetaFee().orElse(BigDecimal.ZERO).add(e.settledChannelFee().orElse(BigDecimal.ZERO));
            return new Line(key, messages + 1, billed + (!failedRow && e.billable() ? 1 : 0),
                    free + (!failedRow && !e.billable() ? 1 : 0), failed + (failedRow ? 1 : 0), quoted.add(quote),
                    cost.add(spent));
        }
    }

    LedgerReport {
        Objects.requireNonNull(month, "month");
        Objects.requireNonNull(currency, "currency");
        lines = List.copyOf(lines);
        Objects.requireNonNull(total, "total");
    }

    /** The report of the rows of {@code month}. */
    static LedgerReport of(YearMonth month, List<LedgerEntry> rows) {
        Map<String, Line> byMarket = new TreeMap<>();
        Line total = Line.empty("total");
        String currency = "USD";
        for (LedgerEntry e : rows) {
            if (!e.month().equals(month.toString())) {
                continue;
            }
            currency = e.currency().getCurrencyCode();
            String market = e.market().orElse("(none)");
            byMarket.put(market, byMarket.getOrDefault(market, Line.empty(market)).plus(e));
            total = total.plus(e);
        }
        return new LedgerReport(month, currency, List.copyOf(byMarket.values()), total);
    }

    /** The table, one line per market and the total. */
    String render() {
        TextTable t = new TextTable("market", ">messages", ">billed", ">free", ">failed", ">quoted", ">cost");
        lines.forEach(l -> row(t, l));
        t.separator();
        row(t, total);
        return "Costs " + month + " by market (" + currency + ")\n" + t.render();
    }

    private static void row(TextTable t, Line l) {
        t.row(l.key(), String.valueOf(l.messages()), String.valueOf(l.billed()), String.valueOf(l.free()),
                String.valueOf(l.failed()), Narrator.amount(l.quoted()), Narrator.amount(l.cost()));
    }
}
