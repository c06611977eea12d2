package dev.deskbridge.host.engine;

import java.util.Optional;

/**
 * The name a customer gave their file (a WhatsApp document's {@code filename}), made safe to hand to
 * a CRM as an attachment's name: the last part of a path only, without control or invisible formatting
 * characters (a right-to-left override can disguise {@code exe.pdf}) or characters that file systems
 * refuse, and bounded, keeping its extension. Empty when nothing usable is left.
 */
final class CustomerFileName {
    /** Code points kept at most: far above any real file name, and well within what CRMs take. */
    static final int MAX = 120;
    /** The longest extension kept whole when a long name is cut. */
    private static final int MAX_EXTENSION = 16;

    private CustomerFileName() {}

    static Optional<String> of(String raw) {
        String name = raw.substring(Math.max(raw.lastIndexOf('/'), raw.lastIndexOf('\\')) + 1);
        StringBuilder kept = new StringBuilder();
        name.codePoints().forEach(cp -> {
            int type = Character.getType(cp);
            if (Character.isISOControl(cp) || type == Character.FORMAT || type == Character.SURROGATE
                    || type == Character.UNASSIGNED || type == Character.PRIVATE_USE) {
                return;
            }
            kept.appendCodePoint(":*?\"<>|".indexOf(cp) >= 0 || Character.isWhitespace(cp) && cp != ' ' ? '_' : cp);
        });
        // Leading dots would hide the file on many systems, and "." or ".." name no file at all.
        String safe = kept.toString().strip().replaceFirst("^\\.+", "").strip();
        if (safe.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(bounded(safe));
    }

    private static String bounded(String name) {
        if (name.codePointCount(0, name.length()) <= MAX) {
            return name;
        }
        int dot = name.lastIndexOf('.');
        String extension = dot > 0 && name.length() - dot <= MAX_EXTENSION + 1 ? name.substring(dot) : "";
        String stem = name.substring(0, name.length() - extension.length());
        int keep = MAX - extension.codePointCount(0, extension.length());
        return stem.substring(0, stem.offsetByCodePoints(0, keep)).strip() + extension;
    }
}
