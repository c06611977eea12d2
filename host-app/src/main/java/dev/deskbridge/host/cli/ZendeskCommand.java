package dev.deskbridge.host.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code deskbridge zendesk}: Zendesk tasks (its setup is the generic CRM setup). */
@Command(
        name = "zendesk",
        mixinStandardHelpOptions = true,
        description = "Zendesk tasks.",
        subcommands = {CrmSetupCommand.class})
public final class ZendeskCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
