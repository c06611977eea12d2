package dev.deskbridge.host.cli;

/**
 * A {@code deskbridge} subcommand that lives in another module (the demo), so the host's jar does
 * not carry it: a picocli {@code @Command} class implementing this and listed in
 * {@code META-INF/services/dev.deskbridge.host.cli.AddedCommand} is added when its jar is on the
 * class path.
 */
public interface AddedCommand {}
