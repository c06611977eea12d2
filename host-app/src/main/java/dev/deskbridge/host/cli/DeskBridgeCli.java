package dev.deskbridge.host.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code deskbridge} command line: every operator task starts here. */
@Command(
        name = "deskbridge",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Bridges help desks to WhatsApp Business conversations.",
        subcommands = {CommandLine.HelpCommand.class, PricingCommand.class})
public final class DeskBridgeCli implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the CLI and returns its exit code (tests call this instead of {@link #main}). */
    public static int execute(String... args) {
        return new CommandLine(new DeskBridgeCli()).execute(args);
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
