package dev.deskbridge.host.campaigns;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A campaign's recipients file: CSV with a header, one row per recipient, the number in the
 * {@code to} column and one column per template parameter (a name or position, {@code header},
 * {@code button.N}). Every problem is kept with its line, so the whole file is checked at once.
 */
public final class RecipientsFile {
    /** The column holding the customer's number. */
    public static final String TO = "to";
    private static final CsvMapper CSV = CsvMapper.builder().enable(CsvParser.Feature.TRIM_SPACES).build();

    /** One recipient as written. */
    public record Row(int line, String to, Map<String, String> parameters) {
        public Row {
            Objects.requireNonNull(to, "to");
            parameters = Map.copyOf(parameters);
        }
    }

    /** A line that cannot be sent, and why. */
    public record Problem(int line, String message) {
        public Problem {
            Objects.requireNonNull(message, "message");
        }
    }

    /** The rows read and the problems found. */
    public record Content(List<Row> rows, List<Problem> problems) {
        public Content {
            rows = List.copyOf(rows);
            problems = List.copyOf(problems);
        }
    }

    private RecipientsFile() {}

    /** Reads the file (UTF-8, a BOM allowed); a file it cannot read at all is one problem at line 1. */
    public static Content read(byte[] csv) {
        List<Row> rows = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        CsvSchema schema = CsvSchema.emptySchema().withHeader();
        try (MappingIterator<Map<String, String>> it = CSV.readerForMapOf(String.class).with(schema).readValues(csv)) {
            // Counted here: a row starts one line after the previous one ended, and a quoted value may span lines.
            int next = 2;
            while (true) {
                int line;
                Map<String, String> values;
                try {
                    if (!it.hasNextValue()) {
                        break;
                    }
                    values = it.nextValue();
                    line = next;
                    next += 1 + values.values().stream().filter(Objects::nonNull)
                            .mapToInt(v -> (int) v.chars().filter(ch -> ch == '\n').count()).sum();
                } catch (RuntimeException e) {
                    problems.add(new Problem(it.getCurrentLocation().getLineNr(), "not a CSV row: "
                            + firstLine(e.getMessage())));
                    break;
                }
                if (!values.containsKey(TO)) {
                    problems.add(new Problem(1, "the header has no '" + TO + "' column (the customer's number)"));
                    break;
                }
                if (values.values().stream().allMatch(v -> v == null || v.isBlank())) {
                    continue; // an empty line
                }
                Map<String, String> parameters = new LinkedHashMap<>(values);
                String to = parameters.remove(TO);
                parameters.values().removeIf(v -> v == null);
                rows.add(new Row(line, to == null ? "" : to, parameters));
            }
        } catch (IOException e) {
            problems.add(new Problem(1, "the file cannot be read as CSV: " + firstLine(e.getMessage())));
        }
        return new Content(rows, problems);
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
