package dev.deskbridge.host.links;

import java.security.SecureRandom;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The short code a link carries in its prefilled text: {@code (ref K7Q2M9)} at the end of the
 * message. Six characters without look-alikes (no 0/O, 1/I), so a customer who retypes it gets it
 * right; the host reads it from the first message and takes it out of the text agents see.
 */
public final class LinkCodes {
    private static final String ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";
    private static final int LENGTH = 6;
    /** A code as stored and typed in commands. */
    public static final Pattern CODE = Pattern.compile("[2-9A-HJ-NP-Z]{" + LENGTH + "}");
    private static final Pattern TOKEN = Pattern.compile("\\(ref (" + CODE.pattern() + ")\\)");
    private static final SecureRandom RANDOM = new SecureRandom();

    private LinkCodes() {}

    /** A new random code. */
    public static String generate() {
        StringBuilder sb = new StringBuilder(LENGTH);
        for (int i = 0; i < LENGTH; i++) {
            sb.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return sb.toString();
    }

    /** The token a link appends to its message. */
    public static String token(String code) {
        return "(ref " + code + ")";
    }

    /** The text a link prefills. */
    public static String prefilled(String message, String code) {
        return message.strip() + " " + token(code);
    }

    /** How many characters the token takes in a prefilled text (with its space). */
    public static int tokenLength() {
        return 1 + token(generate()).length();
    }

    /** A code found in a customer's text, and the text without it. */
    public record Found(String code, String textWithout) {}

    /** The first code token in {@code text}, if any, and the text with that token taken out. */
    public static Optional<Found> find(String text) {
        Matcher m = TOKEN.matcher(text);
        if (!m.find()) {
            return Optional.empty();
        }
        String before = text.substring(0, m.start()).stripTrailing();
        String after = text.substring(m.end()).stripLeading();
        String without = before.isEmpty() || after.isEmpty() ? before + after : before + " " + after;
        return Optional.of(new Found(m.group(1), without));
    }
}
