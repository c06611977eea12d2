package dev.deskbridge.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.Test;

/** The stand-ins keep a creation's answer under its Idempotency-Key, as Zendesk does. */
class StandInServerTest {
    private final HttpClient client = HttpClient.newHttpClient();

    @Test
    void aRepeatedIdempotencyKeyGetsTheFirstAnswerWithoutCreatingAgain() throws Exception {
        AtomicInteger created = new AtomicInteger();
        StandInServer server = StandInServer.serve((method, path, body) -> "{\"ticket\":{\"id\":" + created.incrementAndGet()
                + "}}", new LongAdder());
        try (server) {
            HttpResponse<String> first = post(server, "k-1");
            HttpResponse<String> again = post(server, "k-1");
            HttpResponse<String> other = post(server, "k-2");
            HttpResponse<String> keyless = post(server, null);

            assertThat(first.headers().firstValue("x-idempotency-lookup")).contains("miss");
            assertThat(again.headers().firstValue("x-idempotency-lookup")).contains("hit");
            assertThat(again.body()).isEqualTo(first.body()).isEqualTo("{\"ticket\":{\"id\":1}}");
            assertThat(other.body()).isEqualTo("{\"ticket\":{\"id\":2}}");
            assertThat(keyless.body()).isEqualTo("{\"ticket\":{\"id\":3}}");
            assertThat(created).hasValue(3);
        }
    }

    @Test
    void anAnswerSeesThePathWithoutItsQueryAndNoAnswerIsA404() throws Exception {
        java.util.List<String> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (StandInServer server = StandInServer.serve((method, path, body) -> {
            seen.add(method + " " + path + " " + body);
            return path.endsWith("/comments.json") ? "{\"comments\":[]}" : null;
        }, new LongAdder())) {
            HttpResponse<String> comments = client.send(HttpRequest.newBuilder(
                    URI.create(server.url() + "/api/v2/tickets/7/comments.json?include=users")).build(),
                    HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> unknown = client.send(HttpRequest.newBuilder(URI.create(server.url() + "/nowhere"))
                    .PUT(HttpRequest.BodyPublishers.ofString("{\"x\":1}")).build(), HttpResponse.BodyHandlers.ofString());

            assertThat(comments.statusCode()).isEqualTo(200);
            assertThat(comments.body()).isEqualTo("{\"comments\":[]}");
            assertThat(comments.headers().firstValue("content-type")).contains("application/json; charset=utf-8");
            assertThat(unknown.statusCode()).isEqualTo(404);
            assertThat(unknown.body()).contains("InvalidEndpoint");
            assertThat(seen).containsExactly("GET /api/v2/tickets/7/comments.json ", "PUT /nowhere {\"x\":1}");
        }
    }

    private HttpResponse<String> post(StandInServer server, String key) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.url() + "/api/v2/tickets.json"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"ticket\":{}}"));
        if (key != null) {
            request.header("Idempotency-Key", key);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
