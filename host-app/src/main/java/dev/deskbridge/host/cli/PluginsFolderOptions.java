package dev.deskbridge.host.cli;

import dev.deskbridge.host.config.ConfigLoader;
import dev.deskbridge.host.config.ConfigSource;
import dev.deskbridge.host.config.PluginsConfig;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/** The {@code --dir} and {@code --config} options of the commands that load the plugins folder. */
final class PluginsFolderOptions {

    @Option(names = "--dir", paramLabel = "DIR",
            description = "the plugins folder (default: plugins/ in the DeskBridge home, or plugins.dir of --config)")
    Path dir;

    @Option(names = "--config", paramLabel = "FILE",
            description = "take plugins.dir and plugins.trusted from this configuration file")
    Path config;

    /**
     * The plugins folder and trusted digests the options name.
     *
     * @return empty when the configuration file could not be read (its problems are printed to {@code err})
     */
    Optional<PluginsConfig> resolve(CliEnvironment env, PrintWriter err) {
        PluginsConfig plugins = PluginsConfig.untrusted(env.pluginsDir());
        if (config != null) {
            ConfigSource source = new ConfigLoader(env.env(), env.home()).read(config);
            if (!source.readProblems().isEmpty()) {
                source.readProblems().forEach(err::println);
                return Optional.empty();
            }
            plugins = source.plugins();
        }
        if (dir != null) {
            plugins = new PluginsConfig(dir.toAbsolutePath().normalize(), plugins.trusted());
        }
        return Optional.of(plugins);
    }
}
