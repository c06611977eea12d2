package dev.deskbridge.benchmarks;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
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
        server.createContext("/", exchange -> handle(exchange, answer, handling));
        server.start();
        return server;
    }

    static String url(HttpServer server) {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private static void handle(HttpExchange exchange, Answer answer, LongAdder handling) throws IOException {
        try (exchange) {
            String body;
            try (InputStream in = exchange.getRequestBody()) {
                body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            long t0 = System.nanoTime();
            String json = answer.answer(exchange.getRequestMethod(), exchange.getRequestURI().getPath(), body);
            byte[] bytes = (json == null ? "{\"error\":\"InvalidEndpoint\"}" : json).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
            // Zendesk's answer to a ticket creation with an Idempotency-Key: a first use is a miss.
            exchange.getResponseHeaders().set("x-idempotency-lookup", "miss");
            exchange.sendResponseHeaders(json == null ? 404 : (exchange.getRequestMethod().equals("POST") ? 201 : 200),
                    bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
            handling.add(System.nanoTime() - t0);
        }
    }
}
