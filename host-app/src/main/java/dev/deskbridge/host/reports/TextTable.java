package dev.deskbridge.host.reports;

import dev.deskbridge.host.logging.LogSafe;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A plain-text table with aligned columns; numeric columns are right-aligned. Cells are stored text
 * (a link's name, a failure's reason) shown in a terminal, so their control characters are escaped
 * ({@link LogSafe#printable}): a cell cannot clear the screen, recolour it or break the table's lines.
 */
public final class TextTable {
    private final List<String> headers;
    private final boolean[] rightAligned;
    private final List<String[]> rows = new ArrayList<>();

    /**
     * @param headers column titles; a title starting with {@code >} marks a right-aligned column
     *     (the marker is not printed)
     */
    public TextTable(String... headers) {
        this.rightAligned = new boolean[headers.length];
        List<String> titles = new ArrayList<>();
        for (int i = 0; i < headers.length; i++) {
            rightAligned[i] = headers[i].startsWith(">");
            titles.add(rightAligned[i] ? headers[i].substring(1) : headers[i]);
        }
        this.headers = List.copyOf(titles);
    }

    /** Adds a row; it must have one cell per column. */
    public TextTable row(String... cells) {
        if (cells.length != headers.size()) {
            throw new IllegalArgumentException("expected " + headers.size() + " cells, got " + cells.length);
        }
        rows.add(Arrays.stream(cells).map(c -> LogSafe.printable(Objects.requireNonNullElse(c, "")))
                .toArray(String[]::new));
        return this;
    }

    /** Adds a separator line. */
    public TextTable separator() {
        rows.add(null);
        return this;
    }

    /** The table, each line ending with a newline. */
    public String render() {
        int[] widths = new int[headers.size()];
        for (int i = 0; i < widths.length; i++) {
            widths[i] = headers.get(i).length();
        }
        for (String[] row : rows) {
            if (row != null) {
                for (int i = 0; i < row.length; i++) {
                    widths[i] = Math.max(widths[i], row[i].length());
                }
            }
        }
        StringBuilder out = new StringBuilder();
        line(out, headers.toArray(String[]::new), widths);
        rule(out, widths);
        for (String[] row : rows) {
            if (row == null) {
                rule(out, widths);
            } else {
                line(out, row, widths);
            }
        }
        return out.toString();
    }

    private void line(StringBuilder out, String[] cells, int[] widths) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < cells.length; i++) {
            if (i > 0) {
                line.append("  ");
            }
            String pad = " ".repeat(widths[i] - cells[i].length());
            line.append(rightAligned[i] ? pad + cells[i] : cells[i] + pad);
        }
        out.append(line.toString().stripTrailing()).append('\n');
    }

    private static void rule(StringBuilder out, int[] widths) {
        int total = Arrays.stream(widths).sum() + 2 * (widths.length - 1);
        out.append("-".repeat(total)).append('\n');
    }
}
