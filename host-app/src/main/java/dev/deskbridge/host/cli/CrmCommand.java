package dev.deskbridge.host.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code deskbridge crm}: tasks for any configured CRM. */
@Command(
        name = "crm",
        mixinStandardHelpOptions = true,
        description = "Tasks for any configured CRM.",
        subcommands = {CrmSetupCommand.class})
public final class CrmCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
