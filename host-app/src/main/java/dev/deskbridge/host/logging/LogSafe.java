package dev.deskbridge.host.logging;

/**
 * Makes a value that came from outside (a request's path, header or body, a provider's id, a
 * connector's message quoting one) safe for one log line: at most {@link #MAX_CHARS} characters,
 * and CR, LF, tabs and every other control or line-separating character written as an escape, so
 * nobody can forge a log line or flood the log through a request.
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
}
