package dev.deskbridge.host.cli;

import picocli.CommandLine.Command;

/** {@code deskbridge config}: configuration tools. */
@Command(
        name = "config",
        mixinStandardHelpOptions = true,
        description = "Configuration tools.",
        subcommands = {ConfigValidateCommand.class})
public final class ConfigCommand extends GroupCommand {}
