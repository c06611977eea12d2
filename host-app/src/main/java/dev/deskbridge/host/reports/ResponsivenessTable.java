package dev.deskbridge.host.reports;

import dev.deskbridge.host.admin.responsiveness.ResponseFigures;
import dev.deskbridge.host.admin.responsiveness.ResponsivenessReport;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** The table {@code deskbridge stats} prints: one line per group, clock and business-hours times side by side. */
public final class ResponsivenessTable {
    private ResponsivenessTable() {}

    /**
     * @param by which groups: {@code route}, {@code business} or {@code agent}; totals only when empty
     */
    public static String render(ResponsivenessReport report, Optional<String> by) {
        List<ResponseFigures> lines = by.map(b -> switch (b) {
            case "route" -> report.routes();
            case "business" -> report.businesses();
            case "agent" -> report.agents();
            default -> throw new IllegalArgumentException("expected route, business or agent, got '" + b + "'");
        }).orElse(List.of());
        TextTable table = new TextTable(by.orElse("group"), "messages", "answered", "in window", "within target",
                "(business h)", "closed unanswered", "waiting", "first response", "(business h)", "median",
                "p90", "median (business h)", "p90 (business h)", "late templates", "late cost");
        lines.forEach(f -> table.row(row(f)));
        if (!lines.isEmpty()) {
            table.separator();
        }
        table.row(row(report.total()));
        return "Responsiveness " + report.from() + " to " + report.to() + " (as of " + report.asOf() + ")"
                + System.lineSeparator() + table.render();
    }

    private static String[] row(ResponseFigures f) {
        return new String[] {f.key(), String.valueOf(f.customerMessages()), String.valueOf(f.answered()),
            share(f.shareAnsweredInWindow()), share(f.shareWithinTarget()), share(f.shareWithinTargetBusinessHours()),
            String.valueOf(f.unansweredWhenWindowClosed()), String.valueOf(f.waiting()), time(f.firstResponse()),
            time(f.firstResponseBusinessHours()), time(f.median()), time(f.p90()), time(f.medianBusinessHours()),
            time(f.p90BusinessHours()), String.valueOf(f.lateTemplates()), f.lateCost().isEmpty() ? "-"
                    : f.lateCost().entrySet().stream().map(e -> e.getValue().stripTrailingZeros().toPlainString() + " "
                            + e.getKey()).collect(Collectors.joining(", "))};
    }

    /** {@code 87%}, or {@code -} when nothing is decided. */
    static String share(Optional<Double> s) {
        return s.map(v -> String.format(Locale.ROOT, "%.0f%%", v * 100)).orElse("-");
    }

    /** {@code 1h 05m}, {@code 12m 30s}, {@code 45s}; {@code -} when nothing was answered. */
    public static String time(Optional<Duration> d) {
        if (d.isEmpty()) {
            return "-";
        }
        long s = d.get().getSeconds();
        if (s >= 3600) {
            return String.format(Locale.ROOT, "%dh %02dm", s / 3600, s % 3600 / 60);
        }
        if (s >= 60) {
            return String.format(Locale.ROOT, "%dm %02ds", s / 60, s % 60);
        }
        return s + "s";
    }
}
