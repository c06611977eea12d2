package dev.deskbridge.host.cli;

import dev.deskbridge.connector.api.CrmConnector;
import dev.deskbridge.connector.api.MessagingChannel;
import dev.deskbridge.host.config.HostSettings;
import dev.deskbridge.host.config.PluginsConfig;
import dev.deskbridge.host.plugins.BuiltInConnectors;
import dev.deskbridge.host.plugins.ConnectorRegistry;
import dev.deskbridge.host.plugins.PluginHost;
import dev.deskbridge.host.plugins.PluginReport;
import dev.deskbridge.host.plugins.Provided;
import dev.deskbridge.host.reports.ConfigReference;
import dev.deskbridge.host.reports.ConnectorSettings;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code deskbridge config reference}: the configuration reference in Markdown, generated from the
 * settings the host and every loaded connector type declare ({@code docs/CONFIGURATION.md} is its
 * output, and a test keeps it so).
 */
@Command(
        name = "reference",
        mixinStandardHelpOptions = true,
        description = {"Prints the configuration reference (Markdown) generated from the settings the host and "
                + "each connector type (built in or from the plugins folder) declare."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:reference written",
            "1:a plugin file did not load (the reference lacks its types) or the output could not be written",
            "2:bad arguments or an unreadable --config file"
        })
public final class ConfigReferenceCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Mixin
    PluginsFolderOptions folder;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE",
            description = "write the reference to this file instead of printing it (docs/CONFIGURATION.md)")
    Path output;

    @Override
    public Integer call() throws IOException {
        CliEnvironment env = DeskBridgeCli.environment(spec);
        PrintWriter err = spec.commandLine().getErr();
        Optional<PluginsConfig> plugins = folder.resolve(env, err);
        if (plugins.isEmpty()) {
            return 2;
        }
        String markdown;
        boolean complete;
        try (PluginHost host = PluginHost.load(plugins.get())) {
            complete = true;
            for (PluginReport r : host.reports()) {
                if (!r.started()) {
                    err.println("warning: plugin file " + r.fileName() + " not loaded, its types are missing: "
                            + r.reason());
                    complete = false;
                }
            }
            ConnectorRegistry registry = ConnectorRegistry.of(BuiltInConnectors.load(env.builtIns()), host);
            markdown = ConfigReference.markdown(HostSettings.sections(), connectors(registry));
        }
        if (output == null) {
            spec.commandLine().getOut().print(markdown);
            spec.commandLine().getOut().flush();
        } else {
            try {
                Path parent = output.toAbsolutePath().getParent();
                if (parent != null) {
                    Files.createDirectories(parent);
                }
                Files.writeString(output, markdown, StandardCharsets.UTF_8);
            } catch (IOException e) {
                err.println("deskbridge config reference: cannot write " + output + ": " + e.getMessage());
                return 1;
            }
            spec.commandLine().getOut().println("wrote " + output);
        }
        return complete ? 0 : 1;
    }

    /** The registry's connector types with their specs and where they come from. */
    static List<ConnectorSettings> connectors(ConnectorRegistry registry) {
        List<ConnectorSettings> out = new ArrayList<>();
        for (Provided<MessagingChannel> p : registry.channels().values()) {
            out.add(new ConnectorSettings(ConnectorSettings.Kind.CHANNEL, p.type(), pluginFile(p),
                    p.connector().configSpec()));
        }
        for (Provided<CrmConnector> p : registry.crms().values()) {
            out.add(new ConnectorSettings(ConnectorSettings.Kind.CRM, p.type(), pluginFile(p), p.connector().configSpec()));
        }
        return out;
    }

    private static Optional<String> pluginFile(Provided<?> p) {
        return p.source().equals(BuiltInConnectors.SOURCE) ? Optional.empty() : Optional.of(p.source());
    }
}
