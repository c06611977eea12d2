package dev.deskbridge.host.testing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlMatching;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.deskbridge.connector.api.pricing.Money;
import dev.deskbridge.connector.api.pricing.TemplateCategory;
import dev.deskbridge.connector.testkit.ManualClock;
import dev.deskbridge.connector.testkit.WireMockSupport;
import dev.deskbridge.host.config.ConsentConfig;
import dev.deskbridge.host.config.DatabaseConfig;
import dev.deskbridge.host.config.HostConfig;
import dev.deskbridge.host.config.HttpConfig;
import dev.deskbridge.host.config.ReengageTemplate;
import dev.deskbridge.host.config.ReplyPolicy;
import dev.deskbridge.host.config.RouteConfig;
import dev.deskbridge.host.config.answering.Answering;
import dev.deskbridge.host.engine.Backoff;
import dev.deskbridge.host.engine.ConnectorSessions;
import dev.deskbridge.host.engine.EngineSettings;
import dev.deskbridge.host.pricing.PricingRules;
import dev.deskbridge.host.pricing.RateCardLoader;
import dev.deskbridge.host.pricing.WhatsAppPricingRules;
import dev.deskbridge.connector.api.ChannelSession;
import dev.deskbridge.connector.api.CrmSession;
import dev.deskbridge.host.channel.whatsapp.WhatsAppCloudChannel;
import dev.deskbridge.host.plugins.HostConnectorContext;
import dev.deskbridge.host.runtime.BridgeHost;
import dev.deskbridge.host.runtime.HostServices;
import dev.deskbridge.host.store.Database;
import dev.deskbridge.host.store.Jdbc;
import io.javalin.Javalin;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;

/**
 * The real host (HTTP server, store, engine) on loopback with an H2 file database, the test
 * channel, and the HTTP CRM connector talking to a WireMock "CRM". Business time is a manual clock.
 */
public final class HostFixture implements AutoCloseable {
    public static final String BUSINESS = "+15550001111";
    public static final String CUSTOMER = "+12015550123";
    public static final String CHANNEL = "wa-test";
    public static final String CRM = "crm-test";
    public static final String CHANNEL_SECRET = "channel-secret";
    public static final String CRM_SECRET = "crm-secret";
    public static final Instant START = Instant.parse("2026-09-01T10:00:00Z");

    public final WireMockServer crmServer;
    public final ManualClock clock;
    public final TestChannel channel;
    public final BridgeHost host;
    private final HostProbe probe;

    private HostFixture(Options o) {
        clock = o.clock;
        channel = new TestChannel(CHANNEL_SECRET, clock);
        crmServer = WireMockSupport.startLoopback();
        stubCrmOk(crmServer);
        CrmSession crm = o.crm.orElseGet(() -> new HttpJsonCrm(WireMockSupport.baseUrl(crmServer), CRM_SECRET));
        Optional<String> graph = o.graphBaseUrl;
        try {
            host = BridgeHost.builder()
                    .http(new HostConfig(URI.create("https://bridge.example.test"), new HttpConfig("127.0.0.1", 0,
                            o.maxBodyBytes), Optional.empty()))
                    .database(o.database)
                    .engine(o.engine)
                    .routes(o.routes())
                    .pricing(o.pricing)
                    .clock(clock)
                    .sessions(services -> new ConnectorSessions(o.channels(graph.isPresent()
                            ? whatsApp(graph.get(), services) : channel, services), Map.of(CRM, crm)))
                    .storeRoutes((app, db) -> o.storeRoutes.forEach(r -> r.accept(app, db)))
                    .start();
        } catch (RuntimeException e) {
            crmServer.stop();
            throw e;
        }
        probe = new HostProbe(host.localUrl(), host.database());
    }

    /** Options of a fixture; defaults suit most tests. */
    public static final class Options {
        DatabaseConfig database;
        EngineSettings engine = fastEngine();
        ReplyPolicy policy = ReplyPolicy.HOLD_AND_REENGAGE;
        Optional<Money> budget = Optional.empty();
        ConsentConfig optOut = ConsentConfig.DEFAULTS;
        Answering answering = Answering.NONE;
        long maxBodyBytes = 1_048_576;
        Optional<String> graphBaseUrl = Optional.empty();
        Optional<CrmSession> crm = Optional.empty();
        final List<OtherNumber> otherNumbers = new ArrayList<>();
        PricingRules pricing = goldenPricing();
        boolean readReceipts;
        final List<BiConsumer<Javalin, Database>> storeRoutes = new ArrayList<>();
        final ManualClock clock = new ManualClock(START);

        /** The business clock the fixture will run on. */
        public ManualClock clock() {
            return clock;
        }

        /** The fixture's routes as configured by these options: its channel's, and each other number's. */
        public List<RouteConfig> routes() {
            List<RouteConfig> routes = new ArrayList<>();
            routes.add(route(CHANNEL));
            otherNumbers.forEach(n -> routes.add(route(n.channel())));
            return routes;
        }

        private RouteConfig route(String channelId) {
            return new RouteConfig(channelId, CRM, policy, Optional.of(new ReengageTemplate("reengage_v1", "en_US",
                    TemplateCategory.UTILITY, List.of())), budget, readReceipts, optOut, answering);
        }

        /**
         * Adds a Cloud API channel for another number of a Meta app, with a route like the fixture's
         * to the same CRM; it talks to the Graph API given by {@link #whatsApp}.
         */
        public Options otherNumber(OtherNumber n) {
            this.otherNumbers.add(n);
            return this;
        }

        private Map<String, ChannelSession> channels(ChannelSession main, HostServices services) {
            Map<String, ChannelSession> channels = new java.util.HashMap<>();
            channels.put(CHANNEL, main);
            otherNumbers.forEach(n -> channels.put(n.channel(), HostFixture.whatsApp(n.channel(), n.phoneNumberId(), n.business(),
                    n.appSecret(), graphBaseUrl.orElseThrow(), services)));
            return channels;
        }

        /** The route's opt-out words and confirmations. */
        public Options optOut(ConsentConfig c) {
            this.optOut = c;
            return this;
        }

        /** The route's business hours and automatic answers. */
        public Options answering(Answering a) {
            this.answering = a;
            return this;
        }

        /** Adds HTTP routes over the host's database, as {@code deskbridge run} adds the admin API. */
        public Options storeRoutes(BiConsumer<Javalin, Database> adder) {
            storeRoutes.add(adder);
            return this;
        }

        public EngineSettings engine() {
            return engine;
        }

        /** Use the built-in WhatsApp Cloud channel against a Graph API stub instead of the test channel. */
        public Options whatsApp(String graphApiBaseUrl) {
            this.graphBaseUrl = Optional.of(graphApiBaseUrl);
            return this;
        }

        public DatabaseConfig database() {
            return database;
        }

        /** The route asks for read receipts. */
        public Options readReceipts(boolean on) {
            this.readReceipts = on;
            return this;
        }

        /** Use this CRM session as {@link #CRM} instead of the HTTP JSON CRM over the WireMock server. */
        public Options crm(CrmSession session) {
            this.crm = Optional.of(session);
            return this;
        }

        public Options database(DatabaseConfig d) {
            this.database = d;
            return this;
        }

        public Options engine(EngineSettings e) {
            this.engine = e;
            return this;
        }

        public Options policy(ReplyPolicy p) {
            this.policy = p;
            return this;
        }

        /** Prices with these rules instead of the golden test rate card. */
        public Options pricing(PricingRules p) {
            this.pricing = p;
            return this;
        }

        public Options budget(Money m) {
            this.budget = Optional.of(m);
            return this;
        }

        public Options maxBodyBytes(long n) {
            this.maxBodyBytes = n;
            return this;
        }

        public HostFixture start() {
            return new HostFixture(this);
        }
    }

    public static Options in(Path dir) {
        return new Options().database(Database.h2File(dir.resolve("db")));
    }

    /** Quick retries and polls, 3 attempts; business timings as configured by default. */
    public static EngineSettings fastEngine() {
        return new EngineSettings(2, 16, 3, Duration.ofHours(1), Duration.ofHours(2),
                new Backoff(Duration.ofMillis(100), Duration.ofSeconds(2), 0.2), Duration.ofMillis(50),
                EngineSettings.DEFAULT_LEASE, Duration.ZERO, Duration.ofHours(1), Currency.getInstance("USD"),
                Duration.ofSeconds(60), EngineSettings.defaults().lostAnswerWait(),
                EngineSettings.defaults().keepHandled());
    }

    public static final String META_APP_SECRET = "meta-app-secret";
    public static final String META_PHONE_NUMBER_ID = "106540352242922";

    /** The built-in channel against a Graph API at {@code graphBaseUrl}, opened the way the host opens it. */
    public static ChannelSession whatsApp(String graphBaseUrl, HostServices services) {
        return whatsApp(CHANNEL, META_PHONE_NUMBER_ID, BUSINESS, META_APP_SECRET, graphBaseUrl, services);
    }

    private static ChannelSession whatsApp(String id, String phoneNumberId, String business, String appSecret,
            String graphBaseUrl, HostServices services) {
        Map<String, String> settings = Map.of("phone_number_id", phoneNumberId, "business_number", business,
                "access_token", "test-access-token", "app_secret", appSecret, "verify_token", "verify-me",
                "base_url", graphBaseUrl);
        WhatsAppCloudChannel type = new WhatsAppCloudChannel();
        return type.open(HostConnectorContext.of(id, type.configSpec().resolve(settings), services.clock(),
                services.meters(), services.conversations(), services.badRecords()));
    }

    /** A further Cloud API channel: its instance id, Meta's phone number id, its number and its app secret. */
    public record OtherNumber(String channel, String phoneNumberId, String business, String appSecret) {}

    /** Posts a webhook signed the way Meta signs ({@code X-Hub-Signature-256}). */
    public HttpResponse<String> postMeta(String json) {
        return postSigned("/webhooks/channels/" + CHANNEL, "X-Hub-Signature-256",
                Hmac.sign(META_APP_SECRET, json.getBytes(StandardCharsets.UTF_8)), json);
    }

    /** The window and price rules with the golden test rate card. */
    public static PricingRules goldenPricing() {
        return new WhatsAppPricingRules(RateCardLoader.load(Path.of("src/test/resources/golden/pricing/markets.csv"),
                Path.of("src/test/resources/golden/pricing/rates.csv")));
    }

    /** The CRM answers every call with success; new tickets are {@code T-<conversation id>}. */
    public static void stubCrmOk(WireMockServer server) {
        server.resetAll();
        server.stubFor(post(urlEqualTo("/api/messages")).atPriority(10).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"ticketId\":\"T-{{jsonPath request.body '$.conversationId'}}\"}")
                .withTransformers("response-template")));
        server.stubFor(post(urlMatching("/api/tickets/.*")).atPriority(10).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("{}")));
    }

    public HttpResponse<String> postChannel(String json) {
        return postSigned("/webhooks/channels/" + CHANNEL, TestChannel.SIGNATURE_HEADER,
                Hmac.sign(CHANNEL_SECRET, json.getBytes(StandardCharsets.UTF_8)), json);
    }

    public HttpResponse<String> postCrm(String json) {
        return postSigned("/webhooks/crms/" + CRM, HttpJsonCrm.SIGNATURE_HEADER,
                Hmac.sign(CRM_SECRET, json.getBytes(StandardCharsets.UTF_8)), json);
    }

    public HttpResponse<String> postSigned(String path, String header, String signature, String json) {
        return probe.post(path, "application/json", java.util.Collections.singletonMap(header, signature), json);
    }

    public HttpResponse<String> get(String path) {
        return probe.get(path);
    }

    /** Requests the CRM received on a path (regex), oldest first. */
    public List<LoggedRequest> crmCalls(String pathRegex) {
        return crmServer.findAll(postRequestedFor(urlMatching(pathRegex)));
    }

    /** Notes of one kind the CRM received. */
    public List<LoggedRequest> notes(String kind) {
        return crmCalls("/api/tickets/.*/notes").stream().filter(r -> r.getBodyAsString().contains("\"" + kind + "\""))
                .toList();
    }

    public <T> T sql(Jdbc.TxFunction<T> work) {
        return probe.sql(work);
    }

    public long count(String sql, Object... params) {
        return probe.count(sql, params);
    }

    /** Waits for a condition, failing at once when an item became a dead letter. */
    public void await(String what, java.util.function.BooleanSupplier condition) {
        probe.await(what, condition);
    }

    /** Waits until both queues have nothing pending and nothing in flight. */
    public void awaitIdle() {
        Await.until("queues drained", () -> count("SELECT COUNT(*) FROM inbox WHERE status = 'PENDING'") == 0
                && count("SELECT COUNT(*) FROM outbox WHERE status = 'PENDING'") == 0
                && host.engine().inFlight() == 0);
    }

    @Override
    public void close() {
        try {
            host.close();
        } finally {
            crmServer.stop();
        }
    }
}
