package dev.deskbridge.host.cli;

import picocli.CommandLine.Command;

/** {@code deskbridge zendesk}: Zendesk tasks (its setup is the generic CRM setup; its sidebar app). */
@Command(
        name = "zendesk",
        mixinStandardHelpOptions = true,
        description = "Zendesk tasks.",
        subcommands = {CrmSetupCommand.class, ZendeskAppCommand.class})
public final class ZendeskCommand extends GroupCommand {}
