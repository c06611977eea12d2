package dev.deskbridge.connector.api.webhook;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A webhook request exactly as it arrived: the raw body bytes are untouched, so signatures can be
 * checked over them.
 *
 * @param method the HTTP method
 * @param publicUrl the URL the provider called, as configured publicly (Twilio signs over it),
 *     including the query string
 * @param headers request headers; looked up case-insensitively with {@link #header(String)}
 * @param query query parameters
 * @param body the raw body bytes
 * @param receivedAt when the host received it
 */
public record WebhookRequest(String method, String publicUrl, Map<String, List<String>> headers,
        Map<String, List<String>> query, byte[] body, Instant receivedAt) {

    public WebhookRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(publicUrl, "publicUrl");
        Objects.requireNonNull(headers, "headers");
        Objects.requireNonNull(query, "query");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(receivedAt, "receivedAt");
        TreeMap<String, List<String>> h = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.forEach((k, v) -> h.put(k.toLowerCase(Locale.ROOT), List.copyOf(v)));
        headers = java.util.Collections.unmodifiableMap(h);
        query = Map.copyOf(query);
        body = body.clone();
    }

    /** The raw body; a copy. */
    @Override
    public byte[] body() {
        return body.clone();
    }

    /** The body decoded as UTF-8. */
    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** The first value of a header, case-insensitively. */
    public Optional<String> header(String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    /** The first value of a query parameter. */
    public Optional<String> queryParam(String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    @Override
    public String toString() {
        return "WebhookRequest[" + method + " " + publicUrl + ", " + body.length + " bytes]";
    }
}
