package dev.deskbridge.host.links;

import dev.deskbridge.host.channel.whatsapp.MetaQrCodes;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The checks on what an operator gives a link, each saying what is wrong: a name, a source tag (it
 * becomes a CRM tag, so lower case without spaces), and a message that fits Meta's 140 characters
 * together with the link's code.
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
        return n;
    }

    public static String source(String source) {
        String s = require("source", source).strip();
        if (!SOURCE.matcher(s).matches()) {
            throw new IllegalArgumentException("source: a tag of lower-case letters, digits, '-' and '_' (up to 32),"
                    + " such as poster, receipt or product-page; got '" + s + "'");
        }
        return s;
    }

    public static String message(String message) {
        String m = require("message", message).strip();
        if (m.isEmpty() || m.length() > MAX_MESSAGE) {
            throw new IllegalArgumentException("message: 1 to " + MAX_MESSAGE + " characters (Meta takes "
                    + MetaQrCodes.MAX_MESSAGE + " with the link's code), got " + m.length());
        }
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
                    + " got '" + c + "'");
        }
        return c;
    }

    private static String require(String what, String value) {
        return Optional.ofNullable(value).orElseThrow(() -> new IllegalArgumentException(what + ": required"));
    }
}
