package dev.deskbridge.host.demo;

import dev.deskbridge.connector.api.config.ConfigProblem;
import dev.deskbridge.host.http.admin.AdminApi;
import dev.deskbridge.host.admin.AdminQueries;
import dev.deskbridge.host.admin.PluginView;
import dev.deskbridge.host.admin.PluginViews;
import dev.deskbridge.host.admin.StoreAdminQueries;
import dev.deskbridge.host.cli.RunCommand;
import dev.deskbridge.host.config.ConfigLoader;
import dev.deskbridge.host.config.ConfigResult;
import dev.deskbridge.host.config.ConfigSource;
import dev.deskbridge.host.config.DeskBridgeConfig;
import dev.deskbridge.host.config.EnvLookup;
import dev.deskbridge.host.engine.EngineSettings;
import dev.deskbridge.host.plugins.BuiltInConnectors;
import dev.deskbridge.host.plugins.ConnectorRegistry;
import dev.deskbridge.host.plugins.PluginHost;
import dev.deskbridge.host.plugins.PluginReport;
import dev.deskbridge.host.plugins.ProvidedExtension;
import dev.deskbridge.host.pricing.PricingRules;
import dev.deskbridge.host.pricing.PricingRulesFactory;
import dev.deskbridge.host.runtime.BridgeHost;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The real host started from the demo's configuration file, as {@code deskbridge run} starts one:
 * plugins loaded from the plugins folder through the plugin manager, the configuration validated
 * against them, then database, sessions, engine and HTTP server. Only the business clock differs:
 * it is the demo's simulated one. It serves the admin API and the dashboard as {@code run} does.
 */
public final class DemoHost implements AutoCloseable {
    /** Warnings are queued by the script right after it moves the clock, not by a timer. */
    private static final Duration WATCHER_INTERVAL = Duration.ofDays(365);

    private final PluginHost plugins;
    private final DeskBridgeConfig config;
    private final BridgeHost host;
    private final AdminQueries queries;

    private DemoHost(PluginHost plugins, DeskBridgeConfig config, BridgeHost host, AdminQueries queries) {
        this.plugins = plugins;
        this.config = config;
        this.host = host;
        this.queries = Objects.requireNonNull(queries, "queries");
    }

    /**
     * Loads the plugins, validates the configuration and starts the host.
     *
     * @param configFile the configuration to run
     * @param environment values of its {@code ${NAME}} references
     * @param home the DeskBridge home (default folders)
     * @param builtInLoader where the built-in connectors are found
     * @param clock the business clock
     * @param progress receives a line per step
     * @throws DemoException when a plugin is missing, the configuration is refused or the host cannot start
     */
    public static DemoHost start(Path configFile, Map<String, String> environment, Path home, ClassLoader builtInLoader,
            Clock clock, Consumer<String> progress) {
        ConfigSource source = new ConfigLoader(EnvLookup.of(environment), home).read(configFile);
        if (!source.readProblems().isEmpty()) {
            throw new DemoException("the demo configuration " + configFile + " cannot be read: " + describe(source.readProblems()));
        }
        progress.accept("loading plugins from " + source.plugins().dir());
        PluginHost plugins;
        try {
            plugins = PluginHost.load(source.plugins());
        } catch (IOException e) {
            throw new DemoException("cannot list the plugins folder " + source.plugins().dir() + ": " + e.getMessage());
        }
        try {
            for (PluginReport r : plugins.reports()) {
                progress.accept(r.started()
                        ? "  " + r.fileName() + ": " + r.pluginId().orElse("?") + " " + r.version().orElse("?")
                                + " started, provides " + provides(r.extensions())
                        : "  " + r.fileName() + ": not loaded: " + r.reason());
            }
            BuiltInConnectors builtIns = BuiltInConnectors.load(builtInLoader);
            ConnectorRegistry registry = ConnectorRegistry.of(builtIns, plugins);
            if (registry.crm("zendesk").isEmpty()) {
                throw new DemoException("no plugin in " + source.plugins().dir() + " provides the 'zendesk' CRM type;"
                        + " build the plugins with ./mvnw -B package (the ./deskbridge launcher does this when they"
                        + " are missing)");
            }
            ConfigResult result = source.validate(registry);
            if (!result.valid()) {
                throw new DemoException("the demo configuration was refused: " + describe(result.problems()));
            }
            DeskBridgeConfig config = result.orThrow();
            EngineSettings engine = EngineSettings.from(config.engine()).withTimings(
                    EngineSettings.defaults().pollInterval(), EngineSettings.defaults().lease(), Duration.ZERO,
                    WATCHER_INTERVAL);
            PricingRules pricing = PricingRulesFactory.create(config.pricing());
            Supplier<List<PluginView>> pluginViews = () -> PluginViews.of(builtIns, plugins.reports());
            AtomicReference<AdminQueries> queries = new AtomicReference<>();
            BridgeHost host = BridgeHost.builder()
                    .http(config.host())
                    .database(config.database())
                    .engine(engine)
                    .routes(config.routes())
                    .pricing(pricing)
                    .clock(clock)
                    .sessions(services -> RunCommand.open(config, registry, services))
                    .pluginsReady(() -> registry.providesEveryTypeOf(config))
                    // The admin API and the dashboard, over the host's database, as `deskbridge run` serves them.
                    .storeRoutes((app, db) -> {
                        queries.set(StoreAdminQueries.over(db, pricing, engine.warnBefore(), engine.currency(),
                                pluginViews, clock));
                        new AdminApi(queries.get(), config.host().adminToken(), clock).register(app);
                    })
                    .start();
            return new DemoHost(plugins, config, host, queries.get());
        } catch (RuntimeException e) {
            plugins.close();
            throw e instanceof DemoException ? e : new DemoException("the host did not start: " + e.getMessage(), e);
        }
    }

    public BridgeHost host() {
        return host;
    }

    public DeskBridgeConfig config() {
        return config;
    }

    /** The admin API's read model over the host's database (conversations, costs, plugins). */
    public AdminQueries adminQueries() {
        return queries;
    }

    @Override
    public void close() {
        try {
            host.close();
        } finally {
            plugins.close();
        }
    }

    private static String provides(List<ProvidedExtension> extensions) {
        return extensions.stream().map(e -> e.kind().label() + " " + e.type()).collect(Collectors.joining(", "));
    }

    private static String describe(List<ConfigProblem> problems) {
        return problems.stream().map(ConfigProblem::toString).collect(Collectors.joining("; "));
    }
}
