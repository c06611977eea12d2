package dev.deskbridge.host.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/** Reads {@code plugins:} onto {@link PluginsConfig}, leniently: it decides which files load. */
final class PluginsSection {
    /** {@code plugins:} as bound ({@code trusted} is a list, read here). */
    record Fields(String dir) {}

    private PluginsSection() {}

    /** Never null: falls back to defaults, dropping what is invalid, after reporting it. */
    static PluginsConfig read(JsonNode node, ConfigContext ctx) {
        Bound<Fields> s = ctx.bind(node, "plugins", HostSettings.PLUGINS, Set.of("trusted"), Fields.class);
        Path dir = s.fields().dir() == null ? null : ctx.path("plugins.dir", s.fields().dir());
        if (dir == null) {
            dir = ctx.home().resolve("plugins");
        }
        JsonNode trustedNode = ConfigContext.child(node, "trusted");
        if (trustedNode == null) {
            return new PluginsConfig(dir, Optional.empty());
        }
        Set<String> trusted = new LinkedHashSet<>();
        if (!trustedNode.isArray()) {
            ctx.problem("plugins.trusted", "must be a list of SHA-256 digests");
        } else {
            for (int i = 0; i < trustedNode.size(); i++) {
                JsonNode d = trustedNode.get(i);
                Optional<String> digest = d.isValueNode() ? PluginsConfig.normalizeDigest(d.asText()) : Optional.empty();
                if (digest.isEmpty()) {
                    ctx.problem(Paths.index("plugins.trusted", i), "must be a SHA-256 digest (64 hex characters)");
                }
                digest.ifPresent(trusted::add);
            }
        }
        // Fewer files trusted, never more: an invalid list trusts none.
        return new PluginsConfig(dir, Optional.of(trusted));
    }
}
