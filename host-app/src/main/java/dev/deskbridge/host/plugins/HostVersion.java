package dev.deskbridge.host.plugins;

/**
 * The running host's version, read from the jar manifest so it is never written twice. Plugins
 * are checked against it ({@code Plugin-Requires}), and the CLI and the admin API show it.
 */
public final class HostVersion {
    private HostVersion() {}

    /** The running host's version, or the source version outside a packaged jar. */
    public static String current() {
        String v = HostVersion.class.getPackage().getImplementationVersion();
        return v == null ? "0.1.0" : v;
    }
}
