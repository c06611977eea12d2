package dev.deskbridge.benchmarks;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.deskbridge.host.testing.Hmac;
import dev.deskbridge.host.testing.MetaWebhooks;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The product as users run it: {@code deskbridge run} in a JVM of its own (the host jar, -Xmx256m),
 * a generated configuration, the built Zendesk plugin from {@code plugins/}, the built-in WhatsApp
 * Cloud API channel; a Zendesk stand-in and a Cloud API stand-in in this JVM on loopback, each timing
 * its own request handling; signed webhooks over HTTP from 8 client threads.
 *
 * <p>Per round of N new customers: (1) each writes a first message, measured until Zendesk holds N
 * new tickets; (2) each writes again, until N more comments; (3) an agent answers each ticket (a
 * signed Zendesk webhook), until the Cloud API has N sends; (4) each send is reported delivered,
 * until Zendesk has N delivery updates. The first round runs on a cold host, the next on a warm one.
 *
 * <p>Usage (from the repository root, after {@code ./mvnw -B -q package -DskipTests}):
 * {@code java -cp benchmarks/target/benchmarks.jar dev.deskbridge.benchmarks.RealPathBenchmark
 * [customersPerRound=1000] [rounds=2] [clients=8] [timeoutSeconds=300]}
 */
// size: a benchmark read top to bottom: its host process, stand-ins, driver and figures belong to this one run.
public final class RealPathBenchmark {
    private static final String BUSINESS = "+15550001111";
    private static final String PHONE_NUMBER_ID = "106540352242922";
    private static final String APP_SECRET = "bench-meta-app-secret";
    private static final String ZENDESK_SECRET = "YmVuY2gtemVuZGVzay1zaWduaW5nLXNlY3JldA==";
    private static final long AGENT = 7001;
    private static final Pattern LISTENING = Pattern.compile("listening on http://127\\.0\\.0\\.1:(\\d+)");
    private static final Pattern TICKET_PATH = Pattern.compile("/api/v2/tickets/(\\d+)(/comments)?\\.json");
    private static final Pattern TO = Pattern.compile("\"to\"\\s*:\\s*\"\\+?(\\d+)\"");
    private static final Pattern EXTERNAL_ID = Pattern.compile("\"external_id\"\\s*:\\s*\"([^\"]+)\"");

    private RealPathBenchmark() {}

    public static void main(String[] args) throws Exception {
        System.setProperty("sun.net.httpserver.nodelay", "true");
        int perRound = arg(args, 0, 1000);
        int rounds = arg(args, 1, 2);
        int clients = arg(args, 2, 8);
        Duration timeout = Duration.ofSeconds(arg(args, 3, 300));
        Path root = Path.of("").toAbsolutePath();
        Path hostJar = root.resolve("host-app/target/deskbridge-host.jar");
        Path plugin = root.resolve("plugins/deskbridge-zendesk-0.1.0.jar");
        if (!Files.isRegularFile(hostJar) || !Files.isRegularFile(plugin)) {
            throw new IllegalStateException("build first: " + hostJar + " and " + plugin + " are needed");
        }
        Path home = Files.createTempDirectory("deskbridge-realpath");
        ZendeskFake zendesk = new ZendeskFake();
        MetaFake meta = new MetaFake();
        Files.createDirectories(home.resolve("plugins"));
        Files.copy(plugin, home.resolve("plugins").resolve(plugin.getFileName()));
        Path config = Files.writeString(home.resolve("deskbridge.yaml"), config(zendesk.url(), meta.url()));
        Path log = home.resolve("host.log");
        Path gcLog = home.resolve("gc.log");

        long started = System.nanoTime();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-Xlog:gc:file=" + gcLog, "-Ddeskbridge.home=" + home));
        // Extra options for the host JVM (a profiler, a class data archive): -Drealpath.hostJvm="-XX:... -XX:..."
        command.addAll(List.of(System.getProperty("realpath.hostJvm", "").split("\\s+"))
                .stream().filter(o -> !o.isBlank()).toList());
        command.addAll(List.of("-cp", hostJar.toString(), "dev.deskbridge.host.cli.DeskBridgeCli", "run", "--config",
                config.toString()));
        Process host = new ProcessBuilder(command)
                .redirectErrorStream(true).redirectOutput(log.toFile()).directory(home.toFile())
                .start();
        int port;
        try {
            port = awaitListening(host, log, started);
            System.out.printf("start-up to listening: %.0f ms%n", (System.nanoTime() - started) / 1e6);
            Driver driver = new Driver(port, clients);
            for (int round = 0; round < rounds; round++) {
                runRound(round, perRound, driver, zendesk, meta, timeout);
            }
            driver.close();
        } finally {
            host.destroy();
            host.waitFor();
            zendesk.server.stop(0);
            meta.server.stop(0);
        }
        System.out.printf("host heap: peak before a collection %s (limit -Xmx256m); host log %s%n",
                peakHeap(gcLog), log);
        // The stand-ins' request threads are not daemons.
        System.exit(0);
    }

    private static void runRound(int round, int n, Driver driver, ZendeskFake zendesk, MetaFake meta,
            Duration timeout) throws Exception {
        String label = round == 0 ? "cold" : "warm";
        List<String> customers = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            customers.add("+1201" + String.format("%07d", round * n + i));
        }
        // 1. New customers.
        Map<String, Long> before = zendesk.counts();
        long base = zendesk.created.sum();
        Phase p = driver.run(customers.stream().map(c -> (Runnable) () -> driver.meta(MetaWebhooks.text(
                "wamid.in-" + c.substring(1) + "-0", c, "Hello, where is my order?", Instant.now()))).toList(),
                () -> zendesk.created.sum() - base, n, timeout);
        report(label, "new-customer messages into Zendesk", p, n, zendesk, before);
        // 2. Known conversations.
        before = zendesk.counts();
        long comments = zendesk.customerComments.sum();
        p = driver.run(customers.stream().map(c -> (Runnable) () -> driver.meta(MetaWebhooks.text(
                "wamid.in-" + c.substring(1) + "-1", c, "Any news?", Instant.now()))).toList(),
                () -> zendesk.customerComments.sum() - comments, n, timeout);
        report(label, "known-conversation messages into Zendesk", p, n, zendesk, before);
        // 3. Agent replies out to WhatsApp.
        before = zendesk.counts();
        long sends = meta.sends.sum();
        List<Runnable> replies = new ArrayList<>();
        for (String c : customers) {
            long ticket = zendesk.ticketOf.get(c);
            replies.add(() -> driver.zendesk("{\"source\":\"deskbridge\",\"ticket_id\":\"" + ticket
                    + "\",\"comment_id\":\"" + (ticket * 10 + 1) + "\",\"updated_by\":\"" + AGENT + "\"}"));
        }
        p = driver.run(replies, () -> meta.sends.sum() - sends, n, timeout);
        report(label, "agent replies out to WhatsApp", p, n, zendesk, before);
        // 4. Deliveries back onto the tickets.
        before = zendesk.counts();
        long tags = zendesk.deliveryTags.sum();
        List<Runnable> statuses = new ArrayList<>();
        for (String c : customers) {
            String wamid = meta.wamidTo.get(c.substring(1));
            statuses.add(() -> driver.meta(MetaWebhooks.status(wamid, c, "delivered", Instant.now(), false,
                    "service", "free_customer_service")));
        }
        p = driver.run(statuses, () -> zendesk.deliveryTags.sum() - tags, n, timeout);
        report(label, "deliveries onto Zendesk tickets", p, n, zendesk, before);
        System.out.printf("  stand-ins' own handling: Zendesk %.3f ms/request (%d requests), Cloud API %.3f ms/request"
                + " (%d sends)%n", zendesk.handling.sum() / 1e6 / Math.max(1, zendesk.requests.sum()),
                zendesk.requests.sum(), meta.handling.sum() / 1e6 / Math.max(1, meta.sends.sum()), meta.sends.sum());
    }

    private static void report(String label, String what, Phase p, int n, ZendeskFake zendesk,
            Map<String, Long> before) {
        Map<String, Long> after = zendesk.counts();
        StringBuilder perEvent = new StringBuilder();
        after.forEach((kind, count) -> {
            long d = count - before.getOrDefault(kind, 0L);
            if (d > 0) {
                perEvent.append(String.format(" %s=%.2f", kind, (double) d / n));
            }
        });
        System.out.printf("%s %s: %d in %.1f s = %.0f/s%s; ack p50 %.1f ms, p99 %.1f ms, p999 %.1f ms, max %.1f ms;"
                + " Zendesk requests per event:%s%n", label, what, p.done, p.seconds, p.done / p.seconds,
                p.done < n ? " (TIMED OUT)" : "", p.pct(0.50), p.pct(0.99), p.pct(0.999), p.pct(1.0),
                perEvent.length() == 0 ? " none" : perEvent);
    }

    // ---- the driver: signed webhooks from N client threads

    private record Phase(long done, double seconds, long[] acks) {
        double pct(double p) {
            if (acks.length == 0) {
                return Double.NaN;
            }
            int i = (int) Math.min(acks.length - 1, Math.ceil(p * acks.length) - 1);
            return acks[Math.max(0, i)] / 1e6;
        }
    }

    private static final class Driver {
        private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        private final ExecutorService clients;
        private final URI metaUri;
        private final URI zendeskUri;
        private final List<Long> acks = Collections.synchronizedList(new ArrayList<>());

        Driver(int port, int clients) {
            this.clients = Executors.newFixedThreadPool(clients);
            this.metaUri = URI.create("http://127.0.0.1:" + port + "/webhooks/channels/wa-main");
            this.zendeskUri = URI.create("http://127.0.0.1:" + port + "/webhooks/crms/zendesk-main");
        }

        Phase run(List<Runnable> sends, LongSupplier progress, int expected, Duration timeout) throws Exception {
            acks.clear();
            long start = System.nanoTime();
            List<Future<?>> futures = new ArrayList<>();
            for (Runnable s : sends) {
                futures.add(clients.submit(s));
            }
            for (Future<?> f : futures) {
                f.get();
            }
            long deadline = start + timeout.toNanos();
            while (progress.getAsLong() < expected && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            long[] sorted;
            synchronized (acks) {
                sorted = acks.stream().mapToLong(Long::longValue).sorted().toArray();
            }
            return new Phase(progress.getAsLong(), seconds, sorted);
        }

        void meta(String json) {
            post(metaUri, json, Map.of("X-Hub-Signature-256", Hmac.sign(APP_SECRET, json.getBytes(StandardCharsets.UTF_8))));
        }

        void zendesk(String json) {
            String timestamp = Instant.now().toString();
            String signature = Base64.getEncoder().encodeToString(Hmac.mac("HmacSHA256", ZENDESK_SECRET,
                    timestamp.getBytes(StandardCharsets.UTF_8), json.getBytes(StandardCharsets.UTF_8)));
            post(zendeskUri, json, Map.of("X-Zendesk-Webhook-Signature", signature,
                    "X-Zendesk-Webhook-Signature-Timestamp", timestamp));
        }

        private void post(URI uri, String json, Map<String, String> headers) {
            HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
            headers.forEach(b::header);
            long t0 = System.nanoTime();
            try {
                HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() != 200) {
                    throw new IllegalStateException("webhook answered " + r.statusCode() + ": " + r.body());
                }
            } catch (IOException e) {
                throw new IllegalStateException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            acks.add(System.nanoTime() - t0);
        }

        void close() {
            clients.shutdownNow();
        }
    }

    // ---- the stand-ins

    /** The Zendesk API as the plugin uses it, counted by kind, timing its own handling. */
    private static final class ZendeskFake {
        final HttpServer server;
        final Map<String, LongAdder> byKind = new ConcurrentHashMap<>();
        final Map<String, Long> ticketOf = new ConcurrentHashMap<>();
        final Map<Long, Long> requesterOf = new ConcurrentHashMap<>();
        final LongAdder created = new LongAdder();
        final LongAdder customerComments = new LongAdder();
        final LongAdder deliveryTags = new LongAdder();
        final LongAdder requests = new LongAdder();
        final LongAdder handling = new LongAdder();
        final AtomicLong ids = new AtomicLong(100_000);
        final Map<Long, String> phoneOf = new ConcurrentHashMap<>();
        final Map<Long, String> conversationOf = new ConcurrentHashMap<>();

        ZendeskFake() throws IOException {
            server = serve(this::answer, handling);
        }

        String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort();
        }

        Map<String, Long> counts() {
            Map<String, Long> m = new TreeMap<>();
            byKind.forEach((k, v) -> m.put(k, v.sum()));
            return m;
        }

        private void count(String kind) {
            byKind.computeIfAbsent(kind, k -> new LongAdder()).increment();
        }

        private String answer(String method, String path, String body) {
            requests.increment();
            Matcher m;
            if (method.equals("POST") && path.equals("/api/v2/users/create_or_update.json")) {
                count("user create_or_update");
                String phone = group(EXTERNAL_ID, body);
                long user = ids.incrementAndGet();
                phoneOf.put(user, phone);
                return "{\"user\":{\"id\":" + user + ",\"name\":\"Customer\",\"role\":\"end-user\","
                        + "\"external_id\":\"" + phone + "\",\"phone\":\"" + phone + "\"}}";
            }
            if (method.equals("POST") && path.equals("/api/v2/tickets.json")) {
                count("ticket create");
                long id = ids.incrementAndGet();
                long requester = Long.parseLong(body.replaceAll("(?s).*\"requester_id\":(\\d+).*", "$1"));
                requesterOf.put(id, requester);
                conversationOf.put(id, group(EXTERNAL_ID, body));
                ticketOf.put(phoneOf.get(requester), id);
                created.increment();
                return "{\"ticket\":" + ticket(id, requester) + "}";
            }
            if (method.equals("GET") && path.equals("/api/v2/tickets.json")) {
                count("tickets by external_id");
                return "{\"tickets\":[],\"next_page\":null,\"previous_page\":null,\"count\":0}";
            }
            if ((m = TICKET_PATH.matcher(path)).matches()) {
                long id = Long.parseLong(m.group(1));
                long requester = requesterOf.getOrDefault(id, 1L);
                if (method.equals("PUT")) {
                    if (body.contains("\"comment\"")) {
                        count("ticket update with comment");
                        customerComments.increment();
                    } else if (body.contains("wa_delivered")) {
                        count("ticket update (delivery tag)");
                        deliveryTags.increment();
                    } else {
                        count("ticket update (other)");
                    }
                    return "{\"ticket\":" + ticket(id, requester) + "}";
                }
                if (m.group(2) != null) {
                    count("comments read");
                    return "{\"comments\":[{\"id\":" + (id * 10 + 1) + ",\"type\":\"Comment\",\"author_id\":" + AGENT
                            + ",\"body\":\"It ships today.\",\"public\":true,\"attachments\":[],"
                            + "\"created_at\":\"2026-09-01T11:00:00Z\"}],\"next_page\":null,\"previous_page\":null,"
                            + "\"count\":1}";
                }
                count("ticket read");
                return "{\"ticket\":" + ticket(id, requester) + "}";
            }
            if (method.equals("GET") && path.equals("/api/v2/users/" + AGENT + ".json")) {
                count("agent read");
                return "{\"user\":{\"id\":" + AGENT + ",\"name\":\"Bea Agent\",\"role\":\"agent\"}}";
            }
            count("other " + method + " " + path);
            return null;
        }

        private String ticket(long id, long requester) {
            return "{\"id\":" + id + ",\"external_id\":\"" + conversationOf.getOrDefault(id, "") + "\",\"status\":\"open\",\"subject\":\"WhatsApp\","
                    + "\"requester_id\":" + requester + ",\"tags\":[\"whatsapp\"],\"custom_fields\":[]}";
        }
    }

    /** The Cloud API's send endpoint: every send accepted with a wamid, timing its own handling. */
    private static final class MetaFake {
        final HttpServer server;
        final LongAdder sends = new LongAdder();
        final LongAdder handling = new LongAdder();
        final Map<String, String> wamidTo = new ConcurrentHashMap<>();
        final AtomicLong ids = new AtomicLong();

        MetaFake() throws IOException {
            server = serve((method, path, body) -> {
                if (!path.endsWith("/messages")) {
                    return null;
                }
                String wamid = "wamid.out-" + ids.incrementAndGet();
                String to = group(TO, body);
                wamidTo.put(to, wamid);
                sends.increment();
                return "{\"messaging_product\":\"whatsapp\",\"contacts\":[{\"input\":\"" + to + "\",\"wa_id\":\"" + to
                        + "\"}],\"messages\":[{\"id\":\"" + wamid + "\"}]}";
            }, handling);
        }

        String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort();
        }
    }

    @FunctionalInterface
    private interface Answer {
        String answer(String method, String path, String body) throws IOException;
    }

    private static HttpServer serve(Answer answer, LongAdder handling) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 256);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/", exchange -> handle(exchange, answer, handling));
        server.start();
        return server;
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

    private static String config(String zendesk, String meta) {
        return """
                host:
                  public_base_url: https://bridge.example.test
                  http: { bind: 127.0.0.1, port: 0, max_body_bytes: 1048576 }
                database:
                  url: jdbc:h2:file:${DATA}/deskbridge
                  user: sa
                channels:
                  - id: wa-main
                    type: whatsapp-cloud
                    config:
                      phone_number_id: "%s"
                      business_number: "%s"
                      access_token: bench-access-token-0123456789
                      app_secret: %s
                      verify_token: bench-verify-token
                      base_url: %s
                crms:
                  - id: zendesk-main
                    type: zendesk
                    config:
                      url: %s
                      email: whatsapp-bot@acme.example
                      api_token: bench-zendesk-api-token-0123
                      webhook_signing_secret: %s
                      window_field_id: 360001
                      cost_field_id: 360002
                      requests_per_minute: 100000
                routes:
                  - channel: wa-main
                    crm: zendesk-main
                    policy: refuse
                """.formatted(PHONE_NUMBER_ID, BUSINESS, APP_SECRET, meta, zendesk, ZENDESK_SECRET)
                .replace("${DATA}", "./data");
    }

    private static int awaitListening(Process host, Path log, long started) throws Exception {
        while (System.nanoTime() - started < Duration.ofSeconds(120).toNanos()) {
            String out = Files.exists(log) ? Files.readString(log) : "";
            Matcher m = LISTENING.matcher(out);
            if (m.find()) {
                return Integer.parseInt(m.group(1));
            }
            if (!host.isAlive()) {
                throw new IllegalStateException("host exited " + host.exitValue() + ":\n" + out);
            }
            Thread.sleep(2);
        }
        throw new IllegalStateException("host not listening after 120 s; log: " + log);
    }

    /** The largest heap in use before a collection, from the host's GC log. */
    private static String peakHeap(Path gcLog) throws IOException {
        if (!Files.exists(gcLog)) {
            return "unknown (no GC log)";
        }
        Matcher m = Pattern.compile("(\\d+)M->(\\d+)M\\((\\d+)M\\)").matcher(Files.readString(gcLog));
        long peak = -1;
        int collections = 0;
        while (m.find()) {
            peak = Math.max(peak, Long.parseLong(m.group(1)));
            collections++;
        }
        return peak < 0 ? "unknown (no collection)" : peak + " MB over " + collections + " collections";
    }

    private static String group(Pattern p, String s) {
        Matcher m = p.matcher(s);
        return m.find() ? m.group(1) : "";
    }

    private static int arg(String[] args, int i, int fallback) {
        return args.length > i ? Integer.parseInt(args[i]) : fallback;
    }
}
