package dev.deskbridge.host.admin;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.deskbridge.connector.api.config.Secret;
import dev.deskbridge.host.http.admin.AdminApi;
import io.javalin.Javalin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.slf4j.LoggerFactory;

/** The admin API through a real Javalin server on loopback, every response checked against the served description. */
class AdminApiTest {
    static final String TOKEN = "test-admin-token-0123456789abcdef";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newHttpClient();
    private final List<HttpResponse<String>> responses = new ArrayList<>();
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private InMemoryAdminQueries queries;
    private Javalin app;
    private String base;

    @BeforeEach
    void start() {
        logs.start();
        ((Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME)).addAppender(logs);
        queries = DemoData.queries();
        app = Javalin.create(c -> c.showJavalinBanner = false);
        new AdminApi(queries, Optional.of(new Secret(TOKEN)), Clock.fixed(DemoData.NOW, ZoneOffset.UTC))
                .register(app);
        app.start("127.0.0.1", 0);
        base = "http://127.0.0.1:" + app.port();
    }

    @AfterEach
    void stop() {
        app.stop();
        ((Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME)).detachAppender(logs);
    }

    /** Every endpoint, with an example of its parameters. */
    static Stream<Arguments> endpoints() {
        return Stream.of(
                Arguments.of("GET", "/api/conversations"),
                Arguments.of("GET", "/api/conversations?phase=closing&closingWithin=2h"),
                Arguments.of("GET", "/api/conversations/c-ana/messages"),
                Arguments.of("GET", "/api/costs?month=2025-09&by=market"),
                Arguments.of("GET", "/api/plugins"),
                Arguments.of("GET", "/api/dead-letters"),
                Arguments.of("POST", "/api/dead-letters/dl-7/replay"),
                Arguments.of("POST", "/api/dead-letters/replay"),
                Arguments.of("GET", "/api/openapi.yaml"),
                Arguments.of("GET", "/api/no-such-endpoint"));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("endpoints")
    void everyEndpointAnswers401WithoutTheRightTokenAndDoesNothing(String method, String path) throws Exception {
        for (Optional<String> auth : List.of(Optional.<String>empty(), Optional.of("Bearer wrong-token-0123456789abcdef"),
                Optional.of("Bearer " + TOKEN + "x"), Optional.of("Basic " + TOKEN), Optional.of(TOKEN),
                Optional.of("Bearer "))) {
            HttpResponse<String> r = call(method, path, auth);
            assertThat(r.statusCode()).as(method + " " + path + " with " + auth.map(a -> "a bad header").orElse("none"))
                    .isEqualTo(401);
            assertThat(r.headers().firstValue("WWW-Authenticate")).contains("Bearer realm=\"deskbridge-admin\"");
            assertThat(JSON.readTree(r.body()).get("error").asText()).isEqualTo("unauthorized");
            assertThat(r.body()).doesNotContain(TOKEN);
        }
        assertThat(queries.replayed()).isEmpty();
        assertThat(queries.deadLetters()).hasSize(2);
        validateAll();
    }

    @Test
    void theTokenNeverReachesTheLogs() throws Exception {
        for (Arguments a : endpoints().toList()) {
            String method = (String) a.get()[0];
            String path = (String) a.get()[1];
            call(method, path, Optional.of("Bearer " + TOKEN));
            call(method, path, Optional.of("Bearer " + TOKEN + "-wrong"));
        }
        app.stop();
        assertThat(logs.list).noneMatch(e -> e.getFormattedMessage().contains(TOKEN)
                || (e.getThrowableProxy() != null && String.valueOf(e.getThrowableProxy().getMessage()).contains(TOKEN)));
    }

    @Test
    void listsConversationsClosingSoonestFirstWithMaskedNumbers() throws Exception {
        JsonNode body = get("/api/conversations");
        assertThat(body.get("asOf").asText()).isEqualTo("2025-09-15T14:00:00Z");
        assertThat(body.get("windows").get("open").asInt()).isEqualTo(4);
        assertThat(body.get("windows").get("closing").asInt()).isEqualTo(2);
        assertThat(body.get("windows").get("closed").asInt()).isEqualTo(2);
        JsonNode list = body.get("conversations");
        assertThat(ids(list)).containsExactly("c-eva", "c-chloe", "c-farid", "c-bruno", "c-gus", "c-ana", "c-dev",
                "c-past");
        JsonNode eva = list.get(0);
        assertThat(eva.get("phase").asText()).isEqualTo("closing");
        assertThat(eva.get("windowClosesAt").asText()).isEqualTo("2025-09-15T15:10:00Z");
        assertThat(eva.get("customer").asText()).isEqualTo("+491******6789");
        assertThat(eva.get("ticket").get("id").asText()).isEqualTo("1046");
        assertThat(eva.get("ticket").get("url").asText()).isEqualTo("https://acme.zendesk.com/agent/tickets/1046");
        assertThat(list.toString()).doesNotContain("4915123456789");
        JsonNode gus = list.get(4);
        assertThat(gus.get("ticket").isNull()).isTrue();
        assertThat(gus.get("costSoFar").get("amount").asText()).isEqualTo("0");
        JsonNode bruno = list.get(3);
        assertThat(bruno.get("costSoFar").get("amount").asText()).isEqualTo("0.0068");
        assertThat(bruno.get("costSoFar").get("currency").asText()).isEqualTo("USD");
        validateAll();
    }

    @Test
    void filtersConversationsByPhaseAndClosingSoon() throws Exception {
        assertThat(ids(get("/api/conversations?phase=closing").get("conversations"))).containsExactly("c-eva", "c-chloe");
        assertThat(ids(get("/api/conversations?phase=closed").get("conversations"))).containsExactly("c-dev", "c-past");
        assertThat(ids(get("/api/conversations?closingWithin=90m").get("conversations"))).containsExactly("c-eva");
        assertThat(ids(get("/api/conversations?closingWithin=PT20H&phase=open").get("conversations")))
                .containsExactly("c-farid");
        JsonNode page = get("/api/conversations?limit=3");
        assertThat(ids(page.get("conversations"))).containsExactly("c-eva", "c-chloe", "c-farid");
        assertThat(page.get("windows").get("closed").asInt()).as("counts ignore the page").isEqualTo(2);
        validateAll();
    }

    @Test
    void badParametersAre400NamingTheParameter() throws Exception {
        HttpResponse<String> phase = call("GET", "/api/conversations?phase=ajar", auth());
        assertThat(phase.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(phase.body()).get("message").asText())
                .isEqualTo("phase: expected open, closing or closed, got 'ajar'");
        HttpResponse<String> within = call("GET", "/api/conversations?closingWithin=soon", auth());
        assertThat(within.statusCode()).isEqualTo(400);
        assertThat(within.body()).contains("closingWithin");
        HttpResponse<String> limit = call("GET", "/api/conversations?limit=5000", auth());
        assertThat(limit.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(limit.body()).get("message").asText()).isEqualTo("limit: expected 1 to 1000, got '5000'");
        HttpResponse<String> month = call("GET", "/api/costs?month=September", auth());
        assertThat(month.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(month.body()).get("message").asText()).isEqualTo("month: expected YYYY-MM, got 'September'");
        HttpResponse<String> by = call("GET", "/api/costs?by=country", auth());
        assertThat(by.statusCode()).isEqualTo(400);
        assertThat(by.body()).contains("by: unknown grouping 'country'");
        // The spec declares these parameters' shapes, so only response validation applies here.
        for (HttpResponse<String> r : List.of(phase, within, limit, month, by)) {
            assertValid(validator().validateResponse(r.uri().getPath(), Request.Method.GET, toValidator(r)), r);
        }
    }

    @Test
    void monthsOutsideTheYearsOfAnyLedgerAndDurationsPastAnyWindowAre400() throws Exception {
        // probe-h L7: month=-5000-01 and month=+999999999-01 answered 200 with a report of nothing.
        List<HttpResponse<String>> refused = new ArrayList<>();
        for (String[] c : new String[][] {
                {"/api/costs?month=-5000-01", "month: expected YYYY-MM, got '-5000-01'"},
                {"/api/costs?month=%2B999999999-01", "month: expected YYYY-MM, got '+999999999-01'"},
                {"/api/costs?month=1999-12", "month: expected a month from 2000-01 to 2999-12, got '1999-12'"},
                {"/api/conversations?closingWithin=99999999999999d",
                    "closingWithin: expected 0 to 366d, got '99999999999999d'"}}) {
            HttpResponse<String> r = call("GET", c[0], auth());
            assertThat(r.statusCode()).as(c[0] + ": " + r.body()).isEqualTo(400);
            assertThat(JSON.readTree(r.body()).get("message").asText()).isEqualTo(c[1]);
            refused.add(r);
        }
        assertThat(JSON.readTree(call("GET", "/api/costs?month=2000-01", auth()).body()).get("month").asText())
                .isEqualTo("2000-01");
        assertThat(call("GET", "/api/costs?month=2999-12", auth()).statusCode()).isEqualTo(200);
        assertThat(call("GET", "/api/costs?month=3000-01", auth()).statusCode()).isEqualTo(400);
        assertThat(call("GET", "/api/conversations?closingWithin=366d", auth()).statusCode()).isEqualTo(200);
        for (HttpResponse<String> r : refused) {
            assertValid(validator().validateResponse(r.uri().getPath(), Request.Method.GET, toValidator(r)), r);
        }
    }

    @Test
    void showsAConversationsMessagesWithStatusHistoryAndCosts() throws Exception {
        JsonNode body = get("/api/conversations/c-bruno/messages");
        assertThat(body.get("conversation").get("id").asText()).isEqualTo("c-bruno");
        JsonNode messages = body.get("messages");
        assertThat(messages).hasSize(4);
        JsonNode template = messages.get(1);
        assertThat(template.get("direction").asText()).isEqualTo("outbound");
        assertThat(template.get("kind").asText()).isEqualTo("template");
        assertThat(template.get("quoted").get("amount").asText()).isEqualTo("0.0068");
        assertThat(template.get("status").asText()).isEqualTo("delivered");
        JsonNode held = messages.get(2);
        assertThat(held.get("statusHistory").get(0).get("status").asText()).isEqualTo("held");
        assertThat(held.get("statusHistory").get(0).get("detail").asText()).contains("re-engagement");
        assertThat(held.get("settled").get("amount").asText()).isEqualTo("0");
        JsonNode inbound = messages.get(0);
        assertThat(inbound.get("status").isNull()).isTrue();
        assertThat(inbound.get("quoted").isNull()).isTrue();

        HttpResponse<String> missing = call("GET", "/api/conversations/c-nobody/messages", auth());
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(missing.body()).get("error").asText()).isEqualTo("not_found");
        validateAll();
    }

    @Test
    void costsMatchTheLedgerInEveryGrouping() throws Exception {
        JsonNode totalsOnly = get("/api/costs?month=2025-09");
        assertThat(totalsOnly.get("by").isNull()).isTrue();
        assertThat(totalsOnly.get("lines")).isEmpty();
        JsonNode total = totalsOnly.get("totals").get(0);
        assertThat(total.get("messages").asLong())
                .isEqualTo(queries.ledger(java.time.YearMonth.of(2025, 9)).size());
        for (String by : List.of("market", "category", "route", "ticket", "day")) {
            JsonNode report = get("/api/costs?month=2025-09&by=" + by);
            assertThat(report.get("by").asText()).isEqualTo(by);
            java.math.BigDecimal sum = java.math.BigDecimal.ZERO;
            for (JsonNode line : report.get("lines")) {
                sum = sum.add(new java.math.BigDecimal(line.get("cost").asText()));
            }
            assertThat(sum).isEqualByComparingTo(total.get("cost").asText());
            assertThat(report.get("totals").get(0)).isEqualTo(total);
        }
        assertThat(get("/api/costs").get("month").asText()).as("defaults to the host clock's month").isEqualTo("2025-09");
        assertThat(get("/api/costs?month=2024-01").get("totals")).isEmpty();
        validateAll();
    }

    @Test
    void listsPluginsAndDeadLettersAndReplaysThem() throws Exception {
        JsonNode plugins = get("/api/plugins").get("plugins");
        assertThat(plugins).hasSize(4);
        assertThat(plugins.get(2).get("crmTypes").get(0).asText()).isEqualTo("twilio-conversations");
        assertThat(plugins.get(3).get("status").asText()).isEqualTo("refused");
        assertThat(plugins.get(3).get("problem").asText()).contains("plugins.trusted");

        JsonNode dead = get("/api/dead-letters").get("deadLetters");
        assertThat(ids(dead)).containsExactly("dl-7", "dl-6");
        assertThat(dead.get(0).get("conversation").asText()).isEqualTo("c-gus");
        assertThat(dead.get(1).get("conversation").isNull()).isTrue();

        HttpResponse<String> one = call("POST", "/api/dead-letters/dl-7/replay", auth());
        assertThat(one.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(one.body()).get("replayed").asInt()).isEqualTo(1);
        assertThat(queries.replayed()).containsExactly("dl-7");
        HttpResponse<String> again = call("POST", "/api/dead-letters/dl-7/replay", auth());
        assertThat(again.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(again.body()).get("message").asText()).isEqualTo("no dead letter with id 'dl-7'");

        HttpResponse<String> all = call("POST", "/api/dead-letters/replay", auth());
        assertThat(JSON.readTree(all.body()).get("replayed").asInt()).isEqualTo(1);
        assertThat(queries.replayed()).containsExactly("dl-7", "dl-6");
        assertThat(get("/api/dead-letters").get("deadLetters")).isEmpty();
        validateAll();
    }

    @Test
    void servesItsOpenApiDescriptionAndTheValidatorCatchesAWrongBody() throws Exception {
        HttpResponse<String> spec = call("GET", "/api/openapi.yaml", auth());
        assertThat(spec.statusCode()).isEqualTo(200);
        assertThat(spec.headers().firstValue("Content-Type").orElse("")).startsWith("application/yaml");
        assertThat(spec.body()).startsWith("openapi: 3.0.3");
        // The check is real: a body missing a required field and with a number as an amount is rejected.
        ValidationReport wrong = validator().validateResponse("/api/plugins", Request.Method.GET,
                SimpleResponse.Builder.ok().withContentType("application/json")
                        .withBody("{\"plugins\":[{\"id\":\"x\",\"version\":\"1\",\"status\":\"started\"}]}").build());
        assertThat(wrong.hasErrors()).isTrue();
        ValidationReport amount = validator().validateResponse("/api/costs", Request.Method.GET,
                SimpleResponse.Builder.ok().withContentType("application/json")
                        .withBody("{\"month\":\"2025-09\",\"by\":null,\"lines\":[],\"totals\":[{\"key\":\"total\","
                                + "\"currency\":\"USD\",\"messages\":1,\"billed\":1,\"free\":0,\"failed\":0,"
                                + "\"pending\":0,\"insideWindow\":0,\"quoted\":0.1,\"settled\":\"0.1\",\"cost\":\"0.1\","
                                + "\"metaFee\":\"0.1\",\"channelFee\":\"0\",\"saved\":\"0\"}]}").build());
        assertThat(amount.hasErrors()).isTrue();
        validateAll();
    }

    @Test
    void theDashboardIsServedWithoutTheTokenAndLockedToThisOrigin() throws Exception {
        HttpResponse<String> page = call("GET", "/", Optional.empty());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        assertThat(page.headers().firstValue("Content-Security-Policy").orElse(""))
                .contains("default-src 'none'").contains("script-src 'self'").contains("connect-src 'self'");
    }

    @Test
    void dashboardFilesAreServedByNameOnlyAndNeverShadowTheHostsRoutes() throws Exception {
        Javalin host = Javalin.create(c -> c.showJavalinBanner = false);
        new AdminApi(queries, Optional.of(new Secret(TOKEN)), Clock.systemUTC()).register(host);
        host.get("/health", ctx -> ctx.result("UP"));
        host.start("127.0.0.1", 0);
        try {
            String hostBase = "http://127.0.0.1:" + host.port();
            assertThat(http.send(HttpRequest.newBuilder(URI.create(hostBase + "/health")).build(),
                    HttpResponse.BodyHandlers.ofString()).body()).isEqualTo("UP");
            HttpResponse<String> js = http.send(HttpRequest.newBuilder(URI.create(hostBase + "/js/app.js")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(js.statusCode()).isEqualTo(200);
            assertThat(js.headers().firstValue("Content-Type").orElse("")).startsWith("text/javascript");
            for (String path : List.of("/js/..%2F..%2Fadmin%2Fopenapi.yaml", "/js/%2e%2e%2flogback-test.xml", "/js/missing.js", "/js/app.JS", "/js/x.class")) {
                assertThat(http.send(HttpRequest.newBuilder(URI.create(hostBase + path)).build(),
                        HttpResponse.BodyHandlers.ofString()).statusCode()).as(path).isIn(400, 404);
            }
        } finally {
            host.stop();
        }
    }

    @Test
    void withoutAConfiguredTokenTheApiRefusesEverythingAndSaysWhy() throws Exception {
        Javalin off = Javalin.create(c -> c.showJavalinBanner = false);
        new AdminApi(queries, Optional.empty(), Clock.systemUTC()).register(off);
        off.start("127.0.0.1", 0);
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + off.port() + "/api/conversations"))
                    .header("Authorization", "Bearer anything-at-all-goes-here").build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(401);
            assertThat(JSON.readTree(r.body()).get("message").asText()).contains("no host.admin_token is configured");
        } finally {
            off.stop();
        }
    }

    // --- helpers

    private JsonNode get(String path) throws Exception {
        HttpResponse<String> r = call("GET", path, auth());
        assertThat(r.statusCode()).as("GET " + path + ": " + r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    private static Optional<String> auth() {
        return Optional.of("Bearer " + TOKEN);
    }

    private HttpResponse<String> call(String method, String path, Optional<String> authorization) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path))
                .method(method, HttpRequest.BodyPublishers.noBody());
        authorization.ifPresent(a -> b.header("Authorization", a));
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        responses.add(r);
        return r;
    }

    private static List<String> ids(JsonNode list) {
        List<String> out = new ArrayList<>();
        list.forEach(n -> out.add(n.get("id").asText()));
        return out;
    }

    private OpenApiInteractionValidator validator() throws Exception {
        String spec = http.send(HttpRequest.newBuilder(URI.create(base + AdminApi.OPENAPI_PATH))
                .header("Authorization", "Bearer " + TOKEN).build(), HttpResponse.BodyHandlers.ofString()).body();
        return OpenApiInteractionValidator.createForInlineApiSpecification(spec).build();
    }

    /**
     * Checks every response this test received against the served description: documented
     * paths with a token are checked request and response; the rest response only.
     */
    private void validateAll() throws Exception {
        OpenApiInteractionValidator validator = validator();
        for (HttpResponse<String> r : responses) {
            String path = r.uri().getPath();
            if (path.equals("/api/no-such-endpoint") || !path.startsWith("/api/")) {
                continue;
            }
            Request.Method method = Request.Method.valueOf(r.request().method());
            Optional<String> authorization = r.request().headers().firstValue("Authorization");
            ValidationReport report;
            if (r.statusCode() != 401 && authorization.isPresent()) {
                SimpleRequest.Builder req = new SimpleRequest.Builder(method, path).withHeader("Authorization",
                        authorization.get());
                String query = r.uri().getRawQuery();
                if (query != null) {
                    for (String pair : query.split("&")) {
                        String[] kv = pair.split("=", 2);
                        req.withQueryParam(kv[0], kv.length > 1 ? kv[1] : "");
                    }
                }
                report = validator.validate(req.build(), toValidator(r));
            } else {
                report = validator.validateResponse(path, method, toValidator(r));
            }
            assertValid(report, r);
        }
        assertThat(responses).isNotEmpty();
    }

    private static SimpleResponse toValidator(HttpResponse<String> r) {
        SimpleResponse.Builder b = SimpleResponse.Builder.status(r.statusCode()).withBody(r.body());
        r.headers().firstValue("Content-Type").ifPresent(b::withContentType);
        return b.build();
    }

    private static void assertValid(ValidationReport report, HttpResponse<String> r) {
        assertThat(report.getMessages())
                .as(r.request().method() + " " + r.uri() + " -> " + r.statusCode() + " " + r.body())
                .isEmpty();
    }
}
