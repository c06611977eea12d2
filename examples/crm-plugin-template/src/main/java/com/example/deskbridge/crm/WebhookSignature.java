package com.example.deskbridge.crm;

import dev.deskbridge.connector.api.config.Secret;
import dev.deskbridge.connector.api.error.WebhookRejectedException;
import dev.deskbridge.connector.api.error.WebhookRejectedException.Reason;
import dev.deskbridge.connector.api.webhook.WebhookRequest;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks a webhook is from the CRM and fresh, before a byte of it is parsed:
 * {@code X-Crm-Signature: sha256=<hex HMAC-SHA256(secret, timestamp + "." + raw body)>} and
 * {@code X-Crm-Timestamp} (epoch seconds) within {@link #TOLERANCE} of the context clock. Signing
 * the timestamp too means a captured request cannot be replayed later with a new timestamp.
 */
final class WebhookSignature {
    // TEMPLATE: your CRM's header names, prefix and signed string.
    static final String SIGNATURE_HEADER = "X-Crm-Signature";
    static final String TIMESTAMP_HEADER = "X-Crm-Timestamp";
    static final Duration TOLERANCE = Duration.ofMinutes(5);
    private static final String PREFIX = "sha256=";

    private final Secret secret;
    private final Clock clock;

    WebhookSignature(Secret secret, Clock clock) {
        this.secret = Objects.requireNonNull(secret, "secret");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Throws unless the request is signed with our secret and recent. */
    void verify(WebhookRequest request) {
        String signature = request.header(SIGNATURE_HEADER).orElseThrow(() -> new WebhookRejectedException(
                "webhook without " + SIGNATURE_HEADER + " header", Reason.MISSING_SIGNATURE));
        String timestamp = request.header(TIMESTAMP_HEADER).orElseThrow(() -> new WebhookRejectedException(
                "webhook without " + TIMESTAMP_HEADER + " header", Reason.MISSING_SIGNATURE));
        if (!signature.startsWith(PREFIX)) {
            throw new WebhookRejectedException(SIGNATURE_HEADER + " does not start with sha256=", Reason.BAD_SIGNATURE);
        }
        byte[] expected = sign(secret, timestamp, request.body()).getBytes(StandardCharsets.US_ASCII);
        byte[] given = signature.substring(PREFIX.length()).trim().toLowerCase(java.util.Locale.ROOT)
                .getBytes(StandardCharsets.US_ASCII);
        // Constant time: a plain equals leaks how many leading characters matched.
        if (!MessageDigest.isEqual(expected, given)) {
            throw new WebhookRejectedException(SIGNATURE_HEADER + " does not match the body", Reason.BAD_SIGNATURE);
        }
        // Checked after the signature, so an attacker cannot learn anything from the timestamp answer.
        Instant sent;
        try {
            sent = Instant.ofEpochSecond(Long.parseLong(timestamp.trim()));
        } catch (NumberFormatException | DateTimeException e) {
            // Beyond Instant's range (999999999999999999) is as unusable as no number at all.
            throw new WebhookRejectedException(TIMESTAMP_HEADER + " is not epoch seconds", Reason.STALE_TIMESTAMP);
        }
        if (Duration.between(sent, clock.instant()).abs().compareTo(TOLERANCE) > 0) {
            throw new WebhookRejectedException(
                    TIMESTAMP_HEADER + " " + sent + " is more than " + TOLERANCE.toMinutes() + " minutes from now",
                    Reason.STALE_TIMESTAMP);
        }
    }

    /** Hex HMAC-SHA256 of {@code timestamp + "." + body}; tests sign their sample webhooks with it. */
    static String sign(Secret secret, String timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.reveal().getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((timestamp + ".").getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
