package dev.deskbridge.host.cli;

import dev.deskbridge.connector.api.ChannelSession;
import dev.deskbridge.connector.api.CrmSession;
import dev.deskbridge.connector.api.config.ConfigSpec;
import dev.deskbridge.connector.api.config.InvalidConfigException;
import dev.deskbridge.host.config.ConnectorInstance;
import dev.deskbridge.host.admin.TicketSidebars;
import dev.deskbridge.host.admin.responsiveness.ResponsivenessMetrics;
import dev.deskbridge.host.admin.responsiveness.ResponsivenessService;
import dev.deskbridge.host.http.admin.AdminApi;
import dev.deskbridge.host.http.admin.MessagesApi;
import dev.deskbridge.host.http.admin.OrdersApi;
import dev.deskbridge.host.http.admin.CampaignsApi;
import dev.deskbridge.host.campaigns.Campaigns;
import dev.deskbridge.host.http.admin.TemplatesApi;
import dev.deskbridge.host.templates.TemplateCatalogue;
import dev.deskbridge.host.http.admin.ResponsivenessApi;
import dev.deskbridge.host.http.admin.LinksApi;
import dev.deskbridge.host.http.admin.SidebarApi;
import dev.deskbridge.host.http.widget.WidgetEndpoints;
import dev.deskbridge.host.runtime.WidgetAvailability;
import dev.deskbridge.host.links.ChatLinks;
import dev.deskbridge.host.links.LinkChannel;
import dev.deskbridge.host.admin.StoreAdminQueries;
import dev.deskbridge.host.config.DeskBridgeConfig;
import dev.deskbridge.host.engine.ConnectorSessions;
import dev.deskbridge.host.engine.EngineSettings;
import dev.deskbridge.host.plugins.ConnectorRegistry;
import dev.deskbridge.host.plugins.HostConnectorContext;
import dev.deskbridge.host.pricing.PricingRules;
import dev.deskbridge.host.pricing.PricingRulesFactory;
import dev.deskbridge.host.runtime.BridgeHost;
import dev.deskbridge.host.runtime.ClassDataArchive;
import dev.deskbridge.host.runtime.DatabaseOpening;
import dev.deskbridge.host.runtime.SideBySide;
import dev.deskbridge.host.runtime.StartupTimeline;
import dev.deskbridge.host.runtime.HostServices;
import dev.deskbridge.host.runtime.Termination;
import dev.deskbridge.host.store.Database;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code deskbridge run --config FILE}: the product. Loads the plugins, validates the
 * configuration, opens the database (migrating it), the channel and CRM sessions, the engine and
 * the webhook server, and runs until stopped (Ctrl-C closes everything in order).
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Runs the bridge: webhook server, engine and database, until stopped.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:stopped", "1:could not start (database, port, a connector)", "2:invalid configuration"})
public final class RunCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--config", required = true, paramLabel = "FILE", description = "the configuration file")
    Path config;

    @Option(names = "--plugins-dir", paramLabel = "DIR", description = "load plugins from here instead of the "
            + "configuration's plugins.dir")
    Path pluginsDir;

    @Option(names = "--stop-after", paramLabel = "DURATION", hidden = true,
            description = "stop by itself after this long (scripted runs, tests)")
    Duration stopAfter;

    @Override
    public Integer call() throws IOException {
        CliEnvironment env = DeskBridgeCli.environment(spec);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        StartupTimeline timeline = StartupTimeline.sinceJvmStart();
        timeline.since("jvm and command line", 0);
        // The database opens while the plugins load: neither needs the other. It is created or migrated
        // only once the whole configuration is valid (DatabaseOpening).
        DatabaseOpening[] opening = new DatabaseOpening[1];
        try (LoadedConfig loaded = LoadedConfig.load(env, config, pluginsDir, err, timeline,
                source -> source.database().ifPresent(db -> opening[0] = DatabaseOpening.start(db,
                        BridgeHost.Builder.poolSize(0, source.engine().map(EngineSettings::from)
                                .orElse(EngineSettings.defaults())), timeline)))) {
            return run(env, loaded, out, err, timeline, opening[0]);
        } finally {
            // Start-up stopped before the host took the database (invalid configuration): close it.
            if (opening[0] != null) {
                opening[0].close();
            }
        }
    }

    private Integer run(CliEnvironment env, LoadedConfig loaded, PrintWriter out, PrintWriter err,
            StartupTimeline timeline, DatabaseOpening opening) {
        if (!loaded.result.valid()) {
            err.println(config + " has problems:");
            loaded.result.problems().forEach(p -> err.println("  " + p));
            return 2;
        }
        DeskBridgeConfig cfg = loaded.result.orThrow();
        EngineSettings engine = EngineSettings.from(cfg.engine());
        BridgeHost host;
        try {
            PricingRules pricing = PricingRulesFactory.create(cfg.pricing());
            BridgeHost.Builder builder = BridgeHost.builder()
                    .http(cfg.host())
                    .database(cfg.database())
                    .engine(engine)
                    .routes(cfg.routes())
                    .templates(cfg.templates())
                    .pricing(pricing)
                    .storeRoutes((app, db) -> {
                        StoreAdminQueries queries = StoreAdminQueries.over(db, pricing, engine.warnBefore(),
                                engine.currency(), loaded::pluginViews, env.clock());
                        new AdminApi(queries, cfg.host().adminToken(), env.clock()).register(app);
                        new TemplatesApi(new TemplateCatalogue(db), cfg.channels().stream().map(ConnectorInstance::id)
                                .toList()).register(app);
                        ResponsivenessService responsiveness = new ResponsivenessService(db, cfg.routes(), env.clock());
                        new ResponsivenessApi(responsiveness, env.clock()).register(app);
                        // Issue 15: links in the admin API, the website button (WidgetFacts: responsiveness, hours).
                        ChatLinks links = new ChatLinks(db, LinkChannel.all(cfg.channels(), env.clock()), env.clock());
                        new LinksApi(links, cfg.host().publicBaseUrl().toString()).register(app);
                        new WidgetEndpoints(links, new WidgetAvailability(responsiveness), env.clock()).register(app);
                    })
                    .engineRoutes((app, eng) -> {
                        // Beside the engine: the sidebar's budget counts a channel's own fee, as the engine does.
                        Database db = eng.context().db();
                        new SidebarApi(new TicketSidebars(db, pricing, cfg.routes(), StoreAdminQueries.over(db, pricing,
                                engine.warnBefore(), engine.currency(), loaded::pluginViews, env.clock()),
                                engine.currency(), new TemplateCatalogue(db),
                                id -> eng.context().sessions().findChannel(id)
                                        .flatMap(ChannelSession::channelFeePerMessage)),
                                cfg.host().appToken(), cfg.host().adminToken(), env.clock()).register(app);
                        new MessagesApi(eng.businessMessages(), eng.orders(), cfg.messaging().sendToken(),
                                cfg.host().adminToken()).register(app);
                        new CampaignsApi(new Campaigns(eng, engine.currency(), cfg.messaging().campaignRate()))
                                .register(app);
                        new OrdersApi(eng.orders()).register(app);
                    })
                    .clock(env.clock())
                    .sessions(services -> open(cfg, loaded.registry, services))
                    .pluginsReady(loaded::pluginsReady)
                    .timeline(timeline);
            if (opening != null) {
                builder.opening(opening);
            }
            host = builder.start();
        } catch (InvalidConfigException e) {
            // Found at start against the database (a route's template the catalogue says is paused).
            err.println(config + " has problems:");
            e.problems().forEach(p -> err.println("  " + p));
            return 2;
        } catch (RuntimeException e) {
            err.println("cannot start: " + e.getMessage());
            return 1;
        }
        ResponsivenessMetrics.bind(host.meters(), new ResponsivenessService(host.database(), cfg.routes(),
                env.clock()), env.clock());
        CountDownLatch stopped = new CountDownLatch(1);
        Runnable stop = Termination.once(() -> {
            host.close();
            stopped.countDown();
        });
        Thread hook = new Thread(stop, "deskbridge-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        // SIGTERM and Ctrl-C close the host in order before the JVM's shutdown hooks run.
        Termination.onSignal(stop);
        out.println("DeskBridge " + VersionProvider.hostVersion() + " listening on http://" + cfg.host().http().bind()
                + ":" + host.port() + " (database " + cfg.database().displayUrl() + ")");
        cfg.channels().forEach(c -> out.println("  channel " + c.id() + ": " + cfg.host().channelWebhookUrl(c.id())));
        cfg.crms().forEach(c -> out.println("  crm " + c.id() + ": " + cfg.host().crmWebhookUrl(c.id())));
        out.println(cfg.host().adminToken().isPresent()
                ? "  dashboard: http://" + cfg.host().http().bind() + ":" + host.port() + "/ (sign in with host.admin_token)"
                : "  dashboard: http://" + cfg.host().http().bind() + ":" + host.port()
                        + "/ (the admin API is off until host.admin_token is set)");
        out.flush();
        boolean interrupted = false;
        try {
            if (stopAfter == null) {
                stopped.await();
            } else {
                if (!stopped.await(stopAfter.toMillis(), TimeUnit.MILLISECONDS)) {
                    out.println("stopping after " + stopAfter);
                }
                // The launcher's training start: the plugins' classes go into the archive only linked.
                if (ClassDataArchive.recordedAtExit()) {
                    linkPluginClasses(loaded, out, err);
                }
            }
        } catch (InterruptedException e) {
            // Stop like Ctrl-C; the flag is restored once the host is closed.
            interrupted = true;
        } finally {
            if (stopped.getCount() > 0) {
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                    host.close();
                } catch (IllegalStateException e) {
                    // the JVM is shutting down: the hook closes the host
                }
            }
        }
        out.flush();
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    private static void linkPluginClasses(LoadedConfig loaded, PrintWriter out, PrintWriter err) {
        try {
            out.println("linked " + loaded.linkPluginClasses() + " classes of plugins for the class data archive");
        } catch (IOException e) {
            // The archive is only slower to start from without them.
            err.println("warning: plugin classes not linked for the class data archive: " + e.getMessage());
        }
    }

    /**
     * Opens every configured channel and CRM with a context on the host's services, side by side
     * (building a provider's client is most of start-up once the database is open); when one fails,
     * the others are closed and the failure is thrown.
     */
    public static ConnectorSessions open(DeskBridgeConfig cfg, ConnectorRegistry registry, HostServices services) {
        Map<String, Supplier<? extends AutoCloseable>> openers = new LinkedHashMap<>();
        for (ConnectorInstance c : cfg.channels()) {
            var connector = registry.channel(c.type()).orElseThrow();
            openers.put("channel " + c.id(), () -> connector.open(context(c, connector.configSpec(), services)));
        }
        for (ConnectorInstance c : cfg.crms()) {
            var connector = registry.crm(c.type()).orElseThrow();
            openers.put("crm " + c.id(), () -> connector.open(context(c, connector.configSpec(), services)));
        }
        Map<String, AutoCloseable> open = SideBySide.open(openers);
        Map<String, ChannelSession> channels = new LinkedHashMap<>();
        Map<String, CrmSession> crms = new LinkedHashMap<>();
        cfg.channels().forEach(c -> channels.put(c.id(), (ChannelSession) open.get("channel " + c.id())));
        cfg.crms().forEach(c -> crms.put(c.id(), (CrmSession) open.get("crm " + c.id())));
        return new ConnectorSessions(channels, crms);
    }

    private static HostConnectorContext context(ConnectorInstance instance, ConfigSpec spec, HostServices services) {
        return HostConnectorContext.of(instance.id(), instance.settings(spec), services.clock(), services.meters(),
                services.conversations(), services.badRecords());
    }
}
