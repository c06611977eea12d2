package dev.deskbridge.connector.twilio.rest;

import dev.deskbridge.connector.api.error.WebhookRejectedException;
import dev.deskbridge.connector.api.error.WebhookRejectedException.Reason;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** Reads an {@code application/x-www-form-urlencoded} body, the way Twilio posts its webhooks. */
final class FormBody {
    private FormBody() {}

    /**
     * The parameters, in body order.
     *
     * @throws WebhookRejectedException (malformed body) for a bad escape or a repeated name, which
     *     Twilio never sends and its signature scheme cannot cover
     */
    static Map<String, String> parse(byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8);
        Map<String, String> params = new LinkedHashMap<>();
        if (text.isBlank()) {
            return params;
        }
        for (String pair : text.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            if (params.putIfAbsent(name, value) != null) {
                throw new WebhookRejectedException(
                        "form body repeats parameter '" + name + "'; Twilio sends each parameter once",
                        Reason.MALFORMED_BODY);
            }
        }
        return Collections.unmodifiableMap(params);
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new WebhookRejectedException(
                    "form body is not valid application/x-www-form-urlencoded: " + e.getMessage(),
                    Reason.MALFORMED_BODY, e);
        }
    }
}
