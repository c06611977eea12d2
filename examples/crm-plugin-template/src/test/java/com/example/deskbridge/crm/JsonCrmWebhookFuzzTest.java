package com.example.deskbridge.crm;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.deskbridge.connector.api.CrmSession;
import dev.deskbridge.connector.api.config.Secret;
import dev.deskbridge.connector.api.error.WebhookRejectedException;
import dev.deskbridge.connector.api.model.AgentReply;
import dev.deskbridge.connector.api.webhook.StoredWebhook;
import dev.deskbridge.connector.api.webhook.WebhookRequest;
import dev.deskbridge.connector.testkit.FakeConnectorContext;
import dev.deskbridge.connector.testkit.WebhookRequests;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;

/**
 * What the CRM's webhook sender controls, correctly signed: the timestamp header and the body. The
 * session either reads agent replies or refuses with the SPI's rejection; nothing else may escape.
 * The input is the timestamp header, a newline, then the body. The seeds beside this class
 * ({@code JsonCrmWebhookFuzzTestInputs/anyWebhook/}) are the webhook this template documents.
 * {@code JAZZER_FUZZ=1} fuzzes (see FUZZING.md at the repository's root).
 */
class JsonCrmWebhookFuzzTest {
    private static final CrmSession SESSION = new JsonCrmConnector().open(FakeConnectorContext.of(JsonCrmConnector.SPEC,
            Map.of("base_url", "http://127.0.0.1:9", "api_key", CrmStub.API_KEY,
                    "webhook_secret", CrmStub.WEBHOOK_SECRET)));

    @FuzzTest(maxDuration = "60s")
    void anyWebhook(byte[] input) {
        int newline = indexOf(input, (byte) '\n');
        String timestamp = new String(input, 0, newline < 0 ? input.length : newline, StandardCharsets.UTF_8);
        byte[] body = newline < 0 ? new byte[0] : Arrays.copyOfRange(input, newline + 1, input.length);
        WebhookRequest request = WebhookRequests.post("https://bridge.example.com/webhooks/crms/json-crm")
                .header(WebhookSignature.TIMESTAMP_HEADER, timestamp)
                .header(WebhookSignature.SIGNATURE_HEADER,
                        "sha256=" + WebhookSignature.sign(new Secret(CrmStub.WEBHOOK_SECRET), timestamp, body))
                .body(body)
                .build();
        try {
            // What the host does: verify in the request, then read the stored webhook in a worker.
            SESSION.verify(request);
            for (AgentReply reply : SESSION.read(new StoredWebhook("fuzz", request))) {
                assertThat(reply.eventId()).isNotBlank();
            }
        } catch (WebhookRejectedException e) {
            assertThat(e.getMessage()).isNotBlank();
        }
    }

    private static int indexOf(byte[] bytes, byte b) {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == b) {
                return i;
            }
        }
        return -1;
    }
}
