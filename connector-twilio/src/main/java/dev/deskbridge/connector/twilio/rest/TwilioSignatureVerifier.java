package dev.deskbridge.connector.twilio.rest;

import com.twilio.security.RequestValidator;
import dev.deskbridge.connector.api.ConnectorMetrics;
import dev.deskbridge.connector.api.config.Secret;
import dev.deskbridge.connector.api.error.WebhookRejectedException;
import dev.deskbridge.connector.api.error.WebhookRejectedException.Reason;
import dev.deskbridge.connector.api.webhook.WebhookRequest;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Checks {@code X-Twilio-Signature} with the SDK's {@link RequestValidator}: HMAC-SHA1 with the
 * auth token over the URL Twilio called (the host's public URL, query included) followed by the
 * POST parameters sorted by name. Used for both the WhatsApp channel's and the Conversations'
 * webhooks. Thread-safe.
 */
public final class TwilioSignatureVerifier {
    static final String HEADER = "X-Twilio-Signature";

    private final RequestValidator validator;
    private final ConnectorMetrics metrics;
    private final String[] tags;

    /**
     * @param metrics where rejections are counted ({@code webhooks_rejected}, tagged with the reason)
     * @param tags the extension's tags, for example {@code channel, twilio-whatsapp}
     */
    public TwilioSignatureVerifier(Secret authToken, ConnectorMetrics metrics, String... tags) {
        this.validator = new RequestValidator(authToken.reveal());
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.tags = tags.clone();
    }

    /**
     * Verifies the request and only then hands out its parameters.
     *
     * @return the form parameters of a POST (the query's for a GET), in body order
     * @throws WebhookRejectedException when the signature is missing or wrong, or the body is not a
     *     form; nothing of the request may be used then
     */
    public Map<String, String> verifiedParameters(WebhookRequest request) {
        try {
            return verify(request);
        } catch (WebhookRejectedException e) {
            String[] tagged = Arrays.copyOf(tags, tags.length + 2);
            tagged[tags.length] = "reason";
            tagged[tags.length + 1] = e.reason().name();
            metrics.increment("webhooks_rejected", tagged);
            throw e;
        }
    }

    /**
     * The parameters of a request this verifier accepted earlier (a stored webhook read again in a
     * worker), read as {@link #verifiedParameters} reads them.
     */
    public static Map<String, String> parametersOfVerified(WebhookRequest request) {
        return "POST".equalsIgnoreCase(request.method()) ? FormBody.parse(request.body()) : flatQuery(request);
    }

    private Map<String, String> verify(WebhookRequest request) {
        String signature = request.header(HEADER).map(String::trim).filter(s -> !s.isEmpty())
                .orElseThrow(() -> new WebhookRejectedException(
                        "the " + HEADER + " header is missing; Twilio signs every webhook",
                        Reason.MISSING_SIGNATURE));
        boolean post = "POST".equalsIgnoreCase(request.method());
        if (post && !isForm(request)) {
            throw new WebhookRejectedException("expected an application/x-www-form-urlencoded body, got "
                            + request.header("Content-Type").orElse("no Content-Type"),
                    Reason.UNSUPPORTED_REQUEST);
        }
        // A GET carries its parameters in the signed URL itself.
        Map<String, String> params = post ? FormBody.parse(request.body()) : Map.of();
        if (!validator.validate(request.publicUrl(), params, signature)) {
            throw new WebhookRejectedException(HEADER
                    + " does not match the URL " + request.publicUrl() + " and the parameters sent;"
                    + " check the auth_token setting and the host's public base URL", Reason.BAD_SIGNATURE);
        }
        return post ? params : flatQuery(request);
    }

    private static boolean isForm(WebhookRequest request) {
        return request.header("Content-Type")
                .map(ct -> ct.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded"))
                .orElse(request.body().length == 0);
    }

    private static Map<String, String> flatQuery(WebhookRequest request) {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        request.query().forEach((k, vs) -> {
            if (!vs.isEmpty()) {
                out.put(k, vs.get(0));
            }
        });
        return out;
    }
}
