package dev.deskbridge.host.store;

import dev.deskbridge.connector.api.config.Secret;
import java.util.Objects;

/**
 * Where the host keeps its data.
 *
 * @param url a JDBC URL; {@code jdbc:h2:file:...} (the default) or {@code jdbc:postgresql://...}
 * @param user the database user
 * @param password the password; never printed
 * @param maxPoolSize connections in the pool
 */
public record DatabaseSettings(String url, String user, Secret password, int maxPoolSize) {
    /** The embedded default: an H2 file under the working directory, created on first run. */
    public static final String DEFAULT_URL = "jdbc:h2:file:./data/deskbridge";

    public DatabaseSettings {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
        if (!url.startsWith("jdbc:h2:") && !url.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("database.url: only jdbc:h2:... and jdbc:postgresql://... are supported, got '"
                    + url.replaceAll("(?i)password=[^;&]*", "password=***") + "'");
        }
        if (maxPoolSize < 1) {
            throw new IllegalArgumentException("database pool size must be at least 1");
        }
    }

    /** The embedded H2 database at a file path (without the {@code .mv.db} suffix). */
    public static DatabaseSettings h2File(String path) {
        return new DatabaseSettings("jdbc:h2:file:" + path, "sa", new Secret(""), 10);
    }

    public boolean isPostgres() {
        return url.startsWith("jdbc:postgresql:");
    }
}
