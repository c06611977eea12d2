package dev.deskbridge.host.cli;

import dev.deskbridge.host.admin.responsiveness.ResponsivenessReport;
import dev.deskbridge.host.admin.responsiveness.ResponsivenessService;
import dev.deskbridge.host.admin.responsiveness.TimelineStore;
import dev.deskbridge.host.config.ConfigLoader;
import dev.deskbridge.host.config.answering.Answering;
import dev.deskbridge.host.reports.ReportDates;
import dev.deskbridge.host.reports.ResponsivenessJson;
import dev.deskbridge.host.reports.ResponsivenessTable;
import dev.deskbridge.host.reports.TerminalJson;
import dev.deskbridge.host.store.Database;
import java.io.PrintWriter;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code deskbridge stats}: how fast customers were answered, from the host's database; the same
 * figures as {@code GET /api/stats/responsiveness}. Business hours and response targets come from
 * the routes of {@code --config} (without it, every route is always open with a 1 h target).
 */
@Command(
        name = "stats",
        mixinStandardHelpOptions = true,
        description = {"Responsiveness: first-response, median and p90 response times (on the clock and in "
                + "business hours), answered inside the service window and within the target, left unanswered "
                + "when a window closed, and the templates answering late cost."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:report printed", "1:the store could not be read", "2:bad arguments"})
public final class StatsCommand implements Callable<Integer> {
    private static final Set<String> GROUPINGS = Set.of("route", "business", "agent");

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Mixin
    StoreOptions store;

    @Option(names = "--from", paramLabel = "YYYY-MM-DD", converter = DateConverter.class,
            description = "First UTC day (default: 29 days before --to).")
    LocalDate from;

    @Option(names = "--to", paramLabel = "YYYY-MM-DD", converter = DateConverter.class,
            description = "Last UTC day, included (default: today).")
    LocalDate to;

    @Option(names = "--route", paramLabel = "CHANNEL", description = "Only the route of this channel id.")
    String route;

    @Option(names = "--by", paramLabel = "GROUPING", description = "route, business or agent (default: totals only).")
    String by;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table",
            description = "table or json (default: ${DEFAULT-VALUE}).")
    String format;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (by != null && !GROUPINGS.contains(by)) {
            err.println("deskbridge stats: --by: expected route, business or agent, got '" + by + "'");
            return 2;
        }
        if (!format.equals("table") && !format.equals("json")) {
            err.println("deskbridge stats: --format: expected table or json, got '" + format + "'");
            return 2;
        }
        CliEnvironment env = DeskBridgeCli.environment(spec);
        LocalDate last = to != null ? to : LocalDate.now(env.clock().withZone(ZoneOffset.UTC));
        LocalDate first = from != null ? from : last.minusDays(29);
        if (first.isAfter(last)) {
            err.println("deskbridge stats: --from must be on or before --to");
            return 2;
        }
        Map<String, Answering> answering = Map.of();
        Database db;
        try {
            if (store.config != null) {
                answering = new ConfigLoader(env.env(), env.home()).read(store.config).answering();
            }
            db = store.openExisting(env);
        } catch (IllegalArgumentException e) {
            err.println("deskbridge stats: " + e.getMessage());
            return 2;
        } catch (RuntimeException e) {
            err.println("deskbridge stats: cannot open the database: " + e.getMessage());
            return 1;
        }
        try (db) {
            ResponsivenessService service = new ResponsivenessService(new TimelineStore(db), answering, env.clock());
            if (route != null && store.config != null) { // without the configuration, no route is known
                try {
                    service.route(route);
                } catch (IllegalArgumentException e) {
                    err.println("deskbridge stats: --route: " + e.getMessage());
                    return 2;
                }
            }
            ResponsivenessReport report = service.report(first.atStartOfDay(ZoneOffset.UTC).toInstant(),
                    last.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant(), Optional.ofNullable(route));
            out.print(format.equals("json")
                    ? TerminalJson.pretty(ResponsivenessJson.toJson(report)) + System.lineSeparator()
                    : ResponsivenessTable.render(report, Optional.ofNullable(by)));
            return 0;
        } catch (RuntimeException e) {
            err.println("deskbridge stats: cannot read the store: " + e.getMessage());
            return 1;
        } finally {
            out.flush();
        }
    }

    /** Reads {@code YYYY-MM-DD} as the admin API does, saying what was expected. */
    static final class DateConverter implements CommandLine.ITypeConverter<LocalDate> {
        @Override
        public LocalDate convert(String value) {
            try {
                return ReportDates.day(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }
}
