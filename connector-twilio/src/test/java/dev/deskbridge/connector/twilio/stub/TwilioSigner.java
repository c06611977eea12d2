package dev.deskbridge.connector.twilio.stub;

import com.twilio.security.RequestValidator;
import dev.deskbridge.connector.api.webhook.WebhookRequest;
import dev.deskbridge.connector.testkit.WebhookRequests;
import java.lang.reflect.Method;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Signs webhooks the way Twilio does, with the SDK's own signing logic (the private
 * {@code RequestValidator#getValidationSignature} its {@code validate} checks against).
 */
public final class TwilioSigner {
    private TwilioSigner() {}

    /** The {@code X-Twilio-Signature} Twilio sends for this URL and these POST parameters. */
    public static String signature(String authToken, String url, Map<String, String> params) {
        try {
            Method m = RequestValidator.class.getDeclaredMethod("getValidationSignature", String.class, Map.class);
            m.setAccessible(true);
            return (String) m.invoke(new RequestValidator(authToken), url, params);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("the SDK's signing method moved", e);
        }
    }

    /** A form-encoded POST as Twilio sends it, signed with {@code authToken}. */
    public static WebhookRequest signedForm(String authToken, String url, Map<String, String> params) {
        return form(url, params).header("X-Twilio-Signature", signature(authToken, url, params)).build();
    }

    /** The same POST without a signature, to be completed by the caller; a query in {@code url} is its query. */
    public static WebhookRequests form(String url, Map<String, String> params) {
        String body = params.entrySet().stream()
                .map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
                .collect(Collectors.joining("&"));
        WebhookRequests request = WebhookRequests.post(url)
                .header("Content-Type", "application/x-www-form-urlencoded; charset=UTF-8")
                .header("I-Twilio-Idempotency-Token", "f5d1b1e0-5b2a-4d8e-9f63-0f7d5c8a6f11")
                .body(body);
        int q = url.indexOf('?');
        if (q >= 0) {
            for (String pair : url.substring(q + 1).split("&")) {
                String[] kv = pair.split("=", 2);
                request.query(URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
                        kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
            }
        }
        return request;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
