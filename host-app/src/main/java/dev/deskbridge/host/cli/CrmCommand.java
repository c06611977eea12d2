package dev.deskbridge.host.cli;

import picocli.CommandLine.Command;

/** {@code deskbridge crm}: tasks for any configured CRM. */
@Command(
        name = "crm",
        mixinStandardHelpOptions = true,
        description = "Tasks for any configured CRM.",
        subcommands = {CrmSetupCommand.class})
public final class CrmCommand extends GroupCommand {}
