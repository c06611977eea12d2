package dev.deskbridge.host.reports;

import dev.deskbridge.host.logging.LogSafe;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The months and days a report is asked for, as the admin API and the CLI read them: {@code YYYY-MM}
 * and {@code YYYY-MM-DD} from 2000 to 2999. java.time alone also takes {@code -5000-01} and
 * {@code +999999999-01}, which no ledger holds and whose next day cannot be computed. No ledger
 * reaches 3000 either, and below it a report's end (the next day, exclusive) still has four digits.
 */
public final class ReportDates {
    public static final YearMonth FIRST_MONTH = YearMonth.of(2000, 1);
    public static final YearMonth LAST_MONTH = YearMonth.of(2999, 12);
    private static final Pattern MONTH = Pattern.compile("[0-9]{4}-[0-9]{2}");
    private static final Pattern DAY = Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}");

    private ReportDates() {}

    /** @throws IllegalArgumentException saying what was expected, without naming the parameter */
    public static YearMonth month(String raw) {
        return read(raw, MONTH, "YYYY-MM", YearMonth::parse, m -> m,
                "a month from " + FIRST_MONTH + " to " + LAST_MONTH);
    }

    /** @throws IllegalArgumentException saying what was expected, without naming the parameter */
    public static LocalDate day(String raw) {
        return read(raw, DAY, "YYYY-MM-DD", LocalDate::parse, YearMonth::from,
                "a day from " + FIRST_MONTH.atDay(1) + " to " + LAST_MONTH.atEndOfMonth());
    }

    private static <T> T read(String raw, Pattern form, String written, Function<String, T> parse,
            Function<T, YearMonth> monthOf, String range) {
        T value;
        try {
            value = form.matcher(raw.strip()).matches() ? parse.apply(raw.strip()) : null;
        } catch (DateTimeParseException e) {
            value = null;
        }
        if (value == null) {
            throw new IllegalArgumentException("expected " + written + ", got '" + LogSafe.text(raw, 40) + "'");
        }
        YearMonth month = monthOf.apply(value);
        if (month.isBefore(FIRST_MONTH) || month.isAfter(LAST_MONTH)) {
            throw new IllegalArgumentException("expected " + range + ", got '" + LogSafe.text(raw, 40) + "'");
        }
        return value;
    }
}
