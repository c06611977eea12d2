package dev.deskbridge.host.pricing;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import java.io.IOException;
import java.io.PushbackReader;
import java.io.Reader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A strict reader for the rate-card CSV files: a header naming exactly the expected columns (in
 * any order), then rows of as many fields. Parsing is Jackson's CSV parser: quoted fields (commas
 * and quotes inside them), CRLF line ends, a leading byte order mark, {@code #} comment lines and
 * blank lines. Every problem is reported with the file and line.
 */
final class CsvTable {
    private static final CsvMapper CSV = CsvMapper.builder()
            .enable(CsvParser.Feature.TRIM_SPACES)
            .enable(CsvParser.Feature.SKIP_EMPTY_LINES)
            .enable(CsvParser.Feature.ALLOW_COMMENTS)
            .build();

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
        List<String> header = null;
        int headerLine = 0;
        List<Row> rows = new ArrayList<>();
        int lineNo = 0;
        try (CsvParser in = (CsvParser) CSV.createParser(withoutByteOrderMark(reader))) {
            while (in.nextToken() == JsonToken.START_ARRAY) {
                List<String> fields = new ArrayList<>();
                lineNo = 0;
                while (in.nextToken() == JsonToken.VALUE_STRING) {
                    if (fields.isEmpty()) {
                        lineNo = in.currentTokenLocation().getLineNr(); // the array's own location is the line before
                    }
                    fields.add(in.getText());
                }
                if (header == null) {
                    header = checkHeader(file, lineNo, fields, columns);
                    headerLine = lineNo;
                    continue;
                }
                if (fields.size() != header.size()) {
                    throw new RateCardException(file, lineNo, "expected " + header.size() + " fields ("
                            + String.join(",", header) + "), found " + fields.size());
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
            return new CsvTable(file, lastLine(in), List.copyOf(rows));
        } catch (StreamReadException e) {
            // A quote left open is noticed only at the end of the file: name the row it is in when known.
            int line = lineNo > 0 ? lineNo : e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            throw new RateCardException(file, line, "not valid CSV: " + e.getOriginalMessage());
        }
    }

    /** Spreadsheet exports start with a byte order mark, which Jackson leaves in the first field when reading characters. */
    private static Reader withoutByteOrderMark(Reader reader) throws IOException {
        PushbackReader in = new PushbackReader(reader, 1);
        int first = in.read();
        if (first != -1 && first != '\uFEFF') {
            in.unread(first);
        }
        return in;
    }

    /** The number of the last line the parser read, at the end of the input. */
    private static int lastLine(CsvParser in) {
        JsonLocation end = in.currentLocation();
        return end.getColumnNr() <= 1 ? end.getLineNr() - 1 : end.getLineNr();
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
}
