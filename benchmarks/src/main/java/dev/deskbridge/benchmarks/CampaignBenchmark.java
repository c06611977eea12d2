package dev.deskbridge.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.deskbridge.host.testing.Hmac;
import dev.deskbridge.host.testing.MetaWebhooks;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;

/**
 * Issue 14's campaign benchmark on the real path: {@code deskbridge run} in a JVM of its own (the
 * host jar, a heap limit, GC log), the built Zendesk plugin for the route (ticket mode {@code none}:
 * it gets no request), the built-in Cloud API channel against a stand-in that accepts every send,
 * syncs its one template and counts each send per recipient and per second of its own clock.
 *
 * <p>Per campaign: a generated recipients file is posted to {@code POST /api/campaigns} (timed: the
 * whole file is checked and stored), started, and its report polled as {@code deskbridge campaign send}
 * polls it (every second, or ten times the last answer's time; each call timed)
 * until every send has reached the stand-in. Printed: the rate at the stand-in per 10 s and over the
 * middle 90 % of the sends, the host's heap per 10 s from its GC log, the heap still used after a
 * full collection at the end, then some sends reported delivered and the report's totals set
 * against the stand-in's count and, once the host is stopped, against the ledger in its database.
 * A first short campaign at the default 80/s shows the pace holds; it also warms the host's JIT.
 *
 * <p>Usage (from the repository root, after building, see BENCHMARKS.md):
 * {@code java -cp benchmarks/target/benchmarks.jar dev.deskbridge.benchmarks.CampaignBenchmark
 * [sizes=10000,100000] [rate=1000] [pacingRecipients=2400] [pacingRate=80] [xmx=256m] [timeoutSeconds=600] [workers=4]}
 */
// size: a benchmark read top to bottom: its host, stand-ins, campaigns and figures belong to this one run.
public final class CampaignBenchmark {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BUSINESS = "+15550001111";
    private static final String PHONE_NUMBER_ID = "106540352242922";
    private static final String WABA_ID = "102290129340398";
    private static final String APP_SECRET = "bench-meta-app-secret";
    private static final String ADMIN_TOKEN = "bench-admin-token-0123456789abcdef";
    private static final int DELIVERED_PER_CAMPAIGN = 1000;
    /** One approved utility template with two positional parameters, as Meta lists it. */
    private static final String TEMPLATES = """
            {"data":[{"name":"order_shipped","parameter_format":"POSITIONAL","components":[{"type":"BODY",
            "text":"Hi {{1}}, order {{2}} has shipped.","example":{"body_text":[["Ana","A-1042"]]}}],
            "language":"en_US","status":"APPROVED","category":"UTILITY","id":"920070352646140"}],
            "paging":{"cursors":{"before":"MAZDZD","after":"MjQZD"}}}""";

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final HostProcess host;
    private final CloudApiStandIn cloud;
    private final List<Long> sentAt;
    private final Duration timeout;

    private CampaignBenchmark(HostProcess host, CloudApiStandIn cloud, List<Long> sentAt, Duration timeout) {
        this.host = host;
        this.cloud = cloud;
        this.sentAt = sentAt;
        this.timeout = timeout;
    }

    /** What one campaign showed. */
    private record Outcome(String label, int recipients, int rate, double validationSeconds, double sustained,
            double seconds, long stubSends, boolean eachOnce, JsonNode report, OptionalLong liveHeapMb,
            double reportP50Ms, double reportMaxMs) {}

    public static void main(String[] args) throws Exception {
        DriverJvm.useC1Only(CampaignBenchmark.class, args);
        int[] sizes = Arrays.stream((args.length > 0 ? args[0] : "10000,100000").split(","))
                .mapToInt(s -> Integer.parseInt(s.strip())).toArray();
        int rate = arg(args, 1, 1000);
        int pacingRecipients = arg(args, 2, 2400);
        int pacingRate = arg(args, 3, 80);
        String xmx = args.length > 4 ? args[4] : "256m";
        Duration timeout = Duration.ofSeconds(arg(args, 5, 600));
        int workers = arg(args, 6, 4);
        CloudApiStandIn cloud = new CloudApiStandIn().templates(TEMPLATES);
        LongAdder zendeskRequests = new LongAdder();
        StandInServer zendesk = StandInServer.serve((method, path, body) -> {
            zendeskRequests.increment();
            return null;
        }, new LongAdder());
        HostProcess host = HostProcess.start("deskbridge-campaign", config(zendesk.url(), cloud.url(), workers), xmx,
                List.of(HostProcess.built("plugins/deskbridge-zendesk-0.1.0.jar")));
        List<Outcome> outcomes = new ArrayList<>();
        try {
            System.out.printf("host: -Xmx%s, engine.workers %d, start-up to listening %.0f ms; load average %s%n", xmx,
                    workers, host.startupMillis, loadAverage());
            CampaignBenchmark bench = new CampaignBenchmark(host, cloud, cloud.sentAt, timeout);
            bench.awaitTemplate();
            System.out.printf("heap in use after a full collection before any campaign: %s MB%n",
                    mb(host.liveHeapMb()));
            int index = 0;
            if (pacingRecipients > 0) {
                outcomes.add(bench.campaign("pacing", index++, pacingRecipients, pacingRate));
            }
            for (int n : sizes) {
                outcomes.add(bench.campaign(String.format("%,d", n), index++, n, rate));
            }
        } finally {
            host.close();
            zendesk.close();
            cloud.server.close();
        }
        summary(outcomes, host, cloud, zendeskRequests.sum(), xmx);
        // The stand-ins' request threads are not daemons.
        System.exit(0);
    }

    private void awaitTemplate() throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!get("/api/templates").toString().contains("order_shipped")) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the host did not sync the stand-in's template; log " + host.log);
            }
            Thread.sleep(200);
        }
    }

    private Outcome campaign(String label, int index, int n, int rate) throws Exception {
        byte[] csv = recipients(index, n);
        System.out.printf("%n== campaign %s: %,d recipients at %d/s (file %,d bytes); load average %s%n", label, n,
                rate, csv.length, loadAverage());
        long v0 = System.nanoTime();
        HttpResponse<String> prepared = http.send(request("/api/campaigns?template=order_shipped&rate=" + rate)
                .header("Content-Type", "text/csv").POST(HttpRequest.BodyPublishers.ofByteArray(csv)).build(),
                HttpResponse.BodyHandlers.ofString());
        double validation = (System.nanoTime() - v0) / 1e9;
        JsonNode p = JSON.readTree(prepared.body());
        if (prepared.statusCode() != 201) {
            throw new IllegalStateException("the campaign was refused: " + prepared.statusCode() + " " + prepared.body());
        }
        System.out.printf("validated and stored in %.2f s (%.0f rows/s): %d recipients, %d bad, quote %s %s%n",
                validation, n / validation, p.path("recipients").asInt(), p.path("badRowCount").asInt(),
                p.path("total").path("amount").asText(), p.path("total").path("currency").asText());
        String id = p.path("id").asText();
        int first = sentAt.size();
        long t0 = System.nanoTime();
        double hostT0 = host.uptimeSeconds(t0);
        http.send(request("/api/campaigns/" + id + "/start").POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        List<Double> reportMs = new ArrayList<>();
        JsonNode report = null;
        long deadline = t0 + timeout.toNanos();
        long nextLine = t0 + 10_000_000_000L;
        long lastLine = t0;
        int lastCount = first;
        long lastCallMs = 0;
        long nextCall = t0;
        while (System.nanoTime() < deadline) {
            LockSupport.parkNanos(100_000_000L);
            // Asked for as `deskbridge campaign send` asks: every second, or ten times the last answer's time;
            // at once when the stand-in has every send.
            if (System.nanoTime() < nextCall && sentAt.size() - first < n) {
                continue;
            }
            long r0 = System.nanoTime();
            report = get("/api/campaigns/" + id);
            lastCallMs = (System.nanoTime() - r0) / 1_000_000;
            nextCall = System.nanoTime() + Math.min(60_000, Math.max(1000, 10 * lastCallMs)) * 1_000_000L;
            reportMs.add((System.nanoTime() - r0) / 1e6);
            long now = System.nanoTime();
            if (now >= nextLine) {
                int count = sentAt.size();
                double span = (now - lastLine) / 1e9;
                System.out.printf("  %4.0f s: %,7d at the stand-in (+%,d, %.0f/s), report %.0f ms, heap %s%n",
                        (now - t0) / 1e9, count - first, count - lastCount, (count - lastCount) / span,
                        reportMs.get(reportMs.size() - 1), host.heapBetween(host.uptimeSeconds(lastLine),
                                host.uptimeSeconds(now)));
                lastCount = count;
                lastLine = now;
                nextLine = now + 10_000_000_000L;
            }
            if (sentAt.size() - first >= n && report.path("status").asText().equals("done")
                    && sent(report) >= report.path("queued").asLong()) {
                break;
            }
        }
        List<Long> mine = new ArrayList<>(sentAt.subList(first, sentAt.size()));
        double seconds = ((mine.isEmpty() ? System.nanoTime() : mine.get(mine.size() - 1)) - t0) / 1e9;
        double sustained = middleRate(mine);
        System.out.printf("every send at the stand-in: %,d, the last %.1f s after the start; sustained %.1f/s (middle 90 %%); per 10 s: %s%n",
                mine.size(), seconds, sustained, perTenSeconds(mine, t0));
        System.out.printf("host heap during the campaign (GC log): %s%n", host.heapBetween(hostT0,
                host.uptimeSeconds(System.nanoTime())));
        StringBuilder heap = new StringBuilder();
        for (double from = hostT0; from < host.uptimeSeconds(System.nanoTime()); from += 10) {
            heap.append(heap.length() == 0 ? "" : ", ").append(host.peakBetween(from, from + 10));
        }
        System.out.printf("host heap per 10 s, most in use before a collection (MB): %s%n", heap);
        OptionalLong live = host.liveHeapMb();
        System.out.printf("heap in use after a full collection at the end: %s MB; load average %s%n", mb(live),
                loadAverage());
        boolean once = true;
        for (int i = 0; i < n; i++) {
            LongAdder c = cloud.perRecipient.get(number(index, i).substring(1));
            once &= c != null && c.sum() == 1;
        }
        report = deliverSome(id, index, Math.min(n, DELIVERED_PER_CAMPAIGN));
        double[] sorted = reportMs.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return new Outcome(label, n, rate, validation, sustained, seconds, mine.size(), once, report, live,
                sorted.length == 0 ? Double.NaN : sorted[sorted.length / 2],
                sorted.length == 0 ? Double.NaN : sorted[sorted.length - 1]);
    }

    /** Reports the first sends of the campaign delivered (billable utility), as Meta would; waits for the report. */
    private JsonNode deliverSome(String id, int index, int k) throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(4);
        List<java.util.concurrent.Future<?>> posted = new ArrayList<>();
        for (int i = 0; i < k; i++) {
            String customer = number(index, i);
            String json = MetaWebhooks.status(cloud.wamidTo.get(customer.substring(1)), customer, "delivered",
                    Instant.now(), true, "utility", "regular");
            posted.add(clients.submit(() -> {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(host.baseUrl()
                        + "/webhooks/channels/wa-main")).header("Content-Type", "application/json")
                        .header("X-Hub-Signature-256", Hmac.sign(APP_SECRET, json.getBytes(StandardCharsets.UTF_8)))
                        .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() != 200) {
                    throw new IllegalStateException("status webhook answered " + r.statusCode());
                }
                return null;
            }));
        }
        for (java.util.concurrent.Future<?> f : posted) {
            f.get();
        }
        clients.shutdown();
        // Delivered and settled are written apart: wait for the count, then for the report to stop changing.
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        JsonNode report = get("/api/campaigns/" + id);
        JsonNode previous = null;
        while ((report.path("messages").path("delivered").asLong() < k || !report.equals(previous))
                && System.nanoTime() < deadline) {
            Thread.sleep(1000);
            previous = report;
            report = get("/api/campaigns/" + id);
        }
        return report;
    }

    private static void summary(List<Outcome> outcomes, HostProcess host, CloudApiStandIn cloud, long zendesk,
            String xmx) throws Exception {
        System.out.printf("%n| campaign | recipients | rate | validation | sustained at the stand-in | sending time"
                + " | report call p50 / max | heap after full GC at the end | each recipient once |%n");
        System.out.println("|---|---|---|---|---|---|---|---|---|");
        BigDecimal quoted = BigDecimal.ZERO;
        BigDecimal settled = BigDecimal.ZERO;
        long sentTotal = 0;
        for (Outcome o : outcomes) {
            System.out.printf("| %s | %,d | %d/s | %.2f s | %.1f/s | %.1f s | %.0f / %.0f ms | %s MB | %s (%,d sends) |%n",
                    o.label(), o.recipients(), o.rate(), o.validationSeconds(), o.sustained(), o.seconds(),
                    o.reportP50Ms(), o.reportMaxMs(), mb(o.liveHeapMb()), o.eachOnce() ? "yes" : "NO", o.stubSends());
            JsonNode m = o.report().path("messages");
            System.out.printf("  report %s: queued %d, refused %s, accepted %d, sent %d, delivered %d, read %d, failed %d;"
                    + " planned %s, quoted %s, settled %s%n", o.label(), o.report().path("queued").asLong(),
                    o.report().path("refused"), m.path("accepted").asLong(), m.path("sent").asLong(),
                    m.path("delivered").asLong(), m.path("read").asLong(), m.path("failed").asLong(),
                    o.report().path("plannedTotal").path("amount").asText(),
                    o.report().path("quoted").path("amount").asText(), o.report().path("settled").path("amount").asText());
            quoted = quoted.add(new BigDecimal(o.report().path("quoted").path("amount").asText("0")));
            settled = settled.add(new BigDecimal(o.report().path("settled").path("amount").asText("0")));
            sentTotal += sent(o.report());
        }
        System.out.printf("stand-ins: Cloud API %.3f ms of its own handling per request over %,d sends; Zendesk %d"
                + " requests; host heap peak before a collection %s (-Xmx%s)%n",
                cloud.handling.sum() / 1e6 / Math.max(1, cloud.sends.sum()), cloud.sends.sum(), zendesk,
                host.peakHeap(), xmx);
        try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + host.home.resolve("data/deskbridge")
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE", "sa", ""); ResultSet rs = c.createStatement().executeQuery("SELECT COUNT(*), SUM(quoted_meta_fee + "
                        + "quoted_channel_fee), SUM(COALESCE(settled_meta_fee, 0) + COALESCE(settled_channel_fee, 0)) "
                        + "FROM cost_ledger WHERE status <> 'FAILED'")) {
            rs.next();
            System.out.printf("ledger (read from the stopped host's database): %,d entries, quoted %s, settled %s;"
                    + " the reports: %,d sent, quoted %s, settled %s: %s%n", rs.getLong(1), rs.getBigDecimal(2),
                    rs.getBigDecimal(3), sentTotal, quoted, settled, rs.getLong(1) == sentTotal
                    && rs.getBigDecimal(2).compareTo(quoted) == 0 && rs.getBigDecimal(3).compareTo(settled) == 0
                    ? "EQUAL" : "DIFFERENT");
        }
        try (Stream<Path> files = Files.walk(host.home.resolve("data"))) {
            System.out.printf("database on disk: %,d MB; host log %s%n", files.filter(Files::isRegularFile)
                    .mapToLong(f -> f.toFile().length()).sum() / (1024 * 1024), host.log);
        }
    }

    // ---- pieces

    private static byte[] recipients(int index, int n) {
        StringBuilder csv = new StringBuilder(n * 40).append("to,1,2\n");
        for (int i = 0; i < n; i++) {
            csv.append(number(index, i)).append(",Customer ").append(i).append(",A-").append(i).append('\n');
        }
        return csv.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** German mobile numbers, a million per campaign: each campaign writes to new customers. */
    private static String number(int index, int i) {
        return "+49151" + String.format("%08d", 10_000_000 + index * 1_000_000 + i);
    }

    private static double middleRate(List<Long> at) {
        if (at.size() < 20) {
            return Double.NaN;
        }
        List<Long> sorted = at.stream().sorted().toList();
        int from = sorted.size() / 20;
        int to = sorted.size() - 1 - sorted.size() / 20;
        return (to - from) * 1e9 / (sorted.get(to) - sorted.get(from));
    }

    private static String perTenSeconds(List<Long> at, long t0) {
        Map<Long, Long> buckets = new java.util.TreeMap<>();
        at.forEach(t -> buckets.merge((t - t0) / 10_000_000_000L, 1L, Long::sum));
        StringBuilder s = new StringBuilder();
        buckets.forEach((b, c) -> s.append(s.length() == 0 ? "" : ", ").append(String.format("%.0f", c / 10.0)));
        return s.append(" /s").toString();
    }

    private static long sent(JsonNode report) {
        JsonNode m = report.path("messages");
        return m.path("accepted").asLong() + m.path("sent").asLong() + m.path("delivered").asLong()
                + m.path("read").asLong();
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(host.baseUrl() + path)).timeout(Duration.ofSeconds(120))
                .header("Authorization", "Bearer " + ADMIN_TOKEN);
    }

    private JsonNode get(String path) throws Exception {
        HttpResponse<String> r = http.send(request(path).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException(path + " answered " + r.statusCode() + ": " + r.body());
        }
        return JSON.readTree(r.body());
    }

    private static String mb(OptionalLong v) {
        return v.isPresent() ? String.valueOf(v.getAsLong()) : "?";
    }

    private static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }

    private static String config(String zendesk, String cloud, int workers) {
        return """
                host:
                  public_base_url: https://bridge.example.test
                  admin_token: %s
                  http: { bind: 127.0.0.1, port: 0 }
                engine: { workers: %d }
                database:
                  url: jdbc:h2:file:./data/deskbridge%s
                  user: sa
                channels:
                  - id: wa-main
                    type: whatsapp-cloud
                    config:
                      phone_number_id: "%s"
                      business_number: "%s"
                      waba_id: "%s"
                      access_token: bench-access-token-0123456789
                      app_secret: %s
                      verify_token: bench-verify-token
                      base_url: %s
                      messages_per_second: 10000
                crms:
                  - id: zendesk-main
                    type: zendesk
                    config:
                      url: %s
                      email: whatsapp-bot@acme.example
                      api_token: bench-zendesk-api-token-0123
                      webhook_signing_secret: YmVuY2gtemVuZGVzay1zaWduaW5nLXNlY3JldA==
                routes:
                  - channel: wa-main
                    crm: zendesk-main
                    policy: refuse
                """.formatted(ADMIN_TOKEN, workers, System.getProperty("bench.dbOptions", ""), PHONE_NUMBER_ID, BUSINESS, WABA_ID, APP_SECRET, cloud, zendesk);
    }

    private static int arg(String[] args, int i, int fallback) {
        return args.length > i ? Integer.parseInt(args[i]) : fallback;
    }
}
