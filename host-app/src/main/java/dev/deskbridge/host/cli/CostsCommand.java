package dev.deskbridge.host.cli;

import dev.deskbridge.host.reports.CostGrouping;
import dev.deskbridge.host.reports.CostReport;
import dev.deskbridge.host.reports.CostReportWriter;
import dev.deskbridge.host.reports.CostReports;
import dev.deskbridge.host.reports.ReportDates;
import dev.deskbridge.host.reports.ReportFormat;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code deskbridge costs}: a month's costs from the ledger, quoted against settled, free against
 * billed, and what answering inside windows saved. Totals are the ledger's sums, per currency.
 */
@Command(
        name = "costs",
        mixinStandardHelpOptions = true,
        description = {"A month's WhatsApp costs from the ledger: quoted and settled, free and billed, "
                + "and the money saved by answering inside customer service windows."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:report printed", "1:the store could not be read", "2:bad arguments"})
public final class CostsCommand extends StoreCommand {

    @Option(names = "--month", paramLabel = "YYYY-MM", converter = MonthConverter.class,
            description = "UTC month to report (default: this month).")
    YearMonth month;

    @Option(names = "--by", paramLabel = "GROUPING", converter = GroupingConverter.class,
            description = "Split the month by market, category, route, ticket, day or link (default: totals only).")
    CostGrouping by;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table", converter = FormatConverter.class,
            description = "table, csv or json (default: ${DEFAULT-VALUE}).")
    ReportFormat format;

    /** The command as the CLI runs it. */
    public CostsCommand() {
        this(StoreAccess.CLI);
    }

    CostsCommand(StoreAccess access) {
        super(access);
    }

    @Override
    public Integer call() {
        YearMonth reported = month != null ? month
                : YearMonth.now(clock().withZone(ZoneOffset.UTC));
        return withStore(s -> {
            CostReport report = CostReports.compute(reported, s, Optional.ofNullable(by));
            out().print(CostReportWriter.write(report, format));
            return 0;
        });
    }

    /** Reads {@code YYYY-MM} as the admin API does, saying what was expected. */
    static final class MonthConverter implements CommandLine.ITypeConverter<YearMonth> {
        @Override
        public YearMonth convert(String value) {
            try {
                return ReportDates.month(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }

    /** Reads table, csv or json. */
    static final class FormatConverter implements CommandLine.ITypeConverter<ReportFormat> {
        @Override
        public ReportFormat convert(String value) {
            try {
                return ReportFormat.valueOf(value.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException("expected table, csv or json, got '" + value + "'");
            }
        }
    }

    /** Reads a grouping by its lower-case name. */
    static final class GroupingConverter implements CommandLine.ITypeConverter<CostGrouping> {
        @Override
        public CostGrouping convert(String value) {
            try {
                return CostGrouping.fromWire(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }
}
