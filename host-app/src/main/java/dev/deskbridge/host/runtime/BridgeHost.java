package dev.deskbridge.host.runtime;

import dev.deskbridge.host.config.RouteConfig;
import dev.deskbridge.host.config.DatabaseConfig;
import dev.deskbridge.host.config.HostConfig;
import dev.deskbridge.host.engine.ConnectorSessions;
import dev.deskbridge.host.engine.Engine;
import dev.deskbridge.host.engine.EngineContext;
import dev.deskbridge.host.engine.EngineMetrics;
import dev.deskbridge.host.engine.EngineSettings;
import dev.deskbridge.host.engine.Routes;
import dev.deskbridge.host.http.HealthCheck;
import dev.deskbridge.host.http.WebhookServer;
import dev.deskbridge.host.pricing.PricingRules;
import dev.deskbridge.host.store.BadRecordSink;
import dev.deskbridge.host.store.Database;
import dev.deskbridge.host.store.journal.IntakeJournal;
import dev.deskbridge.host.store.journal.JournalSettings;
import dev.deskbridge.host.templates.RouteTemplates;
import dev.deskbridge.host.templates.TemplateCatalogue;
import dev.deskbridge.host.templates.TemplateSync;
import dev.deskbridge.host.config.TemplatesConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import io.javalin.Javalin;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Function;

// size: the composition root: every part opened in start-up order and closed in reverse, in one reading.
/**
 * The running product: database, connector sessions, engine and HTTP server, started in that
 * order and closed in reverse. Built with {@link #builder()}.
 */
public final class BridgeHost implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(BridgeHost.class);
    private final Database database;
    private final Optional<IntakeJournal> journal;
    private final ConnectorSessions sessions;
    private final Engine engine;
    private final WebhookServer server;
    private final PrometheusMeterRegistry meters;
    private final TemplateSync templateSync;
    private final int port;

    private BridgeHost(Database database, Optional<IntakeJournal> journal, ConnectorSessions sessions, Engine engine,
            WebhookServer server, PrometheusMeterRegistry meters, TemplateSync templateSync, int port) {
        this.templateSync = templateSync;
        this.database = database;
        this.journal = journal;
        this.sessions = sessions;
        this.engine = engine;
        this.server = server;
        this.meters = meters;
        this.port = port;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Assembles and starts a host. */
    public static final class Builder {
        private HostConfig http;
        private DatabaseConfig database;
        private int poolSize;
        private EngineSettings engine = EngineSettings.defaults();
        private List<RouteConfig> routes = List.of();
        private PricingRules pricing;
        private Clock clock = Clock.systemUTC();
        private Function<HostServices, ConnectorSessions> sessions;
        private BooleanSupplier pluginsReady = () -> true;
        private TemplatesConfig templates = TemplatesConfig.DEFAULTS;
        private StartupTimeline timeline;
        private DatabaseOpening opening;
        private JournalSettings intakeJournal = JournalSettings.DEFAULTS;
        private final List<Consumer<Javalin>> extraRoutes = new ArrayList<>();
        private final List<BiConsumer<Javalin, Database>> storeRoutes = new ArrayList<>();
        private final List<BiConsumer<Javalin, Engine>> engineRoutes = new ArrayList<>();

        public Builder http(HostConfig s) {
            this.http = s;
            return this;
        }

        public Builder database(DatabaseConfig s) {
            this.database = s;
            return this;
        }

        /** Database connections; by default enough for every worker, the dispatchers and the webhook server. */
        public Builder poolSize(int n) {
            this.poolSize = n;
            return this;
        }

        public Builder engine(EngineSettings s) {
            this.engine = s;
            return this;
        }

        public Builder routes(List<RouteConfig> r) {
            this.routes = List.copyOf(r);
            return this;
        }

        public Builder pricing(PricingRules p) {
            this.pricing = p;
            return this;
        }

        /** The business clock (windows, prices, warnings); real time unless a simulation or test says otherwise. */
        public Builder clock(Clock c) {
            this.clock = c;
            return this;
        }

        /** Opens the configured sessions once the host's services (lookup, metrics) exist. */
        public Builder sessions(Function<HostServices, ConnectorSessions> opener) {
            this.sessions = opener;
            return this;
        }

        /** Readiness of the plugins (loaded without failures that matter). */
        public Builder pluginsReady(BooleanSupplier ready) {
            this.pluginsReady = ready;
            return this;
        }

        /** How the template catalogue is kept current. */
        public Builder templates(TemplatesConfig t) {
            this.templates = Objects.requireNonNull(t, "templates");
            return this;
        }

        /** Where the start-up steps' times are recorded (and logged once listening). */
        public Builder timeline(StartupTimeline t) {
            this.timeline = Objects.requireNonNull(t, "timeline");
            return this;
        }

        /**
         * The database already being opened alongside the rest of start-up; used when its settings
         * are those of {@link #database(DatabaseConfig)} and the pool size, otherwise closed.
         */
        public Builder opening(DatabaseOpening o) {
            this.opening = Objects.requireNonNull(o, "opening");
            return this;
        }

        /** The intake journal's sizes (and, in crash tests, a lagging mover); used with H2 on file. */
        public Builder intakeJournal(JournalSettings j) {
            this.intakeJournal = Objects.requireNonNull(j, "intakeJournal");
            return this;
        }

        /** More HTTP routes (admin API, dashboard). */
        public Builder httpRoutes(Consumer<Javalin> adder) {
            extraRoutes.add(adder);
            return this;
        }

        /** More HTTP routes that read the host's database (the admin API and the dashboard). */
        public Builder storeRoutes(BiConsumer<Javalin, Database> adder) {
            storeRoutes.add(adder);
            return this;
        }

        /** More HTTP routes that work through the engine (the notifications API). */
        public Builder engineRoutes(BiConsumer<Javalin, Engine> adder) {
            engineRoutes.add(adder);
            return this;
        }

        public BridgeHost start() {
            Objects.requireNonNull(http, "http settings");
            Objects.requireNonNull(database, "database settings");
            Objects.requireNonNull(pricing, "pricing rules");
            Objects.requireNonNull(sessions, "sessions");
            Routes routeTable = new Routes(routes);
            StartupTimeline steps = timeline != null ? timeline : StartupTimeline.sinceJvmStart();
            int pool = poolSize(poolSize, engine);
            ListenCheck.bindable(http.http());
            // Taken from the early open without waiting for it: a new database migrates meanwhile.
            PendingDatabase pending = opening != null
                    ? opening.take(database, pool)
                    : PendingDatabase.of(steps.step("database", () -> Database.open(database, pool)));
            PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
            BadRecordSink badRecords = pending.badRecords(clock);
            HostServices services = new HostServices(pending.lookup(pricing, clock, engine.warnBefore(),
                    engine.currency()), meters, clock, badRecords);
            ConnectorSessions open = null;
            Database db;
            try {
                // The sessions (a provider's client each) open while the database may still be opening:
                // neither needs the other, and their lookups wait for it if a plugin calls one this early.
                open = steps.step("sessions", () -> sessions.apply(services));
                AnswerTexts.check(routes, open);
                db = steps.step("database wait", pending::await);
            } catch (RuntimeException e) {
                if (open != null) {
                    open.closeAll();
                }
                pending.closeWhenOpen();
                throw e;
            }
            Engine eng = null;
            TemplateSync sync = null;
            Optional<IntakeJournal> journal = Optional.empty();
            try {
                // Next to the H2 file: the webhooks acknowledged, not yet in the database (see Intake).
                journal = steps.step("intake journal", () -> Database.h2FilePath(database.url())
                        .map(f -> IntakeJournal.open(f.resolveSibling(f.getFileName() + ".intake"), intakeJournal)));
                EngineMetrics metrics = new EngineMetrics(meters);
                ConnectorSessions opened = open;
                Optional<IntakeJournal> journalOpened = journal;
                eng = steps.step("engine", () -> new Engine(EngineContext.create(db, engine, routeTable, opened, pricing,
                        clock, Clock.systemUTC(), metrics), journalOpened));
                Engine running = eng;
                HealthCheck health = new HealthCheck().add("database", db::isReachable).add("plugins", pluginsReady)
                        .add("intake", running.intake()::working);
                WebhookServer server = steps.step("http routes", () -> {
                    WebhookServer s = new WebhookServer(http, opened, running.intake(), metrics, meters, health,
                            badRecords, clock);
                    extraRoutes.forEach(s::routes);
                    storeRoutes.forEach(r -> s.routes(app -> r.accept(app, db)));
                    engineRoutes.forEach(r -> s.routes(app -> r.accept(app, running)));
                    return s;
                });
                TemplateCatalogue catalogue = eng.context().templates();
                steps.run("route templates", () -> checkRouteTemplates(db, catalogue));
                sync = new TemplateSync(catalogue, open.channels(), Clock.systemUTC())
                        .schedule(templates.syncEvery(), outcomes -> checkRouteTemplates(db, catalogue));
                steps.run("engine start", running::start);
                int port = steps.step("http start", server::start);
                LOG.info("{}", steps.summary());
                return new BridgeHost(db, journal, open, eng, server, meters, sync, port);
            } catch (RuntimeException e) {
                if (sync != null) {
                    sync.close();
                }
                if (eng != null) {
                    eng.close();
                }
                journal.ifPresent(IntakeJournal::close);
                if (open != null) {
                    open.closeAll();
                }
                db.close();
                throw e;
            }
        }

        /** The given pool size, or by default enough for every worker, the dispatchers and the webhook server. */
        public static int poolSize(int given, EngineSettings engine) {
            return given > 0 ? given : 2 * engine.workers() + 10;
        }

        /**
         * Checks the templates the routes name against the catalogue, at start and after each sync,
         * and logs each problem with its path. Never stops the start: the catalogue is the provider's
         * state, not the configuration's (Meta pauses a template for its quality and lifts the pause on
         * its own), and a host that would not start while one template is paused leaves every
         * channel's customers unheard. A template that cannot be sent is refused message by message,
         * with a note on the ticket; {@code deskbridge templates sync} syncs and checks, exiting 2 on a
         * problem.
         */
        private void checkRouteTemplates(Database db, TemplateCatalogue catalogue) {
            RouteTemplates.Result r = db.inTransaction(c -> RouteTemplates.check(c, catalogue, routes));
            r.unchecked().forEach(u -> LOG.info("{}", u));
            r.notes().forEach(n -> LOG.info("{}", n));
            r.problems().forEach(p -> LOG.error("{} ({})", p, p.path().contains(".auto_replies.")
                    ? "this automatic answer is not sent while it is so"
                    : "this route's re-engagement template is refused while it is so"));
        }
    }

    /** The catalogue's sync (the CLI and admin API sync on demand through it). */
    public TemplateSync templateSync() {
        return templateSync;
    }

    public int port() {
        return port;
    }

    /** {@code http://127.0.0.1:PORT}, the address tests and the benchmark call. */
    public String localUrl() {
        return "http://127.0.0.1:" + port;
    }

    public Database database() {
        return database;
    }

    public Engine engine() {
        return engine;
    }

    public ConnectorSessions sessions() {
        return sessions;
    }

    public PrometheusMeterRegistry meters() {
        return meters;
    }

    @Override
    public void close() {
        templateSync.close();
        server.close();
        engine.close();
        // After the mover stopped: what it had not moved stays in the journal for the next start.
        journal.ifPresent(IntakeJournal::close);
        sessions.closeAll();
        database.close();
    }
}
