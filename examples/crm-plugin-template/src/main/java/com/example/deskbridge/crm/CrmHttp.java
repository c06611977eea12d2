package com.example.deskbridge.crm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.deskbridge.connector.api.config.Secret;
import dev.deskbridge.connector.api.error.ConfigurationException;
import dev.deskbridge.connector.api.error.PermanentException;
import dev.deskbridge.connector.api.error.RetryAfter;
import dev.deskbridge.connector.api.error.RetryableException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * JSON POSTs to the CRM, with every failure classified the way the host needs: retryable (it
 * retries later, honouring Retry-After), configuration (an operator must fix a setting) or
 * permanent (retrying cannot help).
 */
final class CrmHttp {
    static final ObjectMapper JSON = new ObjectMapper();

    private final String baseUrl;
    private final Secret apiKey;
    private final Duration timeout;
    private final HttpClient client;

    CrmHttp(String baseUrl, Secret apiKey, Duration timeout) {
        this.baseUrl = stripSlash(Objects.requireNonNull(baseUrl, "baseUrl"));
        this.apiKey = Objects.requireNonNull(apiKey, "apiKey");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        // No network here: building a client opens no connection, so sessions open offline.
        this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout).build();
    }

    String baseUrl() {
        return baseUrl;
    }

    /** POSTs {@code body} to {@code path}; the answer's JSON (an empty object when there is none). */
    JsonNode post(String path, JsonNode body) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(timeout)
                // TEMPLATE: your CRM's authentication. The key is never logged or put in a message.
                .header("Authorization", "Bearer " + apiKey.reveal())
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                .build();
        HttpResponse<String> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            // Network trouble is usually passing: let the host retry.
            throw new RetryableException("CRM unreachable on POST " + path + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RetryableException("interrupted on POST " + path, e);
        }
        return answer(path, response.statusCode(), response.body(),
                response.headers().firstValue("Retry-After").orElse(null));
    }

    // TEMPLATE: adjust if your CRM signals errors differently (e.g. 200 with an "error" field).
    static JsonNode answer(String path, int status, String body, String retryAfter) {
        if (status == 429 || status >= 500) {
            throw new RetryableException("CRM answered " + status + " on POST " + path, retryAfter(retryAfter), null);
        }
        if (status == 401 || status == 403) {
            // Retrying with the same key cannot succeed: name the setting the operator must fix.
            throw new ConfigurationException(
                    "CRM refused the api_key (HTTP " + status + ") on POST " + path, String.valueOf(status),
                    JsonCrmConnector.API_KEY, null);
        }
        if (status >= 400) {
            throw new PermanentException("CRM refused POST " + path + " (HTTP " + status + "): " + abbreviate(body),
                    String.valueOf(status), null);
        }
        try {
            return body == null || body.isBlank() ? JSON.createObjectNode() : JSON.readTree(body);
        } catch (IOException e) {
            throw new PermanentException("CRM answered POST " + path + " with something that is not JSON");
        }
    }

    /**
     * Retry-After in seconds or as an HTTP date, read as every DeskBridge connector reads it (capped at
     * an hour); garbage is ignored, and the host then uses its own backoff.
     */
    static Duration retryAfter(String header) {
        return RetryAfter.parse(header, Instant.now()).orElse(null);
    }

    private static String abbreviate(String body) {
        String b = body == null ? "" : body;
        return b.length() > 300 ? b.substring(0, 300) + "..." : b;
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
