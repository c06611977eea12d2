package dev.deskbridge.host.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code deskbridge pricing}: window and pricing tools. */
@Command(
        name = "pricing",
        mixinStandardHelpOptions = true,
        description = "Window and pricing tools.",
        subcommands = {PricingSimulateCommand.class})
public final class PricingCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
