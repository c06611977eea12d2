package dev.deskbridge.host.cli;

import dev.deskbridge.host.config.ConfigLoader;
import dev.deskbridge.host.config.ConfigResult;
import dev.deskbridge.host.config.ConfigSource;
import dev.deskbridge.host.config.PluginsConfig;
import dev.deskbridge.host.admin.PluginView;
import dev.deskbridge.host.admin.PluginViews;
import dev.deskbridge.host.plugins.BuiltInConnectors;
import dev.deskbridge.host.plugins.ConnectorRegistry;
import dev.deskbridge.host.plugins.PluginHost;
import dev.deskbridge.host.plugins.PluginReport;
import dev.deskbridge.host.runtime.StartupTimeline;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/**
 * A configuration file read, the plugins it names loaded, and the whole validated against them:
 * what {@code config validate} and {@code zendesk setup} both start from. Plugin files that did
 * not load are warned about, since their types will then be unknown.
 */
final class LoadedConfig implements AutoCloseable {
    final ConfigResult result;
    final ConnectorRegistry registry;
    private final PluginHost plugins;
    private final BuiltInConnectors builtIns;

    private LoadedConfig(ConfigResult result, ConnectorRegistry registry, PluginHost plugins,
            BuiltInConnectors builtIns) {
        this.result = result;
        this.registry = registry;
        this.builtIns = builtIns;
        this.plugins = plugins;
    }

    /**
     * @param pluginsDir overrides the configuration's plugins folder when not null
     * @param err receives warnings about plugins that did not load
     */
    static LoadedConfig load(CliEnvironment environment, Path file, Path pluginsDir, PrintWriter err)
            throws IOException {
        return load(environment, file, pluginsDir, err, StartupTimeline.sinceJvmStart(), source -> { });
    }

    /**
     * As {@link #load(CliEnvironment, Path, Path, PrintWriter)}, each step timed in {@code timeline};
     * {@code whenRead} gets the file as read, before the plugins load (to start what needs only it).
     */
    static LoadedConfig load(CliEnvironment environment, Path file, Path pluginsDir, PrintWriter err,
            StartupTimeline timeline, Consumer<ConfigSource> whenRead) throws IOException {
        ConfigSource source = timeline.step("config read",
                () -> new ConfigLoader(environment.env(), environment.home()).read(file));
        whenRead.accept(source);
        PluginsConfig pluginsConfig = pluginsDir == null ? source.plugins()
                : new PluginsConfig(pluginsDir.toAbsolutePath().normalize(), source.plugins().trusted());
        if (!Files.isDirectory(pluginsConfig.dir())) {
            err.println("warning: no plugins folder at " + pluginsConfig.dir() + "; only built-in connector types are known");
        }
        long pluginsFrom = timeline.now();
        PluginHost plugins = PluginHost.load(pluginsConfig);
        timeline.since("plugins", pluginsFrom);
        for (PluginReport r : plugins.reports()) {
            if (!r.started()) {
                err.println("warning: plugin file " + r.fileName() + " not loaded: " + r.reason());
            }
        }
        BuiltInConnectors builtIns = BuiltInConnectors.load(environment.builtIns());
        ConnectorRegistry registry = ConnectorRegistry.of(builtIns, plugins);
        registry.problems().forEach(p -> err.println("warning: " + p));
        return new LoadedConfig(timeline.step("config validation", () -> source.validate(registry)), registry, plugins,
                builtIns);
    }

    /** The built-in connectors and every plugin file with its state, as the admin API lists them. */
    List<PluginView> pluginViews() {
        return PluginViews.of(builtIns, plugins.reports());
    }

    /**
     * Readiness of a running host: every connector type the configuration uses is provided, built in
     * or by a started plugin. A plugin file that did not load and that nothing uses (a stray or broken
     * jar) is warned about and listed with its reason in the admin API; it does not take a host that
     * serves every webhook out of service.
     */
    boolean pluginsReady() {
        return result.config().map(registry::providesEveryTypeOf).orElse(false);
    }

    /** Links the started plugins' loaded classes before a start that records the class data archive ends. */
    int linkPluginClasses() throws IOException {
        return plugins.linkLoadedClasses();
    }

    @Override
    public void close() {
        plugins.close();
    }
}
