package dev.deskbridge.host.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code deskbridge config}: configuration tools. */
@Command(
        name = "config",
        mixinStandardHelpOptions = true,
        description = "Configuration tools.",
        subcommands = {ConfigValidateCommand.class})
public final class ConfigCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
