package dev.deskbridge.host.cli;

import picocli.CommandLine.Command;

/** {@code deskbridge campaign}: one template to many customers. */
@Command(
        name = "campaign",
        mixinStandardHelpOptions = true,
        description = "One template to many customers, paced and resumable.",
        subcommands = {CampaignSendCommand.class})
public final class CampaignCommand extends GroupCommand {}
