package dev.deskbridge.connector.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * The version of this connector API. The host checks each plugin's {@code Plugin-Requires}
 * against it (PF4J's system version), so a plugin built for a newer API is refused with a clear
 * reason instead of failing on a missing method. Plugins built on {@code deskbridge-plugin-parent}
 * require {@code >=} the API version they were compiled against.
 */
public final class ApiVersion {
    private static final String VERSION = read();

    private ApiVersion() {}

    /** This API's version, for example {@code 0.1.0}. */
    public static String current() {
        return VERSION;
    }

    private static String read() {
        // Written by the build from the project version, so it is never written twice.
        try (InputStream in = ApiVersion.class.getResourceAsStream("connector-api.properties")) {
            if (in == null) {
                throw new IllegalStateException("connector-api.properties is missing from connector-api");
            }
            Properties p = new Properties();
            p.load(in);
            String v = p.getProperty("version", "");
            if (!v.matches("\\d+\\.\\d+\\.\\d+([-.+].*)?")) {
                throw new IllegalStateException("connector-api.properties has no version, got '" + v + "'");
            }
            return v;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
