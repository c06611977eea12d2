package dev.deskbridge.host.cli;

import java.net.URI;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The options of a command that asks the running host: its configuration file and, optionally, its address. */
final class HostApiOptions {
    @Option(names = "--config", required = true, paramLabel = "FILE", description = "the configuration file")
    Path config;

    @Option(names = "--url", paramLabel = "URL",
            description = "the running host's address (default: http://<host.http.bind>:<host.http.port>)")
    URI url;
}
