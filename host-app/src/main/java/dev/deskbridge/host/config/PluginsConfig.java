package dev.deskbridge.host.config;

import java.nio.file.Path;
import java.util.Collections;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The {@code plugins:} section.
 *
 * @param dir the folder plugin files are loaded from
 * @param trusted SHA-256 digests (lower-case hex) of the only plugin files allowed; empty when
 *     every file is allowed
 */
public record PluginsConfig(Path dir, Optional<Set<String>> trusted) {
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    public PluginsConfig {
        Objects.requireNonNull(dir, "dir");
        Objects.requireNonNull(trusted, "trusted");
        trusted = trusted.map(digests -> {
            Set<String> normalized = new TreeSet<>();
            for (String d : digests) {
                String n = normalizeDigest(d).orElseThrow(() -> new IllegalArgumentException("not a SHA-256 digest"));
                normalized.add(n);
            }
            return Collections.unmodifiableSet(normalized);
        });
    }

    /** Every plugin file in {@code dir} is allowed. */
    public static PluginsConfig untrusted(Path dir) {
        return new PluginsConfig(dir, Optional.empty());
    }

    /**
     * The digest in canonical form (lower-case hex, an optional {@code sha256:} prefix dropped),
     * or empty when the text is not a SHA-256 digest.
     */
    public static Optional<String> normalizeDigest(String text) {
        String t = Objects.requireNonNull(text, "text").trim().toLowerCase(Locale.ROOT);
        if (t.startsWith("sha256:")) {
            t = t.substring("sha256:".length());
        }
        return SHA256.matcher(t).matches() ? Optional.of(t) : Optional.empty();
    }
}
