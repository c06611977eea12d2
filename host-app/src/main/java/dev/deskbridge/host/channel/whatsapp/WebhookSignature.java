package dev.deskbridge.host.channel.whatsapp;

import dev.deskbridge.connector.api.config.Secret;
import dev.deskbridge.connector.api.error.WebhookRejectedException;
import dev.deskbridge.connector.api.error.WebhookRejectedException.Reason;
import dev.deskbridge.connector.api.webhook.WebhookRequest;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Objects;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Meta's webhook signature: {@code X-Hub-Signature-256: sha256=<hex>}, the HMAC-SHA256 of the
 * exact raw body bytes keyed with the app secret. Checked before a single byte is parsed.
 */
final class WebhookSignature {
    static final String HEADER = "X-Hub-Signature-256";
    private static final String ALGORITHM = "HmacSHA256";
    private static final Pattern FORMAT = Pattern.compile("sha256=[0-9a-fA-F]{64}");

    private final SecretKeySpec key;

    WebhookSignature(Secret appSecret) {
        Objects.requireNonNull(appSecret, "appSecret");
        this.key = new SecretKeySpec(appSecret.reveal().getBytes(StandardCharsets.UTF_8), ALGORITHM);
    }

    /**
     * Accepts the request or says why not.
     *
     * @throws WebhookRejectedException with {@link Reason#MISSING_SIGNATURE} or
     *     {@link Reason#BAD_SIGNATURE}; the message never contains the expected value
     */
    void verify(WebhookRequest request) {
        String header = request.header(HEADER).map(String::trim).orElse("");
        if (header.isEmpty()) {
            throw new WebhookRejectedException(
                    "the webhook has no " + HEADER + " header; Meta signs every webhook it sends",
                    Reason.MISSING_SIGNATURE);
        }
        if (!FORMAT.matcher(header).matches()) {
            throw new WebhookRejectedException(HEADER + " is not of the form sha256=<64 hex digits>",
                    Reason.BAD_SIGNATURE);
        }
        byte[] given = HexFormat.of().parseHex(header.substring("sha256=".length()));
        byte[] expected = sign(request.body());
        if (!MessageDigest.isEqual(expected, given)) {
            throw new WebhookRejectedException(
                    HEADER + " does not match the body: it must be the HMAC-SHA256 of the raw body bytes "
                            + "keyed with the app secret (check the app_secret setting)",
                    Reason.BAD_SIGNATURE);
        }
    }

    /** The signature of a body, as Meta computes it; tests use it to sign their samples. */
    byte[] sign(byte[] body) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available in this JVM", e);
        }
    }

    /** The header value for a body ({@code sha256=<hex>}). */
    String headerValue(byte[] body) {
        return "sha256=" + HexFormat.of().formatHex(sign(body));
    }
}
