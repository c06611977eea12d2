package dev.deskbridge.host.campaigns;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import dev.deskbridge.host.logging.LogSafe;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

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

    /**
     * Reads the file (UTF-8, a BOM allowed). A row that does not fit the header is a problem at its own
     * line and the rows after it are still read; a file that cannot be read at all is one problem at
     * line 1, and one whose quoting breaks off is a problem at the row where it broke, after which
     * nothing more can be read.
     */
    public static Content read(byte[] csv) {
        List<Row> rows = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        // Rows as lists, not bound to the header by Jackson: a row with a value too many would end the
        // whole read there; here it is a problem of its own line.
        try (MappingIterator<List<String>> it = CSV.readerForListOf(String.class)
                .with(CsvParser.Feature.WRAP_AS_ARRAY).readValues(csv)) {
            List<String> header = null;
            // Counted here: a row starts one line after the previous one ended, and a quoted value may span lines.
            int next = 1;
            while (true) {
                int line = next;
                List<String> values;
                try {
                    if (!it.hasNextValue()) {
                        break;
                    }
                    values = it.nextValue();
                } catch (IOException | RuntimeException e) {
                    problems.add(new Problem(line, "not a CSV row: " + firstLine(e.getMessage())
                            + "; the lines after it were not read"));
                    break;
                }
                next += 1 + values.stream().filter(Objects::nonNull)
                        .mapToInt(v -> (int) v.chars().filter(ch -> ch == '\n').count()).sum();
                if (header == null) {
                    Optional<String> wrong = headerProblem(values);
                    if (wrong.isPresent()) {
                        problems.add(new Problem(line, wrong.get()));
                        break;
                    }
                    header = values;
                    continue;
                }
                if (values.stream().allMatch(v -> v == null || v.isBlank())) {
                    continue; // an empty line
                }
                Optional<String> unnamed = unnamedValue(header, values);
                if (unnamed.isPresent()) {
                    problems.add(new Problem(line, unnamed.get()));
                    continue;
                }
                Map<String, String> parameters = new LinkedHashMap<>();
                for (int i = 0; i < Math.min(header.size(), values.size()); i++) {
                    if (!header.get(i).isBlank() && values.get(i) != null) {
                        parameters.put(header.get(i), values.get(i));
                    }
                }
                String to = parameters.remove(TO);
                rows.add(new Row(line, to == null ? "" : to, parameters));
            }
        } catch (IOException e) {
            problems.add(new Problem(1, "the file cannot be read as CSV: " + firstLine(e.getMessage())));
        }
        return new Content(rows, problems);
    }

    /** Why the header cannot name the columns, if it cannot. */
    private static Optional<String> headerProblem(List<String> header) {
        if (!header.contains(TO)) {
            return Optional.of("the header has no '" + TO + "' column (the customer's number)");
        }
        Set<String> names = new HashSet<>();
        for (String name : header) {
            if (!name.isBlank() && !names.add(name)) {
                return Optional.of("the header names the column '" + LogSafe.text(name, 40) + "' twice");
            }
        }
        return Optional.empty();
    }

    /**
     * A value in a column the header does not name (past its end, or under an empty name): most often
     * a comma inside a value that is not quoted, which would shift the values after it. Empty ones, as
     * a spreadsheet's trailing commas, are no problem.
     */
    private static Optional<String> unnamedValue(List<String> header, List<String> values) {
        for (int i = 0; i < values.size(); i++) {
            String v = values.get(i);
            if (v != null && !v.isBlank() && (i >= header.size() || header.get(i).isBlank())) {
                return Optional.of("value " + (i + 1) + " is in a column the header does not name (the header names "
                        + header.stream().filter(h -> !h.isBlank()).count() + "); a value holding a comma must be in "
                        + "double quotes");
            }
        }
        return Optional.empty();
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
