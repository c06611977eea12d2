package dev.deskbridge.host.logging;

/**
 * Makes a value that came from outside (a request's path, header or body, a provider's id, a
 * connector's message quoting one) safe for one log line: at most {@link #MAX_CHARS} characters,
 * and CR, LF, tabs and every other control or line-separating character written as an escape, so
 * nobody can forge a log line or flood the log through a request; and ({@link #printable}) stored
 * text safe to show in a terminal.
 */
public final class LogSafe {
    /** The longest value written; longer ones are cut and marked with how much was cut. */
    public static final int MAX_CHARS = 200;

    private LogSafe() {}

    /** The value capped and escaped; {@code null} reads {@code null}. */
    public static String text(Object value) {
        return text(value, MAX_CHARS);
    }

    /**
     * The value capped at {@code max} characters and escaped: for a value quoted in an error message
     * or an API's answer, where a shorter cut keeps the sentence readable.
     */
    public static String text(Object value, int max) {
        if (value == null) {
            return "null";
        }
        String s = value.toString();
        int shown = Math.min(s.length(), max);
        StringBuilder out = new StringBuilder(shown + 16);
        for (int i = 0; i < shown; i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\r' -> out.append("\\r");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029'
                            || Character.getType(c) == Character.FORMAT) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        if (s.length() > shown) {
            out.append("...(").append(s.length() - shown).append(" more chars)");
        }
        return out.toString();
    }

    /**
     * The whole value with every character that {@link #controls} something (and half a surrogate
     * pair) written as an escape, backslashes and everything else as they are: for stored text a
     * terminal or another system shows (a table cell, a ticket field), which must not move the cursor,
     * recolour or reorder a line, and which nobody reads back; {@code null} reads {@code null}.
     */
    public static String printable(Object value) {
        String s = String.valueOf(value);
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i += Character.charCount(s.codePointAt(i))) {
            int cp = s.codePointAt(i);
            if (cp == '\n' || cp == '\r' || cp == '\t') {
                out.append(cp == '\n' ? "\\n" : cp == '\r' ? "\\r" : "\\t");
            } else if (controls(cp) || Character.getType(cp) == Character.SURROGATE) {
                out.append(String.format("\\u%04x", cp));
            } else {
                out.appendCodePoint(cp);
            }
        }
        return out.toString();
    }

    /**
     * Whether a character is no text but tells a terminal or a reader's eye what to do: a control
     * character (ESC, NUL, CSI...), a line or paragraph separator, or a bidirectional embedding,
     * override or isolate. Joiners and marks are text: emoji, flags and right-to-left scripts need them.
     */
    public static boolean controls(int codePoint) {
        int type = Character.getType(codePoint);
        return type == Character.CONTROL || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR
                || (codePoint >= 0x202A && codePoint <= 0x202E) || (codePoint >= 0x2066 && codePoint <= 0x2069);
    }
}
