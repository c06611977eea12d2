package dev.deskbridge.host.channel.whatsapp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The request checker itself: a request Meta's description refuses must fail, and each correction
 * in {@link MetaSpecErrata} must be one the description's own examples need.
 */
class MetaOpenApiTest {
    private static final String TEXT = "{\"messaging_product\":\"whatsapp\",\"recipient_type\":\"individual\","
            + "\"to\":\"16505551234\",\"type\":\"text\",\"text\":{\"body\":\"hi\",\"preview_url\":false}}";
    private static MetaOpenApi corrected;
    private static MetaOpenApi published;

    @BeforeAll
    static void load() {
        corrected = MetaOpenApi.load();
        published = MetaOpenApi.uncorrected();
    }

    private static MetaOpenApi.Call send(String body, String... headers) {
        Map<String, List<String>> h = new LinkedHashMap<>();
        h.put("Content-Type", List.of("application/json"));
        h.put("Authorization", List.of("Bearer EAAG123"));
        h.put("User-Agent", List.of("DeskBridge/0.1.0"));
        for (int i = 0; i < headers.length; i += 2) {
            if (headers[i + 1] == null) {
                h.remove(headers[i]);
            } else {
                h.put(headers[i], List.of(headers[i + 1]));
            }
        }
        return new MetaOpenApi.Call("POST", MetaStub.MESSAGES_PATH, Map.of(), h,
                body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aWellFormedTextMessageIsAccepted() {
        assertThat(corrected.problems(send(TEXT))).isEmpty();
    }

    @Test
    void refusesWhatTheDescriptionRefuses() {
        assertThat(corrected.problems(send(TEXT.replace("\"type\":\"text\",", "\"type\":\"text\",\"bogus\":1,"))))
                .as("an undeclared property").anyMatch(p -> p.contains("bogus"));
        assertThat(corrected.problems(send(TEXT.replace("\"body\"", "\"bodi\""))))
                .as("a misspelt text body").anyMatch(p -> p.contains("bodi"));
        assertThat(corrected.problems(send(TEXT.replace("\"recipient_type\":\"individual\",", ""))))
                .as("no recipient_type").anyMatch(p -> p.contains("recipient_type"));
        assertThat(corrected.problems(send(TEXT, "Authorization", null)))
                .as("no bearer token").anyMatch(p -> p.contains("Authorization"));
        assertThat(corrected.problems(send(TEXT, "Authorization", "Basic dXNlcjpwYXNz")))
                .as("not a bearer token").anyMatch(p -> p.contains("Authorization"));
        assertThat(corrected.problems(send(TEXT, "Content-Type", "text/plain")))
                .as("wrong content type").isNotEmpty();
        assertThat(corrected.problems(send(TEXT, "User-Agent", "curl")))
                .as("a User-Agent outside the described form").anyMatch(p -> p.contains("User-Agent"));
        assertThat(corrected.problems(send("{\"messaging_product\":\"whatsapp\",\"recipient_type\":\"individual\","
                + "\"to\":\"1\",\"type\":\"sticker\",\"sticker\":{\"id\":\"1\",\"caption\":\"no\"}}")))
                .as("a caption on a sticker").anyMatch(p -> p.contains("caption"));
        assertThat(corrected.problems(new MetaOpenApi.Call("DELETE", MetaStub.MESSAGES_PATH, Map.of(), Map.of(),
                new byte[0]))).as("an undescribed method").isNotEmpty();
    }

    @Test
    void aBadRequestReachingTheStubFailsTheSweepEveryTestEndsWith() throws Exception {
        try (MetaStub meta = MetaStub.start()) {
            meta.acceptSends("wamid.X");
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(meta.baseUrl() + MetaStub.MESSAGES_PATH))
                    .header("Content-Type", "application/json")
                    .header("Authorization", "Bearer EAAG123")
                    .POST(HttpRequest.BodyPublishers.ofString(TEXT.replace("\"to\":\"16505551234\",", "")))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as("the stub itself accepts anything").isEqualTo(200);

            assertThat(meta.descriptionProblems()).anyMatch(p -> p.contains("'to'"));
        }
    }

    @Test
    void templateComponentsAreCheckedByTheirType() {
        String template = "{\"messaging_product\":\"whatsapp\",\"recipient_type\":\"individual\",\"to\":\"1\","
                + "\"type\":\"template\",\"template\":{\"name\":\"n\",\"language\":{\"policy\":\"deterministic\","
                + "\"code\":\"en\"},\"components\":[{\"type\":\"body\",\"parameters\":[%s]}]}}";
        String withoutText = String.format(template, "{\"type\":\"text\"}");
        assertThat(corrected.problems(send(String.format(template, "{\"type\":\"text\",\"text\":\"a\"}")))).isEmpty();
        assertThat(corrected.problems(send(withoutText))).anyMatch(p -> p.contains("'text'"));
        assertThat(published.problems(send(withoutText)))
                .as("as published, the discriminator is an annotation and checks nothing").isEmpty();
    }

    @Test
    void eachCorrectionIsOneMetasOwnExamplesNeed() {
        JsonNode examples = corrected.raw().at("/paths/~1{Version}~1{Phone-Number-ID}~1messages/post/requestBody"
                + "/content/application~1json/examples");
        String text = examples.path("Send Text Message").path("value").toString();
        String readReceipt = examples.path("Send typing indicator and read receipt").path("value").toString();
        assertThat(text).contains("\"type\":\"text\"");
        assertThat(readReceipt).contains("\"status\":\"read\"");

        assertThat(published.problems(send(text))).as("allOf with additionalProperties:false").isNotEmpty();
        assertThat(corrected.problems(send(text))).isEmpty();
        assertThat(published.problems(send(readReceipt))).as("read receipt outside the Message schema").isNotEmpty();
        assertThat(corrected.problems(send(readReceipt))).isEmpty();

        String button = "{\"messaging_product\":\"whatsapp\",\"recipient_type\":\"individual\",\"to\":\"1\","
                + "\"type\":\"template\",\"template\":{\"name\":\"n\",\"language\":{\"policy\":\"deterministic\","
                + "\"code\":\"en\"},\"components\":[{\"type\":\"button\",\"sub_type\":\"quick_reply\",\"index\":\"0\","
                + "\"parameters\":[{\"type\":\"payload\",\"payload\":\"p\"}]}]}}";
        assertThat(published.problems(send(button))).as("index pattern " + MetaSpecErrata.BROKEN_INDEX_PATTERN)
                .anyMatch(p -> p.contains("index"));
        assertThat(corrected.problems(send(button))).isEmpty();
        assertThat(corrected.problems(send(button.replace("\"index\":\"0\"", "\"index\":\"10\""))))
                .as("the corrected pattern still refuses what the description's 0-9 excludes")
                .anyMatch(p -> p.contains("index"));
    }

    @Test
    void theOrderExamplesNeedTheirCorrectionAndBadOrdersAreStillRefused() {
        JsonNode examples = corrected.raw().at("/paths/~1{Version}~1{Phone-Number-ID}~1messages/post/requestBody"
                + "/content/application~1json/examples");
        String details = examples.path("Send Order Details Message").path("value").toString();
        String status = examples.path("Send Order Status Message").path("value").toString();
        assertThat(details).contains("\"order_details\"");
        assertThat(status).contains("\"order_status\"");

        assertThat(published.problems(send(details))).as("order_details unknown to InteractiveObject").isNotEmpty();
        assertThat(published.problems(send(status))).as("order_status unknown to InteractiveObject").isNotEmpty();
        assertThat(corrected.problems(send(details))).isEmpty();
        assertThat(corrected.problems(send(status))).isEmpty();

        assertThat(corrected.problems(send(status.replace("\"processing\"", "\"on-its-way\""))))
                .as("an order status outside Meta's list").isNotEmpty();
        assertThat(corrected.problems(send(details.replace("\"reference_id\":\"unique-reference-id\",", ""))))
                .as("an order without its reference").isNotEmpty();
        assertThat(corrected.problems(send(details.replace("\"value\":1100", "\"value\":11.5"))))
                .as("an amount that is not a whole number of hundredths").isNotEmpty();
    }
}
