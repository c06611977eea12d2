package dev.deskbridge.connector.zendesk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.deskbridge.connector.api.config.Secret;
import dev.deskbridge.connector.api.error.WebhookRejectedException;
import dev.deskbridge.connector.api.error.WebhookRejectedException.Reason;
import dev.deskbridge.connector.api.webhook.WebhookRequest;
import dev.deskbridge.connector.testkit.ManualClock;
import dev.deskbridge.connector.testkit.WebhookRequests;
import dev.deskbridge.connector.zendesk.webhook.WebhookSignature;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Signature checks with fixed vectors. The vectors were computed independently (Python's
 * {@code hmac}/{@code hashlib}): base64(HMAC-SHA256(secret, timestamp + body)).
 */
class ZendeskWebhookSignatureTest {
    // The sample secret, body and timestamp of Zendesk's "Verifying webhook authenticity" guide.
    private static final String SECRET = "HRkRd4BeOAoUkfZr-mhauJT64rvBASlJRoIyPsd3zeA=";
    private static final String TIMESTAMP = "2021-07-25T10:00:00Z";
    private static final String BODY = "{\"say\": \"hello\"}";
    private static final String SIGNATURE = "Rry/4TtIdFyawtXXp8QdI6tlAUUQ/5kL1OTp5qo/ZIk=";
    // HMAC over body + timestamp (the reversed order an older revision of the guide showed): must fail.
    private static final String REVERSED_ORDER_SIGNATURE = "tRDSF7URY8BLCDlaBcQ7FHu051Zk+aAB0NKMP53teMw=";

    private final ManualClock clock = ManualClock.at("2021-07-25T10:02:00Z");
    private final WebhookSignature verifier = new WebhookSignature(new Secret(SECRET), clock);

    private static WebhookRequest request(String signature, String timestamp, String body) {
        WebhookRequests r = WebhookRequests.post("https://bridge.example.com/webhooks/crms/zendesk-main").body(body);
        if (signature != null) {
            r.header("X-Zendesk-Webhook-Signature", signature);
        }
        if (timestamp != null) {
            r.header("X-Zendesk-Webhook-Signature-Timestamp", timestamp);
        }
        return r.build();
    }

    @Test
    void knownVectorIsComputedAndAccepted() {
        assertThat(WebhookSignature.signatureFor(new Secret(SECRET), TIMESTAMP, BODY.getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(SIGNATURE);
        verifier.verify(request(SIGNATURE, TIMESTAMP, BODY));
    }

    @Test
    void headerNamesAreCaseInsensitive() {
        WebhookRequest lower = WebhookRequests.post("https://bridge.example.com/x").body(BODY)
                .header("x-zendesk-webhook-signature", SIGNATURE)
                .header("x-zendesk-webhook-signature-timestamp", TIMESTAMP).build();
        verifier.verify(lower);
    }

    @Test
    void wrongSecretIsRejected() {
        WebhookSignature other = new WebhookSignature(new Secret("another-secret-entirely"), clock);
        assertThatThrownBy(() -> other.verify(request(SIGNATURE, TIMESTAMP, BODY)))
                .isInstanceOf(WebhookRejectedException.class)
                .satisfies(e -> assertThat(((WebhookRejectedException) e).reason()).isEqualTo(Reason.BAD_SIGNATURE))
                .hasMessageContaining("does not match")
                .hasMessageNotContaining(SIGNATURE);
    }

    @Test
    void changedBodyIsRejected() {
        assertThatThrownBy(() -> verifier.verify(request(SIGNATURE, TIMESTAMP, "{\"say\": \"hellO\"}")))
                .isInstanceOf(WebhookRejectedException.class)
                .satisfies(e -> assertThat(((WebhookRejectedException) e).reason()).isEqualTo(Reason.BAD_SIGNATURE));
    }

    @Test
    void changedTimestampIsRejected() {
        assertThatThrownBy(() -> verifier.verify(request(SIGNATURE, "2021-07-25T10:00:01Z", BODY)))
                .isInstanceOf(WebhookRejectedException.class)
                .satisfies(e -> assertThat(((WebhookRejectedException) e).reason()).isEqualTo(Reason.BAD_SIGNATURE));
    }

    @Test
    void bodyThenTimestampOrderIsRejected() {
        assertThatThrownBy(() -> verifier.verify(request(REVERSED_ORDER_SIGNATURE, TIMESTAMP, BODY)))
                .isInstanceOf(WebhookRejectedException.class)
                .satisfies(e -> assertThat(((WebhookRejectedException) e).reason()).isEqualTo(Reason.BAD_SIGNATURE));
    }

    @Test
    void missingSignatureHeaderIsRejected() {
        assertThatThrownBy(() -> verifier.verify(request(null, TIMESTAMP, BODY)))
                .isInstanceOf(WebhookRejectedException.class)
                .satisfies(e -> assertThat(((WebhookRejectedException) e).reason()).isEqualTo(Reason.MISSING_SIGNATURE))
                .hasMessageContaining("X-Zendesk-Webhook-Signature header");
    }

    @Test
    void missingTimestampHeaderIsRejected() {
        assertThatThrownBy(() -> verifier.verify(request(SIGNATURE, null, BODY)))
                .isInstanceOf(WebhookRejectedException.class)
                .satisfies(e -> assertThat(((WebhookRejectedException) e).reason()).isEqualTo(Reason.MISSING_SIGNATURE))
                .hasMessageContaining("X-Zendesk-Webhook-Signature-Timestamp");
    }

    @Test
    void garbageSignatureIsRejected() {
        assertThatThrownBy(() -> verifier.verify(request("not base64 !!", TIMESTAMP, BODY)))
                .isInstanceOf(WebhookRejectedException.class)
                .satisfies(e -> assertThat(((WebhookRejectedException) e).reason()).isEqualTo(Reason.BAD_SIGNATURE));
    }

    @Test
    void timestampSixMinutesOldIsRejected() {
        clock.set(java.time.Instant.parse(TIMESTAMP).plus(Duration.ofMinutes(6)));
        assertThatThrownBy(() -> verifier.verify(request(SIGNATURE, TIMESTAMP, BODY)))
                .isInstanceOf(WebhookRejectedException.class)
                .satisfies(e -> assertThat(((WebhookRejectedException) e).reason()).isEqualTo(Reason.STALE_TIMESTAMP))
                .hasMessageContaining("360s from now");
    }

    @Test
    void timestampSixMinutesAheadIsRejected() {
        clock.set(java.time.Instant.parse(TIMESTAMP).minus(Duration.ofMinutes(6)));
        assertThatThrownBy(() -> verifier.verify(request(SIGNATURE, TIMESTAMP, BODY)))
                .isInstanceOf(WebhookRejectedException.class)
                .satisfies(e -> assertThat(((WebhookRejectedException) e).reason()).isEqualTo(Reason.STALE_TIMESTAMP));
    }

    @Test
    void timestampExactlyFiveMinutesOldIsAccepted() {
        clock.set(java.time.Instant.parse(TIMESTAMP).plus(Duration.ofMinutes(5)));
        verifier.verify(request(SIGNATURE, TIMESTAMP, BODY));
    }

    @Test
    void timestampBeyondTheRangeOfInstantsIsRejectedNotThrown() {
        String ts = "999999999999999999";
        String sig = WebhookSignature.signatureFor(new Secret(SECRET), ts, BODY.getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> verifier.verify(request(sig, ts, BODY)))
                .isInstanceOf(WebhookRejectedException.class)
                .satisfies(e -> assertThat(((WebhookRejectedException) e).reason()).isEqualTo(Reason.STALE_TIMESTAMP));
    }

    @Test
    void unreadableTimestampIsRejectedEvenWhenSigned() {
        String ts = "yesterday";
        String sig = WebhookSignature.signatureFor(new Secret(SECRET), ts, BODY.getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> verifier.verify(request(sig, ts, BODY)))
                .isInstanceOf(WebhookRejectedException.class)
                .satisfies(e -> assertThat(((WebhookRejectedException) e).reason()).isEqualTo(Reason.STALE_TIMESTAMP))
                .hasMessageContaining("not an ISO-8601 instant");
    }
}
