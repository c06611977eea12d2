package dev.deskbridge.host.admin.responsiveness;

import static org.assertj.core.api.Assertions.assertThat;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.deskbridge.connector.api.config.Secret;
import dev.deskbridge.host.admin.DemoData;
import dev.deskbridge.host.config.answering.Answering;
import dev.deskbridge.host.http.admin.AdminApi;
import dev.deskbridge.host.http.admin.ResponsivenessApi;
import io.javalin.Javalin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code GET /api/stats/responsiveness}'s parameters: what it refuses, each answer one the description allows. */
class ResponsivenessApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TOKEN = "responsiveness-api-token-0123456789";

    private final HttpClient http = HttpClient.newHttpClient();
    private final List<String> problems = new ArrayList<>();
    private Javalin app;
    private String base;
    private OpenApiInteractionValidator validator;

    @AfterEach
    void stop() {
        app.stop();
    }

    @Test
    void anUnknownRouteIsRefusedNamingItAndTheRoutesThereAre() throws Exception {
        // probe-h L7: route=nope answered 200 with every figure 0.
        start(List.of("wa-main", "wa-ref"));
        assertThat(refusal("?from=2026-12-01&to=2026-12-31&route=nope"))
                .isEqualTo("route: no route has the channel 'nope'; the routes' channels: wa-main, wa-ref");
        assertThat(answer("?from=2026-12-01&to=2026-12-31&route=wa-ref").statusCode()).isEqualTo(200);
        assertThat(answer("?route=").statusCode()).as("a blank route is no route").isEqualTo(200);
        assertThat(problems).isEmpty();
    }

    @Test
    void aHostWithManyRoutesListsTheFirstOnes() throws Exception {
        List<String> channels = new ArrayList<>();
        for (int i = 10; i < 35; i++) {
            channels.add("wa-" + i);
        }
        start(channels);
        assertThat(refusal("?route=nope")).isEqualTo("route: no route has the channel 'nope'; the routes' channels: "
                + String.join(", ", channels.subList(0, 20)) + " and 5 more");
        assertThat(problems).isEmpty();
    }

    @Test
    void daysOutsideTheYearsOfAnyLedgerAreRefused() throws Exception {
        start(List.of("wa-main"));
        assertThat(refusal("?from=%2B999999999-12-31&to=%2B999999999-12-31"))
                .isEqualTo("to: expected YYYY-MM-DD, got '+999999999-12-31'");
        assertThat(refusal("?from=-5000-01-01")).isEqualTo("from: expected YYYY-MM-DD, got '-5000-01-01'");
        assertThat(refusal("?from=1999-12-31&to=2000-01-01"))
                .isEqualTo("from: expected a day from 2000-01-01 to 2999-12-31, got '1999-12-31'");
        assertThat(refusal("?from=2999-12-01&to=3000-01-01"))
                .isEqualTo("to: expected a day from 2000-01-01 to 2999-12-31, got '3000-01-01'");
        assertThat(answer("?from=2999-12-01&to=2999-12-31").statusCode()).isEqualTo(200);
        assertThat(problems).isEmpty();
    }

    private void start(List<String> channels) throws Exception {
        Map<String, Answering> routes = new HashMap<>();
        channels.forEach(c -> routes.put(c, Answering.NONE));
        Clock clock = Clock.fixed(DemoData.NOW, ZoneOffset.UTC);
        app = Javalin.create(c -> c.showJavalinBanner = false);
        new AdminApi(DemoData.queries(), Optional.of(new Secret(TOKEN)), clock).register(app);
        new ResponsivenessApi(new ResponsivenessService((from, to) -> List.of(), routes, clock), clock).register(app);
        app.start("127.0.0.1", 0);
        base = "http://127.0.0.1:" + app.port();
        validator = OpenApiInteractionValidator.createForInlineApiSpecification(http.send(get(AdminApi.OPENAPI_PATH),
                HttpResponse.BodyHandlers.ofString()).body()).build();
    }

    private String refusal(String query) throws Exception {
        HttpResponse<String> r = answer(query);
        assertThat(r.statusCode()).as(query + ": " + r.body()).isEqualTo(400);
        JsonNode body = JSON.readTree(r.body());
        assertThat(body.get("error").asText()).isEqualTo("bad_request");
        return body.get("message").asText();
    }

    private HttpResponse<String> answer(String query) throws Exception {
        HttpResponse<String> r = http.send(get(ResponsivenessApi.PATH + query), HttpResponse.BodyHandlers.ofString());
        validator.validateResponse(ResponsivenessApi.PATH, Request.Method.GET, SimpleResponse.Builder
                .status(r.statusCode()).withContentType("application/json").withBody(r.body()).build())
                .getMessages().forEach(m -> problems.add(query + " -> " + r.statusCode() + ": " + m));
        return r;
    }

    private HttpRequest get(String path) {
        return HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + TOKEN)
                .build();
    }
}
