package dev.deskbridge.host.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.deskbridge.connector.api.config.Secret;
import dev.deskbridge.connector.api.model.PhoneNumber;
import dev.deskbridge.host.channel.whatsapp.MetaQrStub;
import dev.deskbridge.host.channel.whatsapp.MetaStub;
import dev.deskbridge.host.http.admin.AdminApi;
import dev.deskbridge.host.http.admin.LinksApi;
import dev.deskbridge.host.links.ChatLinks;
import dev.deskbridge.host.links.LinkChannel;
import dev.deskbridge.host.store.Database;
import dev.deskbridge.host.testing.Databases;
import io.javalin.Javalin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code /api/links}: every answer LinksApi gives, good and bad, is one the served description
 * allows for that request (checked with swagger-request-validator, as {@link TemplatesApiTest} does).
 */
class LinksApiTest {
    private static final String TOKEN = AdminApiTest.TOKEN;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;
    Database db;
    MetaStub meta;
    Javalin app;
    String base;
    OpenApiInteractionValidator validator;
    final List<String> problems = new ArrayList<>();
    final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() throws Exception {
        db = Database.open(Databases.fresh(Databases.Kind.H2, dir), 2);
        meta = MetaStub.start();
        MetaQrStub.accept(meta.server());
        Clock clock = Clock.fixed(DemoData.NOW, ZoneOffset.UTC);
        ChatLinks links = new ChatLinks(db, List.of(
                new LinkChannel("wa-main", "whatsapp-cloud", Optional.of(PhoneNumber.of(MetaQrStub.business())),
                        Optional.of(MetaQrStub.qrCodes(meta))),
                new LinkChannel("wa-twilio", "twilio-whatsapp", Optional.of(PhoneNumber.of("+15550001111")),
                        Optional.empty())), clock);
        app = Javalin.create(c -> c.showJavalinBanner = false);
        new AdminApi(DemoData.queries(), Optional.of(new Secret(TOKEN)), clock).register(app);
        new LinksApi(links, "https://bridge.example.com").register(app);
        app.start("127.0.0.1", 0);
        base = "http://127.0.0.1:" + app.port();
        validator = OpenApiInteractionValidator.createForInlineApiSpecification(
                call("GET", "/api/openapi.yaml", null).body()).build();
    }

    @AfterEach
    void stop() {
        app.stop();
        meta.close();
        db.close();
    }

    @Test
    void everyAnswerIsOneTheDescriptionAllows() throws Exception {
        assertThat(http.send(HttpRequest.newBuilder(URI.create(base + "/api/links")).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(401);

        JsonNode plain = JSON.readTree(checked("POST", "/api/links", """
                {"channel": "wa-twilio", "name": "Spring poster", "source": "poster", "message": "Hi there"}""", 201)
                .body());
        String code = plain.get("code").asText();
        assertThat(plain.get("qrCode").isNull()).isTrue();
        assertThat(plain.get("waMeUrl").asText()).startsWith("https://wa.me/15550001111?text=Hi%20there");
        JsonNode withQr = JSON.readTree(checked("POST", "/api/links", """
                {"channel": "wa-main", "name": "Receipt", "source": "receipt", "message": "About my order", "qr": true}""",
                201).body());
        String qrCode = withQr.get("code").asText();
        assertThat(withQr.get("qrCode").asText()).isEqualTo(MetaQrStub.CODE);
        assertThat(withQr.get("shortLink").asText()).isEqualTo("https://wa.me/message/" + MetaQrStub.CODE);

        assertThat(JSON.readTree(checked("GET", "/api/links", null, 200).body()).get("links")).hasSize(2);
        checked("GET", "/api/links/" + code, null, 200);
        JsonNode changed = JSON.readTree(checked("PATCH", "/api/links/" + qrCode, "{\"message\": \"Hello again\"}", 200)
                .body());
        assertThat(changed.get("prefilledMessage").asText()).isEqualTo("Hello again (ref " + qrCode + ")");

        HttpResponse<byte[]> png = binary("/api/links/" + qrCode + "/qr?format=png");
        assertThat(png.statusCode()).isEqualTo(200);
        assertThat(png.body()).isEqualTo(MetaQrStub.png());
        assertThat(png.headers().firstValue("Content-Disposition")).hasValue(
                "attachment; filename=\"whatsapp-" + qrCode + ".png\"");
        validate("GET", "/api/links/" + qrCode + "/qr?format=png", null, png.statusCode(),
                png.headers().firstValue("Content-Type").orElse(""),
                new String(png.body(), java.nio.charset.StandardCharsets.ISO_8859_1));
        assertThat(binary("/api/links/" + qrCode + "/qr?format=svg").headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("image/svg+xml"));

        // Refusals: each says what is wrong, in the described error shape.
        assertThat(checked("POST", "/api/links", "{\"channel\": \"wa-main\", \"name\": \"x\", \"source\": \"Bad Tag\","
                + " \"message\": \"Hi\"}", 400).body()).contains("source:");
        assertThat(checked("GET", "/api/links/" + code + "/qr", null, 400).body()).contains("has no QR code");
        assertThat(checked("GET", "/api/links/" + qrCode + "/qr?format=gif", null, 400).body()).contains("png or svg");
        checked("GET", "/api/links/nope", null, 400);
        checked("GET", "/api/links/ZZZZZZ", null, 404);

        JsonNode deleted = JSON.readTree(checked("DELETE", "/api/links/" + qrCode, null, 200).body());
        assertThat(deleted.get("deletedAt").asText()).isEqualTo(DemoData.NOW.toString());
        checked("DELETE", "/api/links/" + qrCode, null, 404);
        assertThat(JSON.readTree(checked("GET", "/api/links", null, 200).body()).get("links")).hasSize(1);
        assertThat(JSON.readTree(checked("GET", "/api/links?deleted=true", null, 200).body()).get("links")).hasSize(2);

        assertThat(problems).as("answers the description does not allow").isEmpty();
    }

    @Test
    void controlCharactersInANameOrMessageAreRefusedNamingTheFieldAndTheCharacter() throws Exception {
        // probe-h L4: these were stored, then cleared the operator's terminal and reached Zendesk and wa.me.
        assertThat(error(checked("POST", "/api/links", """
                {"channel": "wa-twilio", "name": "ctl\\u0000\\u0007\\u202eevil", "source": "poster", "message": "Hi"}""",
                400))).isEqualTo("name: character 4 is U+0000 (NULL); a name takes one line of text, no control characters");
        assertThat(error(checked("POST", "/api/links", """
                {"channel": "wa-twilio", "name": "Bidi \\u202eevil", "source": "poster", "message": "Hi"}""", 400)))
                .startsWith("name: character 6 is U+202E (RIGHT-TO-LEFT OVERRIDE);");
        assertThat(error(checked("POST", "/api/links", """
                {"channel": "wa-twilio", "name": "Two\\nlines", "source": "poster", "message": "Hi"}""", 400)))
                .startsWith("name: character 4 is U+000A (LINE FEED (LF));");
        assertThat(error(checked("POST", "/api/links", """
                {"channel": "wa-twilio", "name": "Poster", "source": "poster", "message": "hi\\u0000there\\r\\nline2"}""",
                400))).isEqualTo("message: character 3 is U+0000 (NULL); a message takes text and line breaks (\\n),"
                        + " no control characters");
        assertThat(error(checked("POST", "/api/links", """
                {"channel": "wa-twilio", "name": "Poster", "source": "poster", "message": "hi\\r\\nline2"}""", 400)))
                .startsWith("message: character 3 is U+000D (CARRIAGE RETURN (CR));");
        assertThat(JSON.readTree(checked("GET", "/api/links", null, 200).body()).get("links")).isEmpty();

        // Other scripts, accents, emoji (joined ones too) and a message's line breaks are text.
        String name = "Café 🌸 ربيع 春 👨\u200d👩\u200d👧";
        JsonNode link = JSON.readTree(checked("POST", "/api/links", JSON.writeValueAsString(JSON.createObjectNode()
                .put("channel", "wa-twilio").put("name", name).put("source", "poster")
                .put("message", "Hola 👋\nsegunda línea")), 201).body());
        assertThat(link.get("name").asText()).isEqualTo(name);
        assertThat(link.get("waMeUrl").asText()).contains("Hola%20%F0%9F%91%8B%0Asegunda%20l%C3%ADnea");
        String code = link.get("code").asText();
        assertThat(error(checked("PATCH", "/api/links/" + code, """
                {"name": "\\u001b[2J\\u001b[31mCLEARED"}""", 400))).startsWith("name: character 1 is U+001B (ESCAPE);");
        assertThat(JSON.readTree(checked("GET", "/api/links/" + code, null, 200).body()).get("name").asText())
                .isEqualTo(name);
        assertThat(problems).as("answers the description does not allow").isEmpty();
    }

    @Test
    void fieldsTheApiDoesNotTakeAreRefusedNotIgnored() throws Exception {
        // probe-h L5: "qr": "yes" made a link without a QR code, and a PATCH of channel answered 200 changing nothing.
        assertThat(error(checked("POST", "/api/links", """
                {"channel": "wa-main", "name": "Poster", "source": "poster", "message": "Hi", "qr": "yes"}""", 400)))
                .isEqualTo("qr: must be true or false");
        assertThat(error(checked("POST", "/api/links", """
                {"channel": "wa-main", "name": "Poster", "source": "poster", "message": "Hi", "extra": 1}""", 400)))
                .isEqualTo("extra: unknown field; expected channel, message, name, qr, source");
        assertThat(error(checked("POST", "/api/links", """
                {"channel": "wa-main", "name": 5, "source": "poster", "message": "Hi"}""", 400)))
                .isEqualTo("name: must be a string");
        assertThat(error(checked("POST", "/api/links", """
                {"name": "Poster", "source": "poster", "message": "Hi"}""", 400))).isEqualTo("channel: required");
        assertThat(JSON.readTree(checked("GET", "/api/links", null, 200).body()).get("links")).isEmpty();

        String code = JSON.readTree(checked("POST", "/api/links", """
                {"channel": "wa-main", "name": "Poster", "source": "poster", "message": "Hi", "qr": null}""", 201)
                .body()).get("code").asText();
        assertThat(error(checked("PATCH", "/api/links/" + code, "{\"channel\": \"wa-twilio\"}", 400)))
                .isEqualTo("channel: cannot be changed (a link opens its channel's number for good; create a new link"
                        + " for another channel); a change takes message, name, source");
        assertThat(error(checked("PATCH", "/api/links/" + code, "{\"name\": \"New\", \"qr\": true}", 400)))
                .startsWith("qr: cannot be changed (Meta's QR code is made with the link;");
        assertThat(error(checked("PATCH", "/api/links/" + code, "{\"code\": \"K7Q2M9\"}", 400)))
                .startsWith("code: cannot be changed (DeskBridge sets it)");
        assertThat(error(checked("PATCH", "/api/links/" + code, "{\"nmae\": \"New\"}", 400)))
                .isEqualTo("nmae: unknown field; expected message, name, source");
        assertThat(error(checked("PATCH", "/api/links/" + code, "{\"message\": [\"Hi\"]}", 400)))
                .isEqualTo("message: must be a string");
        JsonNode unchanged = JSON.readTree(checked("GET", "/api/links/" + code, null, 200).body());
        assertThat(unchanged.get("channel").asText()).isEqualTo("wa-main");
        assertThat(unchanged.get("name").asText()).isEqualTo("Poster");

        assertThat(error(checked("GET", "/api/links?deleted=yes", null, 400)))
                .isEqualTo("deleted: expected true or false, got 'yes'");
        assertThat(JSON.readTree(checked("GET", "/api/links?deleted=false", null, 200).body()).get("links")).hasSize(1);
        assertThat(problems).as("answers the description does not allow").isEmpty();
    }

    @Test
    void aChunkedBodyOverTheLimitIsRefusedWithoutReadingItWhole() throws Exception {
        long max = 1_000_000; // Javalin's maxRequestSize, which the app here leaves as it is
        String response;
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", app.port())) {
            socket.setSoTimeout(10_000);
            java.io.OutputStream out = socket.getOutputStream();
            out.write(("POST /api/links HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + TOKEN
                    + "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n")
                    .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            byte[] chunk = ("{\"channel\": \"wa-twilio\", \"name\": \"" + "a".repeat(4096))
                    .substring(0, 4096).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            // Past the limit in chunks, and the body never ends: only a host that stops at the limit answers.
            for (long sent = 0; sent <= max; sent += chunk.length) {
                out.write((Integer.toHexString(chunk.length) + "\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                out.write(chunk);
                out.write("\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                chunk = "a".repeat(4096).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            }
            out.flush();
            response = new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        assertThat(response).startsWith("HTTP/1.1 413 ");
        String body = response.substring(response.indexOf("\r\n\r\n") + 4);
        assertThat(JSON.readTree(body).get("error").asText()).as("the code the webhooks give too").isEqualTo("too_large");
        assertThat(JSON.readTree(body).get("message").asText()).isEqualTo("the request body is over " + max + " bytes");
        validator.validateResponse("/api/links", Request.Method.POST, SimpleResponse.Builder.status(413)
                .withContentType("application/json").withBody(body).build())
                .getMessages().forEach(m -> problems.add("POST /api/links -> 413: " + m));
        assertThat(problems).as("answers the description does not allow").isEmpty();
        assertThat(JSON.readTree(checked("GET", "/api/links", null, 200).body()).get("links")).isEmpty();
    }

    private static String error(HttpResponse<String> r) throws Exception {
        JsonNode body = JSON.readTree(r.body());
        assertThat(body.get("error").asText()).isEqualTo("bad_request");
        return body.get("message").asText();
    }

    private HttpResponse<String> checked(String method, String path, String body, int status) throws Exception {
        HttpResponse<String> r = call(method, path, body);
        assertThat(r.statusCode()).as(method + " " + path + ": " + r.body()).isEqualTo(status);
        validate(method, path, body, r.statusCode(), r.headers().firstValue("Content-Type").orElse(""), r.body());
        return r;
    }

    private void validate(String method, String pathAndQuery, String body, int status, String contentType,
            String responseBody) {
        URI uri = URI.create(pathAndQuery);
        SimpleRequest.Builder request = new SimpleRequest.Builder(Request.Method.valueOf(method), uri.getPath())
                .withHeader("Authorization", "Bearer " + TOKEN);
        if (uri.getQuery() != null) {
            for (String pair : uri.getQuery().split("&")) {
                String[] kv = pair.split("=", 2);
                request.withQueryParam(kv[0], kv.length > 1 ? kv[1] : "");
            }
        }
        if (body != null) {
            request.withContentType("application/json").withBody(body);
        }
        SimpleResponse.Builder response = SimpleResponse.Builder.status(status)
                .withContentType(contentType.replaceFirst(";.*", ""));
        if (responseBody != null) {
            response.withBody(responseBody);
        }
        // A request made bad on purpose is outside the description by design: only its answer is checked.
        ValidationReport report = status == 400
                ? validator.validateResponse(uri.getPath(), Request.Method.valueOf(method), response.build())
                : validator.validate(request.build(), response.build());
        report.getMessages().forEach(m -> problems.add(method + " " + pathAndQuery + " -> " + status + ": " + m));
    }

    private HttpResponse<String> call(String method, String path, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + TOKEN)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<byte[]> binary(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + TOKEN)
                .build(), HttpResponse.BodyHandlers.ofByteArray());
    }
}
