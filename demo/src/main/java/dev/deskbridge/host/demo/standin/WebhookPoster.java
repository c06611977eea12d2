package dev.deskbridge.host.demo.standin;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * Delivers a stand-in's webhook to the host, as the provider would: one POST of the exact bytes
 * that were signed. Waits for the answer, so the demo knows the host stored the event.
 */
public final class WebhookPoster {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(TIMEOUT).build();

    /** The host's answer to one delivery. */
    public record Answer(int status, String body) {
        public Answer {
            Objects.requireNonNull(body, "body");
        }

        public boolean accepted() {
            return status / 100 == 2;
        }
    }

    /**
     * POSTs {@code body} to {@code url} with the headers given.
     *
     * @throws IllegalStateException when the host cannot be reached
     */
    public Answer post(String url, byte[] body, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(request::header);
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new IllegalStateException("cannot deliver a webhook to " + url + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while delivering a webhook to " + url, e);
        }
    }
}
