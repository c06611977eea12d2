package dev.deskbridge.benchmarks;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.deskbridge.connector.api.config.Secret;
import dev.deskbridge.connector.api.model.SendResult;
import dev.deskbridge.connector.api.pricing.TemplateCategory;
import dev.deskbridge.host.config.DatabaseConfig;
import dev.deskbridge.host.config.HostConfig;
import dev.deskbridge.host.config.HttpConfig;
import dev.deskbridge.host.config.PricingConfig;
import dev.deskbridge.host.config.ReengageTemplate;
import dev.deskbridge.host.config.ReplyPolicy;
import dev.deskbridge.host.config.RouteConfig;
import dev.deskbridge.host.engine.ConnectorSessions;
import dev.deskbridge.host.engine.EngineSettings;
import dev.deskbridge.host.pricing.PricingRulesFactory;
import dev.deskbridge.host.runtime.BridgeHost;
import dev.deskbridge.host.testing.Hmac;
import dev.deskbridge.host.testing.HttpJsonCrm;
import dev.deskbridge.host.testing.TestChannel;
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
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

// size: a benchmark read top to bottom: its stubs, driver and figures belong to this one run.
/**
 * End-to-end load on the real host: HTTP server, embedded H2 file database, engine. Stub CRM and
 * channel servers listen on loopback; the host's CRM connector talks JSON over HTTP to the CRM stub
 * and its channel posts every send to the channel stub. The driver sends, per customer, a signed
 * customer message; when the CRM stub sees it on a ticket, a signed agent reply; when the channel
 * stub sees the send, a signed "delivered" status. Every request goes to 127.0.0.1; the run is
 * bounded by count and time.
 *
 * <p>Prints events per second end to end (3 webhooks per customer, from the first request until the
 * CRM has recorded the last delivery) and the webhook acknowledgement latency p50/p99/p999.
 *
 * <p>A warm-up round of other customers may run first, through the same host, and is not
 * reported: on two cores the JIT compilers still take about a third of the CPU 20 seconds after
 * start, so a cold round measures the compiler as much as the host. The host keeps the warm-up's
 * rows, so the measured round also runs against a database that is not empty.
 *
 * <p>Usage: {@code java -cp benchmarks/target/benchmarks.jar dev.deskbridge.benchmarks.EngineLoadBenchmark
 * [customers=3000] [clients=16] [workers=8] [timeoutSeconds=180] [warmupCustomers=0] [intake-only]};
 * the time limit covers both rounds.
 */
public final class EngineLoadBenchmark {
    private static final String BUSINESS = "+15550001111";
    private static final String CHANNEL_SECRET = "bench-channel";
    private static final String CRM_SECRET = "bench-crm";
    private static final Pattern CONVERSATION = Pattern.compile("\"conversationId\":\"([^\"]+)\"");
    private static final Pattern CUSTOMER = Pattern.compile("\"customer\":\"([^\"]+)\"");

    private EngineLoadBenchmark() {}

    /** A webhook to send, and whether it completes a customer's day. */
    private record Job(String path, String header, String secret, String body) {}

    public static void main(String[] args) throws Exception {
        // Without it the JDK's HTTP server waits for delayed ACKs (Nagle): 40 ms per stub answer.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        int customers = arg(args, 0, 3000);
        int clients = arg(args, 1, 16);
        int workers = arg(args, 2, 8);
        int timeoutSeconds = arg(args, 3, 180);
        // With "intake-only" the engine does not start: only acknowledgement is measured.
        int warmup = arg(args, 4, 0);
        boolean intakeOnly = args.length > 5 && args[5].equals("intake-only");
        Path dir = Files.createTempDirectory("deskbridge-bench");
        BlockingQueue<Job> jobs = new LinkedBlockingQueue<>();
        Map<String, String> ticketOfCustomer = new ConcurrentHashMap<>();
        AtomicInteger deliveriesRecorded = new AtomicInteger();
        AtomicInteger sendsSeen = new AtomicInteger();

        // The CRM stub: a ticket per conversation; an agent reply is queued for each new customer message.
        HttpServer crm = stub(exchange -> {
            String body = read(exchange);
            String path = exchange.getRequestURI().getPath();
            if (path.equals("/api/messages")) {
                String ticket = "T-" + group(CONVERSATION, body);
                String customer = group(CUSTOMER, body);
                if (ticketOfCustomer.putIfAbsent(customer, ticket) == null) {
                    jobs.add(new Job("/webhooks/crms/crm", HttpJsonCrm.SIGNATURE_HEADER, CRM_SECRET,
                            HttpJsonCrm.replyWebhook("r-" + customer, ticket, "Thanks for writing, we are on it.",
                                    Instant.now())));
                }
                return "{\"ticketId\":\"" + ticket + "\"}";
            }
            if (path.endsWith("/deliveries")) {
                deliveriesRecorded.incrementAndGet();
            }
            return "{}";
        });
        // The channel stub: accepts every send and answers a provider id.
        AtomicLong providerIds = new AtomicLong();
        HttpServer channelServer = stub(exchange -> {
            read(exchange);
            return "{\"id\":\"wamid.out-" + providerIds.incrementAndGet() + "\"}";
        });
        HttpClient stubClient = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        TestChannel channel = new TestChannel(CHANNEL_SECRET, Clock.systemUTC());
        URI channelUri = URI.create("http://127.0.0.1:" + channelServer.getAddress().getPort() + "/messages");
        channel.onSend(request -> {
            String id = post(stubClient, channelUri, "{\"to\":\"" + request.to() + "\"}");
            String providerId = id.replaceAll(".*\"id\":\"([^\"]+)\".*", "$1");
            sendsSeen.incrementAndGet();
            jobs.add(new Job("/webhooks/channels/wa", TestChannel.SIGNATURE_HEADER, CHANNEL_SECRET,
                    TestChannel.statusWebhook("st-" + providerId, providerId, request.to().e164(), "delivered",
                            Instant.now(), false, "service", "free_customer_service")));
            return SendResult.of(providerId, Instant.now());
        });

        EngineSettings engine = EngineSettings.defaults().withWorkers(workers)
                .withTimings(Duration.ofMillis(50), EngineSettings.DEFAULT_LEASE,
                        intakeOnly ? Duration.ofHours(1) : Duration.ZERO, Duration.ofSeconds(30));
        BridgeHost host = BridgeHost.builder()
                .http(new HostConfig(URI.create("http://127.0.0.1"), new HttpConfig("127.0.0.1", 0, 1_048_576),
                        Optional.empty()))
                .database(new DatabaseConfig(System.getProperty("bench.db", "jdbc:h2:file:" + dir.resolve("db")), "sa",
                        new Secret("")))
                .poolSize(2 * workers + clients + 4)
                .engine(engine)
                .routes(List.of(new RouteConfig("wa", "crm", ReplyPolicy.HOLD_AND_REENGAGE, Optional.of(
                        new ReengageTemplate("reengage_v1", "en_US", TemplateCategory.UTILITY, List.of())),
                        Optional.empty())))
                .pricing(PricingRulesFactory.create(new PricingConfig(Optional.empty(), Optional.empty(), 0)))
                .sessions(services -> new ConnectorSessions(Map.of("wa", channel), Map.of("crm",
                        new HttpJsonCrm("http://127.0.0.1:" + crm.getAddress().getPort(), CRM_SECRET))))
                .start();
        System.out.printf("host up on port %d (H2 file in %s); %d customers (after %d to warm up), %d client threads, "
                + "%d workers%n", host.port(), dir, customers, warmup, clients, workers);
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        Round round = new Round(host.localUrl(), client, pool, clients, jobs, deliveriesRecorded, intakeOnly, deadline);
        if (warmup > 0) {
            // The JIT compiles the hot paths while these run; their figures are not reported.
            Result warm = round.run(0, warmup);
            System.out.printf("warm-up: %d customers in %.2f s (%s)%n", warmup, warm.seconds(),
                    warm.complete() ? "complete" : "INCOMPLETE");
        }
        Result result = round.run(warmup, customers);
        pool.shutdownNow();
        pool.awaitTermination(10, TimeUnit.SECONDS);
        long[] acks = result.latencies();
        System.out.printf("%s: %d webhooks acknowledged (%d failed), %d sends, %d deliveries recorded in %.2f s%n",
                result.complete() ? "complete" : "INCOMPLETE (timed out)", acks.length, result.failures(),
                sendsSeen.get() - (intakeOnly ? 0 : warmup), result.deliveries(), result.seconds());
        double rate = (result.complete() ? result.expected() : acks.length) / result.seconds();
        if (intakeOnly) {
            System.out.printf("intake only: %.0f webhooks/s acknowledged (customer messages; the engine is idle)%n",
                    rate);
        } else {
            System.out.printf("end to end: %.0f events/s (%d events: customer message, agent reply, delivered "
                    + "status per customer)%n", rate, result.expected());
        }
        System.out.printf("ack latency: p50 %.2f ms, p99 %.2f ms, p999 %.2f ms, max %.2f ms%n", pct(acks, 0.50),
                pct(acks, 0.99), pct(acks, 0.999), acks.length == 0 ? 0 : acks[acks.length - 1] / 1e6);
        host.close();
        crm.stop(0);
        channelServer.stop(0);
        deleteQuietly(dir);
        System.exit(result.complete() && result.failures() == 0 ? 0 : 1);
    }

    /** What one round measured; latencies sorted. */
    private record Result(boolean complete, int expected, long[] latencies, int failures, int deliveries,
            double seconds) {}

    /** Drives one round of customers through the host with a fixed number of client threads. */
    private record Round(String hostUrl, HttpClient client, ExecutorService pool, int clients, BlockingQueue<Job> jobs,
            AtomicInteger deliveriesRecorded, boolean intakeOnly, long deadline) {

        Result run(int first, int customers) throws InterruptedException {
            Instant sentAt = Instant.now().minusSeconds(60);
            for (int i = first; i < first + customers; i++) {
                String customer = "+1201" + String.format("%07d", 5_550_000 + i);
                jobs.add(new Job("/webhooks/channels/wa", TestChannel.SIGNATURE_HEADER, CHANNEL_SECRET,
                        TestChannel.messageWebhook("in-" + i, "wamid.in-" + i, BUSINESS, customer, "Hello " + i,
                                sentAt)));
            }
            int expected = intakeOnly ? customers : 3 * customers;
            int deliveriesBefore = deliveriesRecorded.get();
            long[] latencies = new long[expected];
            AtomicInteger sent = new AtomicInteger();
            AtomicInteger failures = new AtomicInteger();
            java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(clients);
            long start = System.nanoTime();
            for (int t = 0; t < clients; t++) {
                pool.execute(() -> {
                    try {
                        drive(sent, expected, latencies, failures);
                    } finally {
                        done.countDown();
                    }
                });
            }
            while ((intakeOnly ? sent.get() < expected : deliveriesRecorded.get() - deliveriesBefore < customers)
                    && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            long elapsed = System.nanoTime() - start;
            int deliveries = deliveriesRecorded.get() - deliveriesBefore;
            boolean complete = intakeOnly ? sent.get() >= expected : deliveries >= customers;
            done.await();
            long[] acks = Arrays.copyOf(latencies, Math.min(sent.get(), expected));
            Arrays.sort(acks);
            return new Result(complete, expected, acks, failures.get(), deliveries, elapsed / 1e9);
        }

        private void drive(AtomicInteger sent, int expected, long[] latencies, AtomicInteger failures) {
            while (System.nanoTime() < deadline && sent.get() < expected) {
                Job job;
                try {
                    job = jobs.poll(20, TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    return;
                }
                if (job == null) {
                    continue;
                }
                byte[] body = job.body().getBytes(StandardCharsets.UTF_8);
                HttpRequest request = HttpRequest.newBuilder(URI.create(hostUrl + job.path()))
                        .header(job.header(), Hmac.sign(job.secret(), body))
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
                long t0 = System.nanoTime();
                try {
                    int status = client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
                    if (status != 200) {
                        failures.incrementAndGet();
                    }
                } catch (IOException | InterruptedException e) {
                    failures.incrementAndGet();
                }
                int n = sent.getAndIncrement();
                if (n < latencies.length) {
                    latencies[n] = System.nanoTime() - t0;
                }
            }
        }
    }

    private static double pct(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        int i = (int) Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1);
        return sorted[Math.max(0, i)] / 1e6;
    }

    /** An HTTP stub on a free loopback port answering JSON from {@code handler}. */
    private static HttpServer stub(StubHandler handler) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 512);
        server.setExecutor(Executors.newFixedThreadPool(8));
        server.createContext("/", exchange -> {
            try (exchange) {
                byte[] answer = handler.handle(exchange).getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, answer.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(answer);
                }
            }
        });
        server.start();
        return server;
    }

    @FunctionalInterface
    private interface StubHandler {
        String handle(HttpExchange exchange) throws IOException;
    }

    private static String read(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static String post(HttpClient client, URI uri, String json) {
        try {
            return client.send(HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString())
                    .body();
        } catch (IOException e) {
            throw new dev.deskbridge.connector.api.error.RetryableException("channel stub: " + e.getMessage(), null, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new dev.deskbridge.connector.api.error.RetryableException("interrupted", null, e);
        }
    }

    private static String group(Pattern p, String s) {
        Matcher m = p.matcher(s);
        return m.find() ? m.group(1) : "";
    }

    private static int arg(String[] args, int i, int fallback) {
        return args.length > i ? Integer.parseInt(args[i]) : fallback;
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary folder; the OS cleans it eventually
        }
    }
}
