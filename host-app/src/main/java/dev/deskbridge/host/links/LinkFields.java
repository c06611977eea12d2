package dev.deskbridge.host.links;

import dev.deskbridge.host.channel.whatsapp.MetaQrCodes;
import dev.deskbridge.host.logging.LogSafe;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The checks on what an operator gives a link, each saying what is wrong: a name, a source tag (it
 * becomes a CRM tag, so lower case without spaces), and a message that fits Meta's 140 characters
 * together with the link's code. Names and messages are shown in terminals, tickets and URLs, so
 * control characters (and the bidirectional overrides that reorder what a reader sees) are refused;
 * any other Unicode text is fine, and a message may have line breaks.
 */
public final class LinkFields {
    public static final int MAX_NAME = 100;
    public static final int MAX_MESSAGE = MetaQrCodes.MAX_MESSAGE - LinkCodes.tokenLength();
    private static final Pattern SOURCE = Pattern.compile("[a-z0-9][a-z0-9_-]{0,31}");

    private LinkFields() {}

    public static String name(String name) {
        String n = require("name", name).strip();
        if (n.isEmpty() || n.length() > MAX_NAME) {
            throw new IllegalArgumentException("name: 1 to " + MAX_NAME + " characters, got " + n.length());
        }
        visible("name", n, false);
        return n;
    }

    public static String source(String source) {
        String s = require("source", source).strip();
        if (!SOURCE.matcher(s).matches()) {
            throw new IllegalArgumentException("source: a tag of lower-case letters, digits, '-' and '_' (up to 32),"
                    + " such as poster, receipt or product-page; got '" + LogSafe.text(s, 40) + "'");
        }
        return s;
    }

    public static String message(String message) {
        String m = require("message", message).strip();
        if (m.isEmpty() || m.length() > MAX_MESSAGE) {
            throw new IllegalArgumentException("message: 1 to " + MAX_MESSAGE + " characters (Meta takes "
                    + MetaQrCodes.MAX_MESSAGE + " with the link's code), got " + m.length());
        }
        visible("message", m, true);
        if (LinkCodes.find(m).isPresent()) {
            throw new IllegalArgumentException("message: must not contain a link code '(ref ...)' of its own");
        }
        return m;
    }

    /** A link's code as typed in a command or a URL. */
    public static String code(String code) {
        String c = require("code", code).strip();
        if (!LinkCodes.CODE.matcher(c).matches()) {
            throw new IllegalArgumentException("code: a link code has 6 characters (2-9, A-Z without I and O),"
                    + " got '" + LogSafe.text(c, 40) + "'");
        }
        return c;
    }

    /** Refuses the first character that {@link LogSafe#controls} something, and half a surrogate pair. */
    private static void visible(String field, String value, boolean lineBreaks) {
        int at = 1;
        for (int i = 0; i < value.length(); i += Character.charCount(value.codePointAt(i)), at++) {
            int cp = value.codePointAt(i);
            boolean lineBreak = cp == '\n' && lineBreaks; // WhatsApp text has lines; a name is one
            if (!lineBreak && (LogSafe.controls(cp) || Character.getType(cp) == Character.SURROGATE)) {
                throw new IllegalArgumentException(field + ": character " + at + " is " + String.format("U+%04X", cp)
                        + " (" + Character.getName(cp) + "); " + (lineBreaks
                        ? "a message takes text and line breaks (\\n), no control characters"
                        : "a name takes one line of text, no control characters"));
            }
        }
    }

    private static String require(String what, String value) {
        return Optional.ofNullable(value).orElseThrow(() -> new IllegalArgumentException(what + ": required"));
    }
}
