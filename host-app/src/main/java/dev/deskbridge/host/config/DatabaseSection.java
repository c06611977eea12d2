package dev.deskbridge.host.config;

import com.fasterxml.jackson.databind.JsonNode;
import dev.deskbridge.connector.api.config.Secret;
import java.util.Optional;
import java.util.Set;

/** Reads {@code database:} onto {@link DatabaseConfig}. */
final class DatabaseSection {
    /** {@code database:} as bound; a component is null when absent or already reported. */
    record Fields(String url, String user, Secret password) {}

    private DatabaseSection() {}

    /** Null (after reporting why) when the section is invalid. */
    static DatabaseConfig read(JsonNode node, ConfigContext ctx) {
        Bound<Fields> s = ctx.bind(node, "database", HostSettings.DATABASE, Set.of(), Fields.class);
        String url = s.fields().url();
        if (url != null && !url.startsWith("jdbc:")) {
            // The URL is not quoted: it may carry a password.
            ctx.problem("database.url", "must be a JDBC URL starting with jdbc:");
            return null;
        }
        if (url != null && !url.startsWith("jdbc:h2:") && !url.startsWith("jdbc:postgresql:")) {
            // Only the driver's name is shown: the rest of the URL may carry a password.
            String[] parts = url.split(":", 3);
            String driver = parts.length > 1 && parts[1].matches("[A-Za-z0-9_-]{1,32}") ? "jdbc:" + parts[1] : "this URL";
            ctx.problem("database.url", driver + " is not supported; use jdbc:h2:... (embedded) or jdbc:postgresql://...");
            return null;
        }
        return s.valid()
                ? new DatabaseConfig(url, s.fields().user(), Optional.ofNullable(s.fields().password()).orElse(new Secret("")))
                : null;
    }
}
