package dev.deskbridge.host.cli;

import dev.deskbridge.connector.api.CrmConnector;
import dev.deskbridge.connector.api.CrmSession;
import dev.deskbridge.connector.api.CrmSetup;
import dev.deskbridge.connector.api.error.ConnectorException;
import dev.deskbridge.host.config.ConnectorInstance;
import dev.deskbridge.host.config.DeskBridgeConfig;
import dev.deskbridge.host.store.BadRecordSink;
import dev.deskbridge.host.plugins.HostConnectorContext;
import dev.deskbridge.host.plugins.NoConversationLookup;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code deskbridge zendesk setup} (also {@code deskbridge crm setup}): lets a configured CRM
 * create what it needs (ticket fields, the webhook reporting agent replies, the trigger calling
 * it), pointing the webhook at {@code host.public_base_url/webhooks/crms/{id}}. Works for any CRM
 * whose connector offers {@link CrmSetup}; running it again finds what exists.
 */
@Command(
        name = "setup",
        mixinStandardHelpOptions = true,
        description = {
            "Creates in the CRM what DeskBridge needs (fields, the webhook that reports agent replies to "
                    + "host.public_base_url/webhooks/crms/ID, the trigger that calls it) and prints each step. "
                    + "Safe to run again: what exists is found, not duplicated."
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:set up (or, with --dry-run, planned)",
            "1:the CRM refused or could not be reached",
            "2:invalid configuration, unknown --crm, or a CRM type without setup"
        })
public final class CrmSetupCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--config", required = true, paramLabel = "FILE", description = "the configuration file")
    Path config;

    @Option(names = "--crm", required = true, paramLabel = "ID", description = "id of the CRM in the configuration's crms")
    String crmId;

    @Option(names = "--dry-run", description = "change nothing; print what would be done")
    boolean dryRun;

    @Override
    public Integer call() throws IOException {
        CliEnvironment env = DeskBridgeCli.environment(spec);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try (LoadedConfig loaded = LoadedConfig.load(env, config, null, err)) {
            if (!loaded.result.valid()) {
                err.println("the configuration has problems; fix them first (deskbridge config validate " + config + "):");
                loaded.result.problems().forEach(p -> err.println("  " + p));
                return 2;
            }
            DeskBridgeConfig cfg = loaded.result.orThrow();
            Optional<ConnectorInstance> instance = cfg.crm(crmId);
            if (instance.isEmpty()) {
                err.println("no crm with id '" + crmId + "' in " + config + " (crms: "
                        + cfg.crms().stream().map(ConnectorInstance::id).collect(Collectors.joining(", ")) + ")");
                return 2;
            }
            CrmConnector connector = loaded.registry.crm(instance.get().type()).orElseThrow();
            return setUp(env, cfg, instance.get(), connector, out, err);
        }
    }

    private int setUp(CliEnvironment env, DeskBridgeConfig cfg, ConnectorInstance instance, CrmConnector connector,
            PrintWriter out, PrintWriter err) {
        String label = "crm '" + instance.id() + "' (" + instance.type() + ")";
        HostConnectorContext context = HostConnectorContext.of(instance.id(), instance.settings(connector.configSpec()),
                env.clock(), new SimpleMeterRegistry(), NoConversationLookup.INSTANCE, BadRecordSink.logging());
        String webhookUrl = cfg.host().crmWebhookUrl(instance.id());
        try (CrmSession session = connector.open(context)) {
            Optional<CrmSetup> setup = session.setup();
            if (setup.isEmpty()) {
                err.println(label + " has no setup: its connector creates nothing in the CRM; configure it by hand");
                return 2;
            }
            out.println((dryRun ? "Planning setup of " : "Setting up ") + label + " for webhook " + webhookUrl
                    + (dryRun ? " (dry run: nothing is changed)" : ""));
            List<CrmSetup.Step> steps = setup.get().setUp(webhookUrl, dryRun);
            for (CrmSetup.Step step : steps) {
                out.printf("  %-7s %s%s%n", step.action(), step.what(), step.detail().isEmpty() ? "" : ": " + step.detail());
            }
            out.println((dryRun ? "Planned " : "Done: ") + steps.size() + (steps.size() == 1 ? " step" : " steps"));
            if (instance.type().equals("zendesk") || spec.parent() != null && spec.parent().name().equals("zendesk")) {
                out.println("Next: the sidebar app for agents: deskbridge zendesk app --config " + config + " --crm "
                        + instance.id());
            }
            return 0;
        } catch (ConnectorException | UnsupportedOperationException e) {
            err.println("setup of " + label + " failed: " + e.getMessage());
            return 1;
        }
    }
}
