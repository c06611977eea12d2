package dev.deskbridge.host.reports;

import dev.deskbridge.connector.api.pricing.Money;
import dev.deskbridge.host.logging.LogSafe;
import dev.deskbridge.host.pricing.Amounts;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Prints a cost report as a table, CSV or JSON, for a terminal or a file: a group's name (a link's,
 * a route's) is stored text, so its control characters are escaped in each format.
 */
public final class CostReportWriter {
    private static final List<String> CSV_HEADER = List.of("key", "currency", "messages", "billed", "free", "failed",
            "pending", "inside_window", "quoted", "settled", "cost", "meta_fee", "channel_fee", "saved");

    private CostReportWriter() {}

    /** The report in that format, ending with a newline. */
    public static String write(CostReport report, ReportFormat format) {
        switch (format) {
            case TABLE:
                return table(report);
            case CSV:
                return csv(report);
            case JSON:
                return TerminalJson.pretty(CostReportJson.toJson(report)) + "\n";
            default:
                throw new AssertionError(format);
        }
    }

    /**
     * CSV of the group lines, or of the totals when the report has no grouping; so summing a
     * column never counts a message twice.
     */
    private static String csv(CostReport report) {
        List<CostLine> lines = report.grouping().isPresent() ? report.lines() : report.totals();
        StringBuilder out = new StringBuilder(String.join(",", CSV_HEADER)).append("\r\n");
        for (CostLine l : lines) {
            out.append(Stream.of(formulaSafe(LogSafe.printable(l.key())), l.currency().getCurrencyCode(),
                            n(l.messages()), n(l.billed()), n(l.free()), n(l.failed()), n(l.pending()),
                            n(l.insideWindow()), a(l.quoted()), a(l.settled()), a(l.cost()), a(l.metaFee()),
                            a(l.channelFee()), a(l.saved()))
                    .map(CostReportWriter::csvCell)
                    .collect(Collectors.joining(",")))
                    .append("\r\n");
        }
        return out.toString();
    }

    private static String table(CostReport report) {
        String title = "Costs " + report.month() + report.grouping().map(g -> " by " + g.wireName()).orElse("");
        if (report.totals().isEmpty()) {
            return title + "\nNo messages were sent this month.\n";
        }
        TextTable t = new TextTable(report.grouping().map(CostGrouping::wireName).orElse(""), "currency", ">messages",
                ">billed", ">free", ">failed", ">pending", ">quoted", ">settled", ">cost", ">saved");
        report.lines().forEach(l -> tableRow(t, l));
        if (!report.lines().isEmpty()) {
            t.separator();
        }
        report.totals().forEach(l -> tableRow(t, l));
        StringBuilder out = new StringBuilder(title).append('\n').append(t.render());
        for (CostLine total : report.totals()) {
            String currency = total.currency().getCurrencyCode();
            out.append(String.format("%s: spent %s (Meta %s, channel %s) on %d billed and %d free messages, %d failed;"
                            + " answering inside windows saved %s on %d messages%n",
                    currency, a(total.cost()), a(total.metaFee()), a(total.channelFee()), total.billed(), total.free(),
                    total.failed(), a(total.saved()), total.insideWindow()));
        }
        return out.toString();
    }

    private static void tableRow(TextTable t, CostLine l) {
        t.row(l.key(), l.currency().getCurrencyCode(), n(l.messages()), n(l.billed()), n(l.free()), n(l.failed()),
                n(l.pending()), a(l.quoted()), a(l.settled()), a(l.cost()), a(l.saved()));
    }

    private static String n(long v) {
        return Long.toString(v);
    }

    private static String a(Money m) {
        return Amounts.format(m.amount());
    }

    private static String csvCell(String s) {
        if (s.contains(",") || s.contains("\"") || s.contains("\n") || s.contains("\r")) {
            return '"' + s.replace("\"", "\"\"") + '"';
        }
        return s;
    }

    /** Ticket ids and route names come from outside: a leading formula character must not run in a spreadsheet. */
    private static String formulaSafe(String s) {
        return !s.isEmpty() && "=+-@".indexOf(s.charAt(0)) >= 0 ? "'" + s : s;
    }
}
