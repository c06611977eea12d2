package dev.deskbridge.host.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.deskbridge.connector.api.config.Secret;
import dev.deskbridge.connector.api.pricing.TemplateCategory;
import dev.deskbridge.connector.api.template.HeaderFormat;
import dev.deskbridge.connector.api.template.ParameterFormat;
import dev.deskbridge.connector.api.template.TemplateButtonSpec;
import dev.deskbridge.connector.api.template.TemplateDefinition;
import dev.deskbridge.connector.api.template.TemplateStatus;
import dev.deskbridge.host.http.admin.AdminApi;
import dev.deskbridge.host.http.admin.TemplatesApi;
import dev.deskbridge.host.store.Database;
import dev.deskbridge.host.templates.TemplateCatalogue;
import dev.deskbridge.host.testing.Databases;
import io.javalin.Javalin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code GET /api/templates}: behind the admin token, answered as the served description says. */
class TemplatesApiTest {
    private static final String TOKEN = AdminApiTest.TOKEN;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;
    Database db;
    Javalin app;
    String base;
    final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() {
        db = Database.open(Databases.fresh(Databases.Kind.H2, dir), 2);
        new TemplateCatalogue(db).replace("wa-main", List.of(new TemplateDefinition("920070352646140", "order_update",
                "order_update", "en_US", TemplateStatus.APPROVED, Optional.of(TemplateCategory.UTILITY),
                ParameterFormat.POSITIONAL, "Hi {{1}}", List.of("1"), Optional.of(HeaderFormat.IMAGE), List.of(),
                List.of(new TemplateButtonSpec(0, "URL", true)), "[]")), Instant.parse("2026-11-02T10:00:00Z"));
        app = Javalin.create(c -> c.showJavalinBanner = false);
        new AdminApi(DemoData.queries(), Optional.of(new Secret(TOKEN)), Clock.fixed(DemoData.NOW, ZoneOffset.UTC))
                .register(app);
        new TemplatesApi(new TemplateCatalogue(db), List.of("wa-main", "wa-twilio")).register(app);
        app.start("127.0.0.1", 0);
        base = "http://127.0.0.1:" + app.port();
    }

    @AfterEach
    void stop() {
        app.stop();
        db.close();
    }

    private HttpResponse<String> get(String path, Optional<String> token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path));
        token.ifPresent(t -> b.header("Authorization", "Bearer " + t));
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void listsTheCatalogueWithEachChannelsLastSyncAsDescribed() throws Exception {
        assertThat(get("/api/templates", Optional.empty()).statusCode()).isEqualTo(401);

        HttpResponse<String> r = get("/api/templates", Optional.of(TOKEN));

        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode body = JSON.readTree(r.body());
        assertThat(body.get("channels").toString()).contains("\"channel\":\"wa-main\",\"syncedAt\":\"2026-11-02T10:00:00Z\"")
                .contains("\"channel\":\"wa-twilio\",\"syncedAt\":null");
        JsonNode t = body.get("templates").get(0);
        assertThat(t.get("name").asText()).isEqualTo("order_update");
        assertThat(t.get("category").asText()).isEqualTo("UTILITY");
        assertThat(t.get("header").asText()).isEqualTo("image");
        assertThat(t.get("buttons").get(0).get("takesParameter").asBoolean()).isTrue();
        String spec = get("/api/openapi.yaml", Optional.of(TOKEN)).body();
        OpenApiInteractionValidator validator = OpenApiInteractionValidator.createForInlineApiSpecification(spec).build();
        var report = validator.validate(new SimpleRequest.Builder(Request.Method.GET, "/api/templates")
                .withHeader("Authorization", "Bearer " + TOKEN).build(), SimpleResponse.Builder.status(200)
                .withContentType("application/json").withBody(r.body()).build());
        assertThat(report.getMessages()).as(r.body()).isEmpty();

        assertThat(get("/api/templates?channel=wa-twilio", Optional.of(TOKEN)).body()).contains("\"templates\":[]");
        assertThat(get("/api/templates?channel=nope", Optional.of(TOKEN)).statusCode()).isEqualTo(404);
    }
}
