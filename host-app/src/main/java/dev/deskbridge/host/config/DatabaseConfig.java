package dev.deskbridge.host.config;

import dev.deskbridge.connector.api.config.Secret;
import java.util.Objects;

/**
 * The {@code database:} section.
 *
 * @param url the JDBC URL (H2 file database by default, PostgreSQL for several hosts)
 * @param user the database user
 * @param password the password; empty when none is given
 */
public record DatabaseConfig(String url, String user, Secret password) {
    public DatabaseConfig {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
    }

    /** The URL without its options, which may carry credentials: safe to print. */
    public String displayUrl() {
        int cut = url.length();
        for (char c : new char[] {'?', ';'}) {
            int i = url.indexOf(c);
            if (i >= 0 && i < cut) {
                cut = i;
            }
        }
        return cut < url.length() ? url.substring(0, cut) + "..." : url;
    }

    @Override
    public String toString() {
        return "DatabaseConfig[url=" + displayUrl() + ", user=" + user + ", password=" + password + "]";
    }
}
