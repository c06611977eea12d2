package dev.deskbridge.connector.zendesk.webhook;

import dev.deskbridge.connector.api.config.Secret;
import dev.deskbridge.connector.api.error.WebhookRejectedException;
import dev.deskbridge.connector.api.error.WebhookRejectedException.Reason;
import dev.deskbridge.connector.api.webhook.WebhookRequest;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks a Zendesk webhook's signature: {@code X-Zendesk-Webhook-Signature} must be
 * base64(HMAC-SHA256(signing secret, timestamp + raw body)) with the timestamp from
 * {@code X-Zendesk-Webhook-Signature-Timestamp}, and that timestamp must lie within five minutes
 * of now (replays are refused). Runs before anything reads the body.
 */
public final class WebhookSignature {
    public static final String SIGNATURE_HEADER = "X-Zendesk-Webhook-Signature";
    public static final String TIMESTAMP_HEADER = "X-Zendesk-Webhook-Signature-Timestamp";
    /** How far the timestamp may be from now, either way. */
    public static final Duration TOLERANCE = Duration.ofMinutes(5);

    private final Secret secret;
    private final Clock clock;

    public WebhookSignature(Secret secret, Clock clock) {
        this.secret = Objects.requireNonNull(secret, "secret");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Accepts the request or says why not.
     *
     * @throws WebhookRejectedException with {@link Reason#MISSING_SIGNATURE}, {@link Reason#BAD_SIGNATURE}
     *     or {@link Reason#STALE_TIMESTAMP}
     */
    public void verify(WebhookRequest request) {
        String signature = request.header(SIGNATURE_HEADER).map(String::strip).filter(s -> !s.isEmpty())
                .orElseThrow(() -> new WebhookRejectedException(
                        "Zendesk webhook without the " + SIGNATURE_HEADER + " header",
                        Reason.MISSING_SIGNATURE));
        String timestamp = request.header(TIMESTAMP_HEADER).map(String::strip).filter(s -> !s.isEmpty())
                .orElseThrow(() -> new WebhookRejectedException(
                        "Zendesk webhook without the " + TIMESTAMP_HEADER + " header",
                        Reason.MISSING_SIGNATURE));
        byte[] expected = sign(secret, timestamp, request.body());
        byte[] given;
        try {
            given = Base64.getDecoder().decode(signature);
        } catch (IllegalArgumentException e) {
            throw new WebhookRejectedException("Zendesk webhook signature is not base64",
                    Reason.BAD_SIGNATURE, e);
        }
        if (!MessageDigest.isEqual(expected, given)) {
            throw new WebhookRejectedException("Zendesk webhook signature does not match the"
                    + " timestamp and body (is webhook_signing_secret the webhook's current secret?)", Reason.BAD_SIGNATURE);
        }
        Instant sent = parse(timestamp);
        Duration skew = Duration.between(sent, clock.instant()).abs();
        if (skew.compareTo(TOLERANCE) > 0) {
            throw new WebhookRejectedException("Zendesk webhook timestamp " + timestamp
                    + " is " + skew.toSeconds() + "s from now; at most " + TOLERANCE.toSeconds() + "s is accepted", Reason.STALE_TIMESTAMP);
        }
    }

    /** The signature Zendesk sends for this timestamp and body, base64 encoded. */
    public static String signatureFor(Secret secret, String timestamp, byte[] body) {
        return Base64.getEncoder().encodeToString(sign(secret, timestamp, body));
    }

    private static byte[] sign(Secret secret, String timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.reveal().getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update(timestamp.getBytes(StandardCharsets.UTF_8));
            return mac.doFinal(body);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable", e);
        }
    }

    private static Instant parse(String timestamp) {
        try {
            return Instant.parse(timestamp);
        } catch (DateTimeParseException e) {
            try {
                return Instant.ofEpochSecond(Long.parseLong(timestamp));
            } catch (NumberFormatException | DateTimeException n) {
                // Epoch seconds beyond Instant's range are as unusable as text that is no number.
                throw new WebhookRejectedException(
                        "Zendesk webhook timestamp '" + shorten(timestamp) + "' is not an ISO-8601 instant",
                        Reason.STALE_TIMESTAMP, e);
            }
        }
    }

    private static String shorten(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "...";
    }
}
