package dev.deskbridge.host.admin;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.deskbridge.connector.api.config.Secret;
import dev.deskbridge.connector.api.model.ConversationId;
import dev.deskbridge.connector.api.model.DeliveryStatus;
import dev.deskbridge.connector.api.model.PhoneNumber;
import dev.deskbridge.connector.api.model.TicketRef;
import dev.deskbridge.connector.api.pricing.Money;
import dev.deskbridge.connector.api.pricing.OutboundKind;
import dev.deskbridge.connector.api.pricing.Quote;
import dev.deskbridge.connector.api.pricing.TemplateCategory;
import dev.deskbridge.host.config.PricingConfig;
import dev.deskbridge.host.http.admin.AdminApi;
import dev.deskbridge.host.http.admin.SidebarApi;
import dev.deskbridge.host.config.ReengageTemplate;
import dev.deskbridge.host.config.ReplyPolicy;
import dev.deskbridge.host.config.RouteConfig;
import dev.deskbridge.host.costs.ConnectionUsage;
import dev.deskbridge.host.costs.LedgerQueries;
import dev.deskbridge.host.pricing.PricingRules;
import dev.deskbridge.host.pricing.PricingRulesFactory;
import dev.deskbridge.host.pricing.QuoteRequest;
import dev.deskbridge.host.store.ConversationStore;
import dev.deskbridge.host.store.Database;
import dev.deskbridge.host.templates.TemplateCatalogue;
import dev.deskbridge.connector.api.template.ParameterFormat;
import dev.deskbridge.connector.api.template.TemplateDefinition;
import dev.deskbridge.connector.api.template.TemplateStatus;
import dev.deskbridge.host.store.MessageStore;
import io.javalin.Javalin;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * The ticket sidebar endpoint through a real Javalin server on loopback, over the engine's real
 * tables (the support day of {@link EngineTablesFixture}); every response checked against the
 * served OpenAPI description, every price against the pricing rules and every spend against the ledger.
 */
class SidebarApiTest {
    static final String APP_TOKEN = "test-app-token-fedcba9876543210";
    private static final String SIDEBAR = "/api/tickets/zendesk-main/%s/sidebar";
    private static final Instant NOW = EngineTablesFixture.NOW;
    private static final Currency USD = Currency.getInstance("USD");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ReengageTemplate TEMPLATE = new ReengageTemplate("reengage_v1", "pt_BR",
            TemplateCategory.UTILITY, List.of());

    @TempDir
    Path dir;

    private final PricingRules pricing = PricingRulesFactory.create(new PricingConfig(Optional.empty(), Optional.empty(), 0));
    private final HttpClient http = HttpClient.newHttpClient();
    private final List<HttpResponse<String>> responses = new ArrayList<>();
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private Database db;
    private EngineTablesFixture.Day day;
    private Javalin app;
    private String base;

    private void start(Optional<Money> budget) {
        start(spent -> budget, Optional.empty());
    }

    /**
     * @param budget the route's budget, from what the fixture's day spent on it
     * @param channelFee the channel's own fee per message (Twilio's)
     */
    private void start(Function<Money, Optional<Money>> budget, Optional<Money> channelFee) {
        logs.start();
        ((Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME)).addAppender(logs);
        db = Database.open(Database.h2File(dir.resolve("db")), 4);
        day = EngineTablesFixture.supportDay(db, pricing);
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        StoreAdminQueries queries = StoreAdminQueries.over(db, pricing, Duration.ofHours(2), USD, List::of, clock);
        Money spent = db.inTransaction(c -> LedgerQueries.routeSpend(c, YearMonth.of(2026, 10), "wa-main",
                "zendesk-main", USD));
        List<RouteConfig> routes = List.of(new RouteConfig("wa-main", "zendesk-main", ReplyPolicy.HOLD_AND_REENGAGE,
                Optional.of(TEMPLATE), budget.apply(spent)));
        app = Javalin.create(c -> c.showJavalinBanner = false);
        new AdminApi(queries, Optional.of(new Secret(AdminApiTest.TOKEN)), clock).register(app);
        new SidebarApi(new TicketSidebars(db, pricing, routes, queries, USD, new TemplateCatalogue(db),
                id -> id.equals("wa-main") ? channelFee : Optional.empty()), Optional.of(new Secret(APP_TOKEN)),
                Optional.of(new Secret(AdminApiTest.TOKEN)), clock).register(app);
        app.start("127.0.0.1", 0);
        base = "http://127.0.0.1:" + app.port();
    }

    @AfterEach
    void stop() {
        if (app != null) {
            app.stop();
        }
        if (db != null) {
            db.close();
        }
        ((Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME)).detachAppender(logs);
    }

    @Test
    void anOpenWindowShowsItsClosingInstantTheRulesQuoteTheLedgerSpendAndNoTemplates() throws Exception {
        start(Optional.empty());
        JsonNode body = sidebar("1042");

        assertThat(body.get("asOf").asText()).isEqualTo(NOW.toString());
        assertThat(body.get("ticket").get("id").asText()).isEqualTo("1042");
        assertThat(body.get("conversation").get("id").asText()).isEqualTo(day.ana().value());
        assertThat(body.toString()).doesNotContain("2015550123");
        assertThat(body.get("window").get("phase").asText()).isEqualTo("closing");
        assertThat(body.get("window").get("closesAt").asText()).isEqualTo("2026-10-06T09:00:00Z");
        assertThat(body.get("entryPoint").isNull()).isTrue();

        Quote expected = rulesQuote(day.ana(), OutboundKind.FREEFORM, Optional.empty());
        assertThat(expected.allowed()).isTrue();
        assertQuote(body.get("reply"), expected);
        assertThat(body.get("reply").get("explanation").asText()).isNotBlank();

        assertMoney(body.get("spend").get("conversation"), ledgerSpend(day.ana()));
        assertThat(ledgerSpend(day.ana())).isEqualTo(Money.of("0.0034", "USD"));
        assertThat(body.get("spend").get("budget").isNull()).isTrue();

        JsonNode messages = body.get("lastMessages");
        assertThat(messages).hasSize(2);
        assertThat(messages.get(0).get("direction").asText()).isEqualTo("inbound");
        assertThat(messages.get(1).get("status").asText()).isEqualTo("delivered");
        assertThat(codes(body)).containsExactly("closing_soon");
        assertThat(body.get("templates")).isEmpty();
        validateAll();
    }

    @Test
    void aClosedWindowRefusesFreeFormAndOffersTheRouteTemplatePricedForTheCustomersMarket() throws Exception {
        start(Optional.of(Money.of("50.00", "USD")));
        JsonNode body = sidebar("1043");

        assertThat(body.get("window").get("phase").asText()).isEqualTo("closed");
        assertThat(body.get("window").get("closesAt").isNull()).isTrue();
        JsonNode reply = body.get("reply");
        assertThat(reply.get("allowed").asBoolean()).isFalse();
        assertThat(reply.get("refusal").asText()).isEqualTo("window_closed");
        assertThat(reply.get("explanation").asText()).contains("window is closed");

        JsonNode templates = body.get("templates");
        assertThat(templates).hasSize(1);
        JsonNode template = templates.get(0);
        assertThat(template.get("name").asText()).isEqualTo("reengage_v1");
        assertThat(template.get("language").asText()).isEqualTo("pt_BR");
        assertThat(template.get("category").asText()).isEqualTo("utility");
        assertThat(template.get("source").asText()).isEqualTo("route");
        Quote expected = rulesQuote(day.bruno(), OutboundKind.TEMPLATE, Optional.of(TemplateCategory.UTILITY));
        assertThat(expected.billable()).isTrue();
        assertQuote(template.get("quote"), expected);
        assertThat(template.get("quote").get("market").asText()).isEqualTo(expected.market().orElseThrow());

        assertMoney(body.get("spend").get("conversation"), ledgerSpend(day.bruno()));
        JsonNode budget = body.get("spend").get("budget");
        assertThat(budget.get("month").asText()).isEqualTo("2026-10");
        Money routeSpend = db.inTransaction(c -> LedgerQueries.routeSpend(c, YearMonth.of(2026, 10), "wa-main",
                "zendesk-main", USD));
        assertThat(routeSpend.isZero()).isFalse();
        assertMoney(budget.get("spent"), routeSpend);
        assertMoney(budget.get("left"), Money.of("50.00", "USD").minus(routeSpend));
        assertThat(codes(body)).isEmpty();
        assertThat(body.get("lastMessages").get(body.get("lastMessages").size() - 1).get("status").asText())
                .as("the held answer shows last").isEqualTo("held");
        validateAll();
    }

    @Test
    void aClosedWindowAlsoOffersTheChannelsOtherApprovedTemplatesEachPricedByItsOwnCategory() throws Exception {
        start(Optional.empty());
        TemplateCatalogue catalogue = new TemplateCatalogue(db);
        catalogue.replace("wa-main", List.of(
                definition("reengage_v1", "pt_BR", TemplateStatus.APPROVED, TemplateCategory.UTILITY, List.of("1")),
                definition("spring_sale", "pt_BR", TemplateStatus.APPROVED, TemplateCategory.MARKETING,
                        List.of("first_name", "code")),
                definition("old_offer", "pt_BR", TemplateStatus.PAUSED, TemplateCategory.MARKETING, List.of()),
                definition("draft", "pt_BR", TemplateStatus.PENDING, TemplateCategory.UTILITY, List.of())), NOW);
        catalogue.replace("wa-other", List.of(
                definition("elsewhere", "pt_BR", TemplateStatus.APPROVED, TemplateCategory.UTILITY, List.of())), NOW);

        JsonNode templates = sidebar("1043").get("templates");

        assertThat(templates).extracting(t -> t.get("name").asText() + "/" + t.get("source").asText())
                .as("the route's first, then the channel's approved ones; paused, pending and other channels' not")
                .containsExactly("reengage_v1/route", "spring_sale/catalogue");
        assertThat(templates.get(0).get("parameters")).extracting(JsonNode::asText).containsExactly("1");
        JsonNode sale = templates.get(1);
        assertThat(sale.get("category").asText()).isEqualTo("marketing");
        assertThat(sale.get("parameters")).extracting(JsonNode::asText).containsExactly("first_name", "code");
        Quote marketing = rulesQuote(day.bruno(), OutboundKind.TEMPLATE, Optional.of(TemplateCategory.MARKETING));
        assertQuote(sale.get("quote"), marketing);
        assertThat(marketing.price()).as("priced by its own category, not the route template's")
                .isNotEqualTo(rulesQuote(day.bruno(), OutboundKind.TEMPLATE, Optional.of(TemplateCategory.UTILITY))
                        .price());
        validateAll();
    }

    private static TemplateDefinition definition(String name, String language, TemplateStatus status,
            TemplateCategory category, List<String> parameters) {
        return new TemplateDefinition("id-" + name, name, name, language, status, Optional.of(category),
                ParameterFormat.POSITIONAL, "text", parameters, Optional.empty(), List.of(), List.of(), "[]");
    }

    @Test
    void warnsWhenTheRoutesBudgetIsNearlyUsed() throws Exception {
        start(Optional.of(Money.of("0.0125", "USD")));
        Money routeSpend = db.inTransaction(c -> LedgerQueries.routeSpend(c, YearMonth.of(2026, 10), "wa-main",
                "zendesk-main", USD));
        assertThat(routeSpend.amount()).as("the fixture's spend is over 80% of the budget")
                .isGreaterThanOrEqualTo(new BigDecimal("0.0100"));
        JsonNode body = sidebar("1042");
        assertThat(codes(body)).containsExactly("closing_soon", "budget_low");
        assertThat(body.get("warnings").get(1).get("message").asText()).contains("0.0125 USD");
        validateAll();
    }

    @Test
    void aQuoteTheRoutesBudgetCannotTakeIsRefusedAsTheEngineWouldRefuseIt() throws Exception {
        start(Optional.of(Money.of("0.0125", "USD")));
        Money routeSpend = db.inTransaction(c -> LedgerQueries.routeSpend(c, YearMonth.of(2026, 10), "wa-main",
                "zendesk-main", USD));
        Quote rules = rulesQuote(day.bruno(), OutboundKind.TEMPLATE, Optional.of(TemplateCategory.UTILITY));
        assertThat(routeSpend.plus(rules.price()).compareTo(Money.of("0.0125", "USD"))).as("over the budget")
                .isPositive();

        JsonNode quote = sidebar("1043").get("templates").get(0).get("quote");
        // Before: allowed at its price, and the engine then refused the send for the budget.
        assertThat(quote.get("allowed").asBoolean()).isFalse();
        assertThat(quote.get("refusal").asText()).isEqualTo("budget_exhausted");
        assertMoney(quote.get("price"), rules.price());
        assertThat(quote.get("explanation").asText()).contains("monthly budget");
        validateAll();
    }

    @Test
    void theBudgetCountsTheChannelsOwnFeeAsTheEngineDoes() throws Exception {
        // Room for the template's price, not for Twilio's 0.005 on top of it.
        start(spent -> Optional.of(spent.plus(rulesQuote(day.bruno(), OutboundKind.TEMPLATE,
                Optional.of(TemplateCategory.UTILITY)).price()).plus(Money.of("0.004", "USD"))),
                Optional.of(Money.of("0.005", "USD")));
        Quote rules = rulesQuote(day.bruno(), OutboundKind.TEMPLATE, Optional.of(TemplateCategory.UTILITY));

        JsonNode quote = sidebar("1043").get("templates").get(0).get("quote");
        // Before: allowed, and the engine, which adds the fee, then refused the send for the budget.
        assertThat(quote.get("allowed").asBoolean()).isFalse();
        assertThat(quote.get("refusal").asText()).isEqualTo("budget_exhausted");
        assertMoney(quote.get("price"), rules.price());
        validateAll();
    }

    @Test
    void warnsWhenWhatsAppReportsTheCustomerStoppedMarketingMessages() throws Exception {
        start(Optional.empty());
        ConversationStore conversations = new ConversationStore();
        MessageStore messages = new MessageStore();
        db.inTransactionDo(c -> conversations.setTicket(c, day.eva(), TicketRef.of("1046"), NOW));
        assertThat(codes(sidebar("1046"))).as("an undeliverable message is no opt-out").isEmpty();

        db.inTransactionDo(c -> {
            long id = messages.insertOutbound(c, day.eva(), "template", "REPLY", Optional.empty(), 991L,
                    "template summer_sale", Optional.of("agent"), "OPEN", NOW.minusSeconds(60));
            messages.recordStatus(c, messages.findById(c, id).orElseThrow(), DeliveryStatus.FAILED,
                    NOW.minusSeconds(55), Optional.of("131050 Unable to deliver the message"), NOW);
        });
        JsonNode body = sidebar("1046");
        assertThat(codes(body)).containsExactly("opted_out");
        assertThat(body.get("lastMessages").get(body.get("lastMessages").size() - 1).get("status").asText())
                .isEqualTo("failed");
        validateAll();
    }

    @Test
    void aConversationFromAnAdShowsItsEntryPointWindowAndTheRulesPriceInsideIt() throws Exception {
        start(Optional.empty());
        ConversationStore conversations = new ConversationStore();
        Instant wrote = NOW.minus(Duration.ofHours(1));
        ConversationId ad = db.inTransaction(c -> {
            var conversation = conversations.findOrCreate(c, EngineTablesFixture.BUSINESS,
                    PhoneNumber.of("+12025550177"), Optional.empty(), "wa-main",
                    "zendesk-main", wrote);
            conversations.customerMessage(c, conversation, pricing.onCustomerMessage(conversation.window(), wrote, true),
                    wrote, Optional.empty(), Optional.empty(), wrote);
            conversations.setTicket(c, conversation.id(), TicketRef.of("1050"), NOW);
            return conversation.id();
        });
        JsonNode pending = sidebar("1050").get("entryPoint");
        assertThat(pending.get("pendingSince").asText()).isEqualTo(wrote.toString());
        assertThat(pending.get("open").asBoolean()).isFalse();
        assertThat(pending.get("freeUntil").isNull()).isTrue();

        // The business's first reply opens the free entry point window.
        Instant answered = NOW.minus(Duration.ofMinutes(30));
        db.inTransactionDo(c -> {
            var conversation = conversations.findById(c, ad, false).orElseThrow();
            conversations.businessMessage(c, ad, pricing.onBusinessMessage(conversation.window(), answered), answered,
                    true, answered);
        });
        JsonNode body = sidebar("1050");
        JsonNode open = body.get("entryPoint");
        assertThat(open.get("open").asBoolean()).isTrue();
        assertThat(Instant.parse(open.get("freeUntil").asText())).isAfter(NOW);
        Quote expected = rulesQuote(ad, OutboundKind.FREEFORM, Optional.empty());
        assertQuote(body.get("reply"), expected);
        validateAll();
    }

    @Test
    void theAppTokenReadsASidebarAndNothingElse() throws Exception {
        start(Optional.empty());
        assertThat(call(String.format(SIDEBAR, "1042"), Optional.of("Bearer " + APP_TOKEN)).statusCode()).isEqualTo(200);
        assertThat(call(String.format(SIDEBAR, "1042"), Optional.of("Bearer " + AdminApiTest.TOKEN)).statusCode())
                .as("an operator reads it with the admin token").isEqualTo(200);
        for (String path : List.of("/api/conversations", "/api/conversations/" + day.ana().value() + "/messages",
                "/api/costs", "/api/plugins", "/api/dead-letters", "/api/openapi.yaml",
                "/api/tickets/zendesk-main/1042", "/api/tickets/zendesk-main/1042/sidebar/extra")) {
            HttpResponse<String> r = call(path, Optional.of("Bearer " + APP_TOKEN));
            assertThat(r.statusCode()).as(path).isEqualTo(401);
            assertThat(r.headers().firstValue("WWW-Authenticate")).contains("Bearer realm=\"deskbridge-admin\"");
        }
        for (Optional<String> auth : List.of(Optional.<String>empty(), Optional.of("Bearer " + APP_TOKEN + "x"),
                Optional.of("Basic " + APP_TOKEN), Optional.of(APP_TOKEN), Optional.of("Bearer "))) {
            HttpResponse<String> r = call(String.format(SIDEBAR, "1042"), auth);
            assertThat(r.statusCode()).isEqualTo(401);
            assertThat(r.headers().firstValue("WWW-Authenticate")).contains("Bearer realm=\"deskbridge-app\"");
            assertThat(JSON.readTree(r.body()).get("error").asText()).isEqualTo("unauthorized");
            assertThat(r.body()).doesNotContain(APP_TOKEN);
        }
        validateAll();
        app.stop();
        assertThat(logs.list).noneMatch(e -> e.getFormattedMessage().contains(APP_TOKEN)
                || e.getFormattedMessage().contains(AdminApiTest.TOKEN));
    }

    @Test
    void aTicketNoConversationCarriesIs404() throws Exception {
        start(Optional.empty());
        HttpResponse<String> unknown = call(String.format(SIDEBAR, "9999"), Optional.of("Bearer " + APP_TOKEN));
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(unknown.body()).get("message").asText()).contains("'9999'").contains("zendesk-main");
        HttpResponse<String> otherCrm = call("/api/tickets/freshdesk/1042/sidebar", Optional.of("Bearer " + APP_TOKEN));
        assertThat(otherCrm.statusCode()).isEqualTo(404);
        validateAll();
    }

    @Test
    void withoutAnyTokenConfiguredTheSidebarIsOff() throws Exception {
        db = Database.open(Database.h2File(dir.resolve("db")), 2);
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        StoreAdminQueries queries = StoreAdminQueries.over(db, pricing, Duration.ofHours(2), USD, List::of, clock);
        app = Javalin.create(c -> c.showJavalinBanner = false);
        new SidebarApi(new TicketSidebars(db, pricing, List.of(), queries, USD, new TemplateCatalogue(db), id -> Optional.empty()), Optional.empty(), Optional.empty(),
                clock).register(app);
        app.start("127.0.0.1", 0);
        base = "http://127.0.0.1:" + app.port();
        HttpResponse<String> r = call(String.format(SIDEBAR, "1042"), Optional.of("Bearer " + APP_TOKEN));
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(JSON.readTree(r.body()).get("message").asText()).contains("no host.app_token is configured");
    }

    // --- helpers

    private Quote rulesQuote(ConversationId id, OutboundKind kind, Optional<TemplateCategory> category) {
        return db.inTransaction(c -> {
            var conversation = new ConversationStore().findById(c, id, false).orElseThrow();
            return pricing.quote(new QuoteRequest(conversation.window(), kind, category, NOW, conversation.business(),
                    conversation.customer(), new ConnectionUsage(c)));
        });
    }

    private Money ledgerSpend(ConversationId id) {
        return db.inTransaction(c -> LedgerQueries.conversationCost(c, id, USD));
    }

    private static void assertQuote(JsonNode json, Quote expected) {
        assertThat(json.get("allowed").asBoolean()).isEqualTo(expected.allowed());
        assertThat(json.get("billable").asBoolean()).isEqualTo(expected.billable());
        assertMoney(json.get("price"), expected.price());
        assertThat(json.get("category").asText()).isEqualTo(expected.category().orElseThrow().wireName());
        assertThat(json.get("type").asText()).isEqualTo(expected.type().orElseThrow().wireName());
        assertThat(json.get("market").asText()).isEqualTo(expected.market().orElseThrow());
        assertThat(json.get("schedule").asText()).isEqualTo(expected.schedule().orElseThrow());
    }

    private static void assertMoney(JsonNode json, Money expected) {
        assertThat(new BigDecimal(json.get("amount").asText())).isEqualByComparingTo(expected.amount());
        assertThat(json.get("currency").asText()).isEqualTo(expected.currency().getCurrencyCode());
    }

    private static List<String> codes(JsonNode body) {
        List<String> out = new ArrayList<>();
        body.get("warnings").forEach(w -> out.add(w.get("code").asText()));
        return out;
    }

    private JsonNode sidebar(String ticket) throws Exception {
        HttpResponse<String> r = call(String.format(SIDEBAR, ticket), Optional.of("Bearer " + APP_TOKEN));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(r.headers().firstValue("Cache-Control")).contains("no-store");
        return JSON.readTree(r.body());
    }

    private HttpResponse<String> call(String path, Optional<String> authorization) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).GET();
        authorization.ifPresent(a -> b.header("Authorization", a));
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        responses.add(r);
        return r;
    }

    /** Every sidebar response this test received, request and response, against the served description. */
    private void validateAll() throws Exception {
        String spec = http.send(HttpRequest.newBuilder(URI.create(base + AdminApi.OPENAPI_PATH))
                .header("Authorization", "Bearer " + AdminApiTest.TOKEN).build(), HttpResponse.BodyHandlers.ofString())
                .body();
        OpenApiInteractionValidator validator = OpenApiInteractionValidator.createForInlineApiSpecification(spec).build();
        for (HttpResponse<String> r : responses) {
            String path = r.uri().getPath();
            if (!SidebarApi.isSidebarPath(path)) {
                continue;
            }
            SimpleResponse.Builder res = SimpleResponse.Builder.status(r.statusCode()).withBody(r.body());
            r.headers().firstValue("Content-Type").ifPresent(res::withContentType);
            Optional<String> auth = r.request().headers().firstValue("Authorization");
            var report = r.statusCode() != 401 && auth.isPresent()
                    ? validator.validate(new SimpleRequest.Builder(Request.Method.GET, path)
                            .withHeader("Authorization", auth.get()).build(), res.build())
                    : validator.validateResponse(path, Request.Method.GET, res.build());
            assertThat(report.getMessages()).as(path + " -> " + r.statusCode() + " " + r.body()).isEmpty();
        }
        assertThat(responses).isNotEmpty();
    }
}
