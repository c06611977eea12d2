package dev.deskbridge.host.cli;

import dev.deskbridge.host.config.ConfigLoader;
import dev.deskbridge.host.config.ConfigSource;
import dev.deskbridge.host.config.PluginsConfig;
import dev.deskbridge.host.plugins.BuiltInConnectors;
import dev.deskbridge.host.plugins.ConnectorRegistry;
import dev.deskbridge.host.plugins.FileDigest;
import dev.deskbridge.host.plugins.PluginHost;
import dev.deskbridge.host.plugins.PluginReport;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code deskbridge plugins}: what each plugin file provides, or why it did not load. */
@Command(
        name = "plugins",
        mixinStandardHelpOptions = true,
        description = {
            "Loads every .jar file of the plugins folder and prints, per file, its plugin id, version, state and "
                    + "the connector types it provides, or why it failed. The SHA-256 shown is what plugins.trusted lists."
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:every plugin file started",
            "1:a file failed or was refused, a type is provided twice, or the folder is missing",
            "2:bad arguments or an unreadable --config file"
        })
public final class PluginsCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Mixin
    PluginsFolderOptions folder;

    @Override
    public Integer call() throws IOException {
        CliEnvironment env = DeskBridgeCli.environment(spec);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Optional<PluginsConfig> resolved = folder.resolve(env, err);
        if (resolved.isEmpty()) {
            return 2;
        }
        PluginsConfig plugins = resolved.get();
        if (!Files.isDirectory(plugins.dir())) {
            err.println("deskbridge plugins: no plugins folder at " + plugins.dir());
            return 1;
        }
        try (PluginHost host = PluginHost.load(plugins)) {
            ConnectorRegistry registry = ConnectorRegistry.of(BuiltInConnectors.load(env.builtIns()), host);
            out.println("Plugins in " + plugins.dir()
                    + plugins.trusted().map(t -> " (only the " + t.size() + " trusted digests)").orElse("") + ":");
            if (host.reports().isEmpty()) {
                out.println("  (no .jar files)");
            }
            for (PluginReport r : host.reports()) {
                out.println();
                print(r, out);
            }
            List<String> builtIns = new ArrayList<>();
            registry.channels().values().stream().filter(p -> p.source().equals(BuiltInConnectors.SOURCE))
                    .forEach(p -> builtIns.add("channel " + p.type()));
            registry.crms().values().stream().filter(p -> p.source().equals(BuiltInConnectors.SOURCE))
                    .forEach(p -> builtIns.add("crm " + p.type()));
            if (!builtIns.isEmpty()) {
                out.println();
                out.println("Built into the host: " + String.join(", ", builtIns));
            }
            for (String problem : registry.problems()) {
                out.println();
                out.println("problem: " + problem);
            }
            long failed = host.reports().stream().filter(r -> !r.started()).count();
            out.println();
            out.println((host.reports().size() - failed) + " started, " + failed + " not loaded");
            return failed == 0 && registry.problems().isEmpty() ? 0 : 1;
        }
    }

    private static void print(PluginReport r, PrintWriter out) {
        out.println(r.fileName());
        out.println("  state:    " + r.state());
        if (r.pluginId().isPresent()) {
            out.println("  plugin:   " + r.pluginId().get() + r.version().map(v -> " " + v).orElse(""));
        }
        if (r.started()) {
            out.println("  provides: " + r.extensions().stream().map(Object::toString).collect(Collectors.joining(", ")));
        }
        for (String problem : r.problems()) {
            out.println("  reason:   " + problem);
        }
        r.sha256().or(() -> digest(r.file())).ifPresent(d -> out.println("  sha256:   " + d));
    }

    /** The digest to list in {@code plugins.trusted}; the host hashes a file only when that list is set. */
    private static Optional<String> digest(Path file) {
        if (!java.nio.file.Files.isRegularFile(file)) {
            return Optional.empty(); // a pipe or /dev/zero would be read for ever
        }
        try {
            return Optional.of(FileDigest.sha256(file));
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
