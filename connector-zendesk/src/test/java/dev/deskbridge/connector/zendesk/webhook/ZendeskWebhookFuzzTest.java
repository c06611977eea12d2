package dev.deskbridge.connector.zendesk.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.deskbridge.connector.api.config.Secret;
import dev.deskbridge.connector.api.error.WebhookRejectedException;
import dev.deskbridge.connector.api.webhook.WebhookRequest;
import dev.deskbridge.connector.testkit.ManualClock;
import dev.deskbridge.connector.testkit.WebhookRequests;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * What a Zendesk webhook's sender controls, correctly signed: the timestamp header and the body.
 * The verifier and the body reader either accept it or refuse it with the SPI's rejection; nothing
 * else may escape. The input is the timestamp header, a newline, then the body. In the normal build
 * this runs the seeds beside this class ({@code ZendeskWebhookFuzzTestInputs/anyWebhook/}: the
 * sample of Zendesk's "Verifying webhook authenticity" guide and the trigger body DeskBridge sets
 * up); {@code JAZZER_FUZZ=1} fuzzes (see FUZZING.md).
 */
class ZendeskWebhookFuzzTest {
    private static final Secret SECRET = new Secret("HRkRd4BeOAoUkfZr-mhauJT64rvBASlJRoIyPsd3zeA=");
    private static final WebhookSignature VERIFIER =
            new WebhookSignature(SECRET, ManualClock.at("2021-07-25T10:02:00Z"));

    @FuzzTest(maxDuration = "60s")
    void anyWebhook(byte[] input) {
        int newline = indexOf(input, (byte) '\n');
        String timestamp = new String(input, 0, newline < 0 ? input.length : newline, StandardCharsets.UTF_8);
        byte[] body = newline < 0 ? new byte[0] : Arrays.copyOfRange(input, newline + 1, input.length);
        WebhookRequest request = WebhookRequests.post("https://bridge.example.com/webhooks/crms/zendesk-main")
                .header(WebhookSignature.TIMESTAMP_HEADER, timestamp)
                .header(WebhookSignature.SIGNATURE_HEADER, WebhookSignature.signatureFor(SECRET, timestamp, body))
                .body(body)
                .build();
        try {
            VERIFIER.verify(request);
            WebhookPayload payload = WebhookPayload.parse(body);
            assertThat(payload.ticketId()).isPositive();
        } catch (WebhookRejectedException e) {
            assertThat(e.getMessage()).isNotBlank().hasSizeLessThan(500);
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
