package dev.deskbridge.host.pricing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A small, strict reader for the rate-card CSV files: a header naming exactly the expected columns
 * (in any order), plain comma-separated fields without quoting, {@code #} comment lines and blank
 * lines skipped. Every problem is reported with the file and line.
 */
final class CsvTable {

    /** One data row: its line number and its fields by column name. */
    record Row(int line, Map<String, String> fields) {
        String get(String column) {
            return fields.get(column);
        }
    }

    private final String file;
    private final int lastLine;
    private final List<Row> rows;

    private CsvTable(String file, int lastLine, List<Row> rows) {
        this.file = file;
        this.lastLine = lastLine;
        this.rows = rows;
    }

    String file() {
        return file;
    }

    /** The number of the file's last line (for problems found only at the end). */
    int lastLine() {
        return lastLine;
    }

    List<Row> rows() {
        return rows;
    }

    RateCardException error(int line, String reason) {
        return new RateCardException(file, line, reason);
    }

    static CsvTable read(String file, Reader reader, List<String> columns) throws IOException {
        BufferedReader in = new BufferedReader(reader);
        List<String> header = null;
        int headerLine = 0;
        List<Row> rows = new ArrayList<>();
        int lineNo = 0;
        String line;
        while ((line = in.readLine()) != null) {
            lineNo++;
            if (lineNo == 1 && line.startsWith("\uFEFF")) {
                line = line.substring(1); // spreadsheet exports start with a byte order mark
            }
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            List<String> fields = split(trimmed);
            if (header == null) {
                header = checkHeader(file, lineNo, fields, columns);
                headerLine = lineNo;
                continue;
            }
            if (fields.size() != header.size()) {
                throw new RateCardException(file, lineNo,
                        "expected " + header.size() + " fields (" + String.join(",", header) + "), found " + fields.size());
            }
            Map<String, String> byName = new HashMap<>();
            for (int i = 0; i < header.size(); i++) {
                byName.put(header.get(i), fields.get(i));
            }
            rows.add(new Row(lineNo, byName));
        }
        if (header == null) {
            throw new RateCardException(file, 0, "empty file: expected a header line " + String.join(",", columns));
        }
        if (rows.isEmpty()) {
            throw new RateCardException(file, headerLine, "no rows after the header");
        }
        return new CsvTable(file, lineNo, List.copyOf(rows));
    }

    private static List<String> checkHeader(String file, int lineNo, List<String> fields, List<String> columns) {
        Set<String> seen = new LinkedHashSet<>();
        for (String f : fields) {
            String name = f.toLowerCase(java.util.Locale.ROOT);
            if (!columns.contains(name)) {
                throw new RateCardException(file, lineNo,
                        "unknown column '" + f + "' (expected the columns " + String.join(",", columns) + ")");
            }
            if (!seen.add(name)) {
                throw new RateCardException(file, lineNo, "column '" + f + "' appears twice");
            }
        }
        for (String c : columns) {
            if (!seen.contains(c)) {
                throw new RateCardException(file, lineNo,
                        "missing column '" + c + "' (expected the columns " + String.join(",", columns) + ")");
            }
        }
        return List.copyOf(seen);
    }

    private static List<String> split(String line) {
        List<String> out = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= line.length(); i++) {
            if (i == line.length() || line.charAt(i) == ',') {
                out.add(line.substring(start, i).strip());
                start = i + 1;
            }
        }
        return out;
    }
}
