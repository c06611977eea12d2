package dev.deskbridge.host.testing;

import dev.deskbridge.connector.api.error.WebhookRejectedException;
import dev.deskbridge.connector.api.webhook.WebhookRequest;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC signatures as webhook senders make them: the test connectors' and Meta's
 * ({@code sha256=<hex>}), and the raw MAC other providers encode their own way.
 */
public final class Hmac {
    private Hmac() {}

    public static String sign(String secret, byte[] body) {
        return "sha256=" + HexFormat.of().formatHex(mac("HmacSHA256", secret, body));
    }

    /**
     * Checks a request's signature header before anything reads the body.
     *
     * @throws WebhookRejectedException when the header is missing or does not match
     */
    public static void verify(WebhookRequest request, String header, String secret) {
        String signature = request.header(header).orElseThrow(() -> new WebhookRejectedException(
                "no " + header + " header", WebhookRejectedException.Reason.MISSING_SIGNATURE));
        if (!matches(secret, request.body(), signature)) {
            throw new WebhookRejectedException("signature does not match the body",
                    WebhookRejectedException.Reason.BAD_SIGNATURE);
        }
    }

    public static boolean matches(String secret, byte[] body, String given) {
        return given != null && MessageDigest.isEqual(sign(secret, body).getBytes(StandardCharsets.UTF_8),
                given.getBytes(StandardCharsets.UTF_8));
    }

    /** The MAC ({@code HmacSHA256}, {@code HmacSHA1}) of the parts, one after the other, keyed by the UTF-8 secret. */
    public static byte[] mac(String algorithm, String secret, byte[]... parts) {
        try {
            Mac mac = Mac.getInstance(algorithm);
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), algorithm));
            for (byte[] part : parts) {
                mac.update(part);
            }
            return mac.doFinal();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
