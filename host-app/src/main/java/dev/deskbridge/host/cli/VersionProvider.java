package dev.deskbridge.host.cli;

import dev.deskbridge.host.plugins.HostVersion;
import picocli.CommandLine;

/** Reads the version from the jar manifest, so it is never written twice. */
public final class VersionProvider implements CommandLine.IVersionProvider {
    /** The running host's version, or the source version outside a packaged jar. */
    public static String hostVersion() {
        return HostVersion.current();
    }

    @Override
    public String[] getVersion() {
        return new String[] {"deskbridge " + hostVersion()};
    }
}
