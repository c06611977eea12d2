package dev.deskbridge.host.cli;

import picocli.CommandLine;

/** Reads the version from the jar manifest, so it is never written twice. */
public final class VersionProvider implements CommandLine.IVersionProvider {
    /** The running host's version, or the source version outside a packaged jar. */
    public static String hostVersion() {
        String v = VersionProvider.class.getPackage().getImplementationVersion();
        return v == null ? "0.1.0" : v;
    }

    @Override
    public String[] getVersion() {
        return new String[] {"deskbridge " + hostVersion()};
    }
}
