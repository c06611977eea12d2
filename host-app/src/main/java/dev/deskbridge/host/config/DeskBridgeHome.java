package dev.deskbridge.host.config;

import java.nio.file.Path;

/**
 * The DeskBridge home folder: the system property {@code deskbridge.home} (set by the
 * {@code deskbridge} launcher to the installation folder), else the working directory.
 */
public final class DeskBridgeHome {
    /** The system property the launcher sets. */
    public static final String PROPERTY = "deskbridge.home";

    private DeskBridgeHome() {}

    /** The home folder, absolute. */
    public static Path dir() {
        String home = System.getProperty(PROPERTY);
        return Path.of(home == null || home.isBlank() ? "" : home).toAbsolutePath().normalize();
    }

    /** Where plugin files are looked for when nothing else is configured: {@code <home>/plugins}. */
    public static Path defaultPluginsDir() {
        return dir().resolve("plugins");
    }
}
