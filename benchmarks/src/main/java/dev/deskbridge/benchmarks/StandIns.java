package dev.deskbridge.benchmarks;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.LongAdder;

/**
 * The providers' stand-ins of the real-path benchmarks: JDK HTTP servers on 127.0.0.1 answering
 * JSON, each timing its own handling so a run can show the stand-in is not what limits it.
 */
final class StandIns {
    private StandIns() {}

    /** A stand-in's answer to one request: the JSON body, or null for a 404. */
    @FunctionalInterface
    interface Answer {
        String answer(String method, String path, String body) throws IOException;
    }

    /** Serves every path on an ephemeral loopback port from 4 threads; handling time goes to {@code handling}. */
    static HttpServer serve(Answer answer, LongAdder handling) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 256);
        server.setExecutor(Executors.newFixedThreadPool(4));
        Map<String, Optional<String>> byIdempotencyKey = new ConcurrentHashMap<>();
        server.createContext("/", exchange -> handle(exchange, answer, handling, byIdempotencyKey));
        server.start();
        return server;
    }

    static String url(HttpServer server) {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private static void handle(HttpExchange exchange, Answer answer, LongAdder handling,
            Map<String, Optional<String>> byIdempotencyKey) throws IOException {
        try (exchange) {
            String body;
            try (InputStream in = exchange.getRequestBody()) {
                body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            long t0 = System.nanoTime();
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getPath();
            // Zendesk keeps a creation's answer under its Idempotency-Key and gives it again to a request
            // with the same key (x-idempotency-lookup: hit) instead of creating twice; as here, so that a
            // retry of the host's is counted as Zendesk would count it.
            String key = method.equals("POST") ? exchange.getRequestHeaders().getFirst("Idempotency-Key") : null;
            boolean[] madeHere = {false};
            String json = key == null ? answer.answer(method, path, body)
                    : byIdempotencyKey.computeIfAbsent(path + " " + key, k -> {
                        madeHere[0] = true;
                        try {
                            return Optional.ofNullable(answer.answer(method, path, body));
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    }).orElse(null);
            byte[] bytes = (json == null ? "{\"error\":\"InvalidEndpoint\"}" : json).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
            // A key's first use is a miss; a repeat gets the answer kept for it.
            exchange.getResponseHeaders().set("x-idempotency-lookup", key != null && !madeHere[0] ? "hit" : "miss");
            exchange.sendResponseHeaders(json == null ? 404 : (exchange.getRequestMethod().equals("POST") ? 201 : 200),
                    bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
            handling.add(System.nanoTime() - t0);
        }
    }
}
