package dev.deskbridge.host.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.deskbridge.connector.api.pricing.TemplateCategory;
import dev.deskbridge.connector.api.template.ParameterFormat;
import dev.deskbridge.connector.api.template.TemplateDefinition;
import dev.deskbridge.connector.api.template.TemplateStatus;
import dev.deskbridge.connector.testkit.ManualClock;
import dev.deskbridge.host.channel.whatsapp.MetaStub;
import dev.deskbridge.host.plugins.TestJars;
import dev.deskbridge.host.templates.TemplateCatalogue;
import dev.deskbridge.host.testing.HostFixture;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code /api/campaigns} on a running host: every answer CampaignsApi gives, good and bad, is one
 * the served description allows for that request (checked with swagger-request-validator, as
 * LinksApiTest does), and the refusals say what is wrong and where.
 */
class CampaignsApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant T0 = Instant.parse("2026-11-10T09:00:00Z");
    private static final String TOKEN = "admin-token-0123456789abcdef";

    @TempDir
    Path home;

    private final HttpClient http = HttpClient.newHttpClient();
    private final List<String> problems = new ArrayList<>();
    private MetaStub meta;
    private ZendeskApiStub zendesk;
    private RunningHost host;
    private String base;
    private OpenApiInteractionValidator validator;

    @BeforeEach
    void start() throws Exception {
        meta = MetaStub.start();
        meta.acceptSendsWithUniqueIds();
        zendesk = new ZendeskApiStub();
        String config = RunningHost.hostSections().replace("host:\n", "host:\n  admin_token: ${DESKBRIDGE_ADMIN_TOKEN}\n")
                + WhatsAppTraffic.channelSection(meta.baseUrl()) + zendesk.crmAndRouteSections();
        host = RunningHost.start(home, config, Map.of(
                "WHATSAPP_ACCESS_TOKEN", MetaStub.ACCESS_TOKEN,
                "WHATSAPP_APP_SECRET", HostFixture.META_APP_SECRET,
                "WHATSAPP_VERIFY_TOKEN", MetaStub.VERIFY_TOKEN,
                "ZENDESK_API_TOKEN", "zd-api-token-0123456789",
                "ZENDESK_WEBHOOK_SECRET", "dGhpc19zZWNyZXRfaXNfZm9yX3Rlc3Rpbmdfb25seQ==",
                "DESKBRIDGE_ADMIN_TOKEN", TOKEN), new ManualClock(T0), TestJars.realPlugin("deskbridge-zendesk"));
        base = host.probe().baseUrl();
        new TemplateCatalogue(host.database()).replace("wa-main", List.of(new TemplateDefinition("1001",
                "order_shipped", "order_shipped", "en_US", TemplateStatus.APPROVED, Optional.of(TemplateCategory.UTILITY),
                ParameterFormat.POSITIONAL, "Hi {{1}}, order {{2}} has shipped.", List.of("1", "2"), Optional.empty(),
                List.of(), List.of(), "[]")), T0);
        validator = OpenApiInteractionValidator.createForInlineApiSpecification(
                call("GET", "/api/openapi.yaml", null, null).body()).build();
    }

    @AfterEach
    void stop() {
        Received.closeAll(host, meta, zendesk);
    }

    @Test
    void aRefusedRowNeitherHidesTheRowsAfterItNorItsCorrectedRow() throws Exception {
        // Line 3 holds a value too many (an unquoted comma); line 4 misses a parameter and line 5 corrects it.
        String csv = "to,1,2\n+4915110000001,Ana,A-1\n+4915110000002,Ben, Jr.,A-2\n+4915110000003,Cy\n"
                + "+4915110000003,Cy,A-3\n+4915110000004,Di,A-4\n";
        JsonNode skipped = JSON.readTree(checked("POST", "/api/campaigns?template=order_shipped&skipInvalid=true", csv,
                201).body());
        // Before: a problem at line 1 and one recipient (the rest of the file gone), or line 5 refused as the same
        // number as line 4, which was never to be sent.
        assertThat(skipped.get("badRows").findValuesAsText("line")).containsExactly("3", "4");
        assertThat(skipped.get("recipients").asInt()).isEqualTo(3);
        assertThat(host.probe().count("SELECT COUNT(*) FROM campaign_recipients WHERE customer IN ('+4915110000001', "
                + "'+4915110000003', '+4915110000004')")).isEqualTo(3);
    }

    @Test
    void everyAnswerIsOneTheDescriptionAllows() throws Exception {
        String good = "to,1,2\n+4915110000001,Ana,A-1\n+4915110000002,Ben,A-2\n";
        String bad = good + "+49 151,Cy,A-3\n+4915110000001,Again,A-4\n+4915110000005,Only one\n";
        assertThat(http.send(HttpRequest.newBuilder(URI.create(base + "/api/campaigns?template=order_shipped"))
                .POST(HttpRequest.BodyPublishers.ofString(good)).build(), HttpResponse.BodyHandlers.ofString())
                .statusCode()).isEqualTo(401);

        // Bad rows: refused with their lines, nothing stored.
        JsonNode refused = JSON.readTree(checked("POST", "/api/campaigns?template=order_shipped", bad, 422).body());
        assertThat(refused.get("error").asText()).isEqualTo("invalid_rows");
        assertThat(refused.get("id").isNull()).isTrue();
        assertThat(refused.get("badRowCount").asInt()).isEqualTo(3);
        assertThat(refused.get("badRows").findValuesAsText("line")).containsExactly("4", "5", "6");
        assertThat(refused.get("badRows").get(0).get("message").asText()).startsWith("to: ");
        assertThat(refused.get("badRows").get(1).get("message").asText()).contains("same number as line 2");
        assertThat(refused.get("badRows").get(2).get("message").asText()).contains("2");
        assertThat(host.probe().count("SELECT COUNT(*) FROM campaigns")).isZero();

        // Skipped on request: stored with the good rows, the bad ones listed.
        JsonNode skipped = JSON.readTree(checked("POST", "/api/campaigns?template=order_shipped&skipInvalid=true", bad,
                201).body());
        assertThat(skipped.get("recipients").asInt()).isEqualTo(2);
        assertThat(skipped.get("badRows")).hasSize(3);

        JsonNode prepared = JSON.readTree(checked("POST", "/api/campaigns?template=order_shipped&rate=5&ticket=none",
                good, 201).body());
        String id = prepared.get("id").asText();
        assertThat(prepared.get("total").get("amount").asText()).isEqualTo("0.1100");
        assertThat(prepared.get("byMarketAndCategory").get("DE utility").asInt()).isEqualTo(2);
        assertThat(JSON.readTree(checked("GET", "/api/campaigns/" + id, null, 200).body()).get("status").asText())
                .isEqualTo("ready");
        JsonNode started = JSON.readTree(checked("POST", "/api/campaigns/" + id + "/start", "", 202).body());
        assertThat(started.get("status").asText()).isEqualTo("running");
        host.probe().await("both sent", () -> host.probe().count("SELECT COUNT(*) FROM messages WHERE direction = 'OUT' "
                + "AND provider_message_id IS NOT NULL") == 2);
        host.probe().await("done", () -> {
            try {
                return JSON.readTree(checked("GET", "/api/campaigns/" + id, null, 200).body()).get("status").asText()
                        .equals("done");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });

        // Refusals, each in the described shape.
        assertThat(checked("POST", "/api/campaigns", good, 400).body()).contains("template: required");
        assertThat(checked("POST", "/api/campaigns?template=order_shipped&rate=0", good, 400).body()).contains("rate:");
        assertThat(checked("POST", "/api/campaigns?template=order_shipped&ticket=maybe", good, 400).body())
                .contains("maybe");
        JsonNode route = JSON.readTree(checked("POST", "/api/campaigns?template=order_shipped&route=nowhere", good, 422)
                .body());
        assertThat(route.get("error").asText()).isEqualTo("unknown_route");
        checked("GET", "/api/campaigns/no-such-campaign", null, 404);
        checked("POST", "/api/campaigns/no-such-campaign/start", "", 404);
        // A file declared over 32 MiB is refused before a byte of it is read, with the webhooks' error code.
        String tooLarge = overLimit("/api/campaigns?template=order_shipped");
        assertThat(tooLarge).startsWith("HTTP/1.1 413").contains("\"error\":\"too_large\"");
        String tooLargeBody = tooLarge.substring(tooLarge.indexOf("\r\n\r\n") + 4);
        validator.validateResponse("/api/campaigns", Request.Method.POST, SimpleResponse.Builder.status(413)
                .withContentType("application/json").withBody(tooLargeBody).build()).getMessages()
                .forEach(m -> problems.add("POST /api/campaigns -> 413: " + m));

        assertThat(problems).as("answers the description does not allow").isEmpty();
    }

    private HttpResponse<String> checked(String method, String path, String body, int status) throws Exception {
        HttpResponse<String> r = call(method, path, body, body == null || body.isEmpty() ? null : "text/csv");
        assertThat(r.statusCode()).as(method + " " + path + ": " + r.body()).isEqualTo(status);
        URI uri = URI.create(path);
        SimpleRequest.Builder request = new SimpleRequest.Builder(Request.Method.valueOf(method), uri.getPath())
                .withHeader("Authorization", "Bearer " + TOKEN);
        if (uri.getQuery() != null) {
            for (String pair : uri.getQuery().split("&")) {
                String[] kv = pair.split("=", 2);
                request.withQueryParam(kv[0], kv.length > 1 ? kv[1] : "");
            }
        }
        if (body != null && !body.isEmpty()) {
            request.withContentType("text/csv").withBody(body);
        }
        SimpleResponse response = SimpleResponse.Builder.status(r.statusCode())
                .withContentType(r.headers().firstValue("Content-Type").orElse("").replaceFirst(";.*", ""))
                .withBody(r.body()).build();
        // A request made bad on purpose is outside the description by design: only its answer is checked.
        ValidationReport report = status == 400
                ? validator.validateResponse(uri.getPath(), Request.Method.valueOf(method), response)
                : validator.validate(request.build(), response);
        report.getMessages().forEach(m -> problems.add(method + " " + path + " -> " + status + ": " + m));
        return r;
    }

    /**
     * The host's whole answer to a POST that declares a body one byte over the file limit and sends
     * only its first byte (Jetty hands a request on once some of its body has come).
     */
    private String overLimit(String path) throws Exception {
        URI uri = URI.create(base);
        try (java.net.Socket socket = new java.net.Socket(uri.getHost(), uri.getPort())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("POST " + path + " HTTP/1.1\r\nHost: " + uri.getHost()
                    + "\r\nAuthorization: Bearer " + TOKEN + "\r\nContent-Type: text/csv\r\nContent-Length: "
                    + (32 * 1024 * 1024 + 1) + "\r\nConnection: close\r\n\r\nt")
                    .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            java.io.ByteArrayOutputStream answer = new java.io.ByteArrayOutputStream();
            byte[] buffer = new byte[4096];
            try {
                for (int n; (n = socket.getInputStream().read(buffer)) > 0; ) {
                    answer.write(buffer, 0, n);
                }
            } catch (java.net.SocketTimeoutException e) {
                // Kept open: what came is the answer.
            }
            return answer.toString(java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    private HttpResponse<String> call(String method, String path, String body, String contentType) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + TOKEN)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
