package dev.deskbridge.benchmarks;

import dev.deskbridge.host.testing.Hmac;
import dev.deskbridge.host.testing.MetaWebhooks;
import java.io.IOException;
import java.net.URI;
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
import java.util.function.IntFunction;
import java.util.function.LongSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.SocketConfig;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.util.Timeout;

/**
 * The product as users run it: {@code deskbridge run} in a JVM of its own (the host jar, jvm.options),
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
 * [customersPerRound=1000] [rounds=2] [clients=8] [timeoutSeconds=300]}; the database, a history in it and
 * the number of hosts: see {@link BenchDatabase} ({@code -Drealpath.database=h2|postgres -Drealpath.seed=N
 * -Drealpath.hosts=N}). The host JVM takes the options in {@code jvm.options}; {@code -Drealpath.hostJvm="..."}
 * adds more, {@code -Drealpath.ackLog=FILE} keeps each acknowledgement's time beside the host's GC log.
 * {@code -Drealpath.launcher=true} starts the hosts as users do, through {@code ./deskbridge run} (with its
 * class data archive and this checkout's {@code plugins/}; see {@link BenchHost#start}).
 */
// size: a benchmark read top to bottom: its host process, stand-ins, driver and figures belong to this one run.
public final class RealPathBenchmark {
    private static final String BUSINESS = "+15550001111";
    private static final String PHONE_NUMBER_ID = "106540352242922";
    private static final String APP_SECRET = "bench-meta-app-secret";
    private static final String ZENDESK_SECRET = "YmVuY2gtemVuZGVzay1zaWduaW5nLXNlY3JldA==";
    private static final long AGENT = 7001;
    private static final Pattern TICKET_PATH = Pattern.compile("/api/v2/tickets/(\\d+)(/comments|/audits)?\\.json");
    private static final Pattern TO = Pattern.compile("\"to\"\\s*:\\s*\"\\+?(\\d+)\"");
    private static final Pattern CALLBACK_DATA = Pattern.compile("\"biz_opaque_callback_data\"\\s*:\\s*\"([^\"]*)\"");
    private static final Pattern EXTERNAL_ID = Pattern.compile("\"external_id\"\\s*:\\s*\"([^\"]+)\"");

    /** -Drealpath.sqlCounts=true: H2's statements per event after each phase. */
    private static SqlCounts sqlCounts;

    private RealPathBenchmark() {}

    public static void main(String[] args) throws Exception {
        DriverJvm.useC1Only(RealPathBenchmark.class, args);
        int perRound = arg(args, 0, 1000);
        int rounds = arg(args, 1, 2);
        int clients = arg(args, 2, 8);
        Duration timeout = Duration.ofSeconds(arg(args, 3, 300));
        Path root = Path.of("").toAbsolutePath();
        Path hostJar = BuiltJars.built(root, "host-app/target/deskbridge-host.jar");
        Path plugin = BuiltJars.built(root, "plugins/deskbridge-zendesk-0.1.0.jar");
        BenchHost.prepareLauncher(hostJar);
        Path home = Files.createTempDirectory("deskbridge-realpath");
        ZendeskFake zendesk = new ZendeskFake();
        MetaFake meta = new MetaFake();
        // -Drealpath.hosts=N hosts on one -Drealpath.database; -Drealpath.seed=N conversations of history first.
        int hostCount = Integer.getInteger("realpath.hosts", 1);
        // -Drealpath.firstMinute=60: the cold first minute as issue 17 states it, instead of the rounds.
        int firstMinute = Integer.getInteger("realpath.firstMinute", 0);
        if (firstMinute > 0 && hostCount != 1) {
            throw new IllegalArgumentException("realpath.firstMinute measures one host; realpath.hosts=" + hostCount);
        }
        try (BenchDatabase database = BenchDatabase.fromProperties(home, hostCount)) {
            if (firstMinute > 0) {
                FirstMinute.run(home, plugin, hostJar, database, zendesk, meta, clients,
                        Duration.ofSeconds(firstMinute), timeout);
            } else {
                runHosts(hostCount, home, plugin, hostJar, database, zendesk, meta, perRound, rounds, clients, timeout);
            }
        }
        // The stand-ins' request threads are not daemons.
        System.exit(0);
    }

    private static void runHosts(int hostCount, Path home, Path plugin, Path hostJar, BenchDatabase database,
            ZendeskFake zendesk, MetaFake meta, int perRound, int rounds, int clients, Duration timeout)
            throws Exception {
        List<BenchHost> hosts = new ArrayList<>();
        List<String> resident = new ArrayList<>();
        try {
            for (int h = 0; h < hostCount; h++) {
                Path hostHome = Files.createDirectories(hostCount == 1 ? home : home.resolve("host-" + (h + 1)));
                Files.createDirectories(hostHome.resolve("plugins"));
                Files.copy(plugin, hostHome.resolve("plugins").resolve(plugin.getFileName()));
                Path config = Files.writeString(hostHome.resolve("deskbridge.yaml"),
                        config(zendesk.url(), meta.url(), database.yaml()));
                hosts.add(BenchHost.start(hostJar, hostHome, config));
                System.out.printf("start-up to listening: %.0f ms%n", hosts.get(h).startMillis);
            }
            Driver driver = new Driver(hosts, clients, database::serverCpuMillis);
            sqlCounts = database.sqlCounts();
            if (sqlCounts != null) {
                sqlCounts.report("start-up", 1);
            }
            for (int round = 0; round < rounds; round++) {
                runRound(round, perRound, driver, zendesk, meta, timeout);
            }
            driver.close();
            hosts.forEach(h -> resident.add(h.peakResident()));
        } finally {
            for (BenchHost h : hosts) {
                h.close();
            }
            zendesk.server.close();
            meta.server.close();
        }
        System.out.printf("exactly once: tickets %s; customer comments %s; WhatsApp sends %s%n",
                onceEach(zendesk.ticketsFor, rounds * perRound), onceEach(zendesk.commentsOn, rounds * perRound),
                onceEach(meta.sendsTo, rounds * perRound));
        for (int h = 0; h < hosts.size(); h++) {
            System.out.printf("host heap (jvm.options): peak before a collection %s; the process's peak in RAM %s;"
                    + " host log %s%n", hosts.get(h).peakHeap(), h < resident.size() ? resident.get(h) : "unknown",
                    hosts.get(h).log);
        }
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
        report(driver, label, "new-customer messages into Zendesk", p, n, zendesk, before);
        // 2. Known conversations.
        before = zendesk.counts();
        long comments = zendesk.customerComments.sum();
        p = driver.run(customers.stream().map(c -> (Runnable) () -> driver.meta(MetaWebhooks.text(
                "wamid.in-" + c.substring(1) + "-1", c, "Any news?", Instant.now()))).toList(),
                () -> zendesk.customerComments.sum() - comments, n, timeout);
        report(driver, label, "known-conversation messages into Zendesk", p, n, zendesk, before);
        // 3. Agent replies out to WhatsApp.
        before = zendesk.counts();
        long sends = meta.sends.sum();
        List<Runnable> replies = new ArrayList<>();
        for (String c : customers) {
            long ticket = zendesk.ticketOf.get(c);
            replies.add(() -> driver.zendesk(replyWebhook(ticket, zendesk)));
        }
        p = driver.run(replies, () -> meta.sends.sum() - sends, n, timeout);
        report(driver, label, "agent replies out to WhatsApp", p, n, zendesk, before);
        // 4. Deliveries back onto the tickets.
        before = zendesk.counts();
        long tags = zendesk.deliveryTags.sum();
        List<Runnable> statuses = new ArrayList<>();
        for (String c : customers) {
            String wamid = meta.wamidTo.get(c.substring(1));
            statuses.add(() -> driver.meta(MetaWebhooks.status(wamid, c, "delivered", Instant.now(), false,
                    "service", "free_customer_service", meta.callbackDataOf.get(wamid))));
        }
        p = driver.run(statuses, () -> zendesk.deliveryTags.sum() - tags, n, timeout);
        report(driver, label, "deliveries onto Zendesk tickets", p, n, zendesk, before);
        System.out.printf("  stand-ins' own handling: Zendesk %.3f ms/request (%d requests), Cloud API %.3f ms/request"
                + " (%d sends)%n", zendesk.handling.sum() / 1e6 / Math.max(1, zendesk.requests.sum()),
                zendesk.requests.sum(), meta.handling.sum() / 1e6 / Math.max(1, meta.sends.sum()), meta.sends.sum());
    }

    private static void report(Driver driver, String label, String what, Phase p, int n, ZendeskFake zendesk,
            Map<String, Long> before) throws IOException {
        Map<String, Long> after = zendesk.counts();
        StringBuilder perEvent = new StringBuilder();
        after.forEach((kind, count) -> {
            long d = count - before.getOrDefault(kind, 0L);
            if (d > 0) {
                perEvent.append(String.format(" %s=%.2f", kind, (double) d / n));
            }
        });
        System.out.printf("%s %s: %d in %.1f s = %.0f/s%s; host CPU %.2f ms/event; ack p50 %.1f ms, p99 %.1f ms, "
                + "p999 %.1f ms, max %.1f ms; Zendesk requests per event:%s%n", label, what, p.done, p.seconds,
                p.done / p.seconds, p.done < n ? " (TIMED OUT)" : "", (double) p.cpuMillis / n, p.pct(0.50),
                p.pct(0.99), p.pct(0.999), p.pct(1.0),
                perEvent.length() == 0 ? " none" : perEvent);
        if (p.serverCpuMillis >= 0) {
            System.out.printf("  %s %s: database server CPU %.2f ms/event%n", label, what, (double) p.serverCpuMillis / n);
        }
        System.out.printf("  %s; the disk wrote %s KB/event (every process on the machine)%n",
                driver.tail(label + "/" + what.split(" ")[0]),
                p.writtenBytes < 0 ? "unknown" : String.format("%.1f", p.writtenBytes / 1024.0 / n));
        System.out.printf("  of the host's CPU, the JIT compiler threads: %s; the driver and stand-ins (this JVM):"
                + " %.2f ms/event%n", p.jitMillis < 0 ? "unknown" : String.format("%.2f ms/event (%.0f %%)",
                (double) p.jitMillis / n, 100.0 * p.jitMillis / Math.max(1, p.cpuMillis)),
                (double) p.driverMillis / n);
        System.out.printf("  %s%n", p.machine);
        if (sqlCounts != null) {
            sqlCounts.report(label + " " + what, n);
        }
    }

    // ---- the driver: signed webhooks from N client threads

    /**
     * A phase's outcome; {@code cpuMillis} is the hosts' CPU time (user + system) during it,
     * {@code serverCpuMillis} the PostgreSQL server's (-1 on H2, whose work is in the host's),
     * {@code writtenBytes} what the disk under the hosts' home wrote ({@link DiskWrites}; -1 when unknown),
     * {@code jitMillis} the part of the hosts' CPU in HotSpot's compiler threads (-1 when unknown; see
     * {@link ProcCpu#since}), {@code driverMillis} this
     * JVM's own CPU (the driver and both stand-ins), which shares the cores; {@code machine} the whole
     * machine's CPU time over the phase ({@link MachineCpu}: busy, idle, stolen by the hypervisor).
     */
    private record Phase(long done, double seconds, long[] acks, long cpuMillis, long serverCpuMillis, long writtenBytes,
            long jitMillis, long driverMillis, String machine) {
        double pct(double p) {
            return percentile(acks, p);
        }
    }

    /** The {@code p} quantile of sorted nanosecond times, in milliseconds; NaN when there are none. */
    static double percentile(long[] sortedNanos, double p) {
        if (sortedNanos.length == 0) {
            return Double.NaN;
        }
        int i = (int) Math.min(sortedNanos.length - 1, Math.ceil(p * sortedNanos.length) - 1);
        return sortedNanos[Math.max(0, i)] / 1e6;
    }

    static final class Driver {
        /**
         * A blocking client with a connection kept per client thread and host. The JDK's HttpClient, used
         * until 2026-12-06, took 19-38 % more of the driver's CPU per event on the cores the host shares.
         */
        private final CloseableHttpClient http;
        private final ExecutorService clients;
        private final int clientCount;
        private final List<BenchHost> hosts;
        private final List<URI> metaUris = new ArrayList<>();
        private final List<URI> zendeskUris = new ArrayList<>();
        private final AtomicLong next = new AtomicLong();
        private final List<Long> acks = Collections.synchronizedList(new ArrayList<>());
        private final LongSupplier serverCpu;
        private final DiskWrites disk;
        /** -Drealpath.ackLog=FILE: each acknowledgement's start (UTC, µs) and duration (µs), to lay beside the GC log. */
        private final Path ackLog = System.getProperty("realpath.ackLog") == null ? null
                : Path.of(System.getProperty("realpath.ackLog"));
        /** Each acknowledgement of the phase: start (µs since the epoch) and duration (µs). */
        private final List<long[]> ackTimes = Collections.synchronizedList(new ArrayList<>());
        private final long wallBaseMicros = System.currentTimeMillis() * 1000 - System.nanoTime() / 1000;

        /** Webhooks go to the hosts in turn (round robin). */
        Driver(List<BenchHost> hosts, int clients, LongSupplier serverCpu) {
            this.clients = Executors.newFixedThreadPool(clients);
            this.clientCount = clients;
            this.hosts = hosts;
            this.serverCpu = serverCpu;
            this.disk = DiskWrites.under(hosts.get(0).log.getParent());
            this.http = HttpClients.custom()
                    .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                            .setMaxConnPerRoute(clients).setMaxConnTotal(clients * hosts.size())
                            .setDefaultSocketConfig(SocketConfig.custom().setSoTimeout(Timeout.ofSeconds(60)).build())
                            .build())
                    .disableAutomaticRetries()
                    .build();
            for (BenchHost h : hosts) {
                metaUris.add(URI.create("http://127.0.0.1:" + h.port + "/webhooks/channels/wa-main"));
                zendeskUris.add(URI.create("http://127.0.0.1:" + h.port + "/webhooks/crms/zendesk-main"));
            }
        }

        long cpuMillis() {
            return hosts.stream().mapToLong(BenchHost::cpuMillis).sum();
        }

        /** Per host, its compiler threads' CPU so far, to give to {@link #jitMillisSince}. */
        List<Map<String, Long>> jitThreads() {
            return hosts.stream().map(h -> ProcCpu.threads(h.process.pid(), FirstMinute::jit)).toList();
        }

        long jitMillisSince(List<Map<String, Long>> before) {
            List<Map<String, Long>> now = jitThreads();
            long sum = 0;
            for (int i = 0; i < now.size(); i++) {
                long ms = ProcCpu.since(before.get(i), now.get(i));
                if (ms < 0) {
                    return -1;
                }
                sum += ms;
            }
            return sum;
        }

        static long driverMillis() {
            return ProcessHandle.current().info().totalCpuDuration().map(Duration::toMillis).orElse(-1L);
        }

        long serverCpuMillis() {
            return serverCpu.getAsLong();
        }

        /** The acknowledgement times since the last call or phase, sorted; forgets them. */
        long[] takeAcks() {
            synchronized (acks) {
                long[] sorted = acks.stream().mapToLong(Long::longValue).sorted().toArray();
                acks.clear();
                return sorted;
            }
        }

        /**
         * Every client sends {@code event(0), event(1), ...} in turn until {@code untilNanos}, while fewer than
         * {@code ahead} sent are not yet {@code delivered}; {@code sent} counts them. Returns the clients' loops.
         */
        List<Future<?>> drive(IntFunction<Runnable> event, LongSupplier delivered, long untilNanos,
                int ahead, AtomicLong sent) {
            List<Future<?>> loops = new ArrayList<>();
            for (int c = 0; c < clientCount; c++) {
                loops.add(clients.submit(() -> {
                    while (System.nanoTime() < untilNanos) {
                        if (sent.get() - delivered.getAsLong() >= ahead) {
                            Thread.sleep(1);
                            continue;
                        }
                        event.apply((int) sent.getAndIncrement()).run();
                    }
                    return null;
                }));
            }
            return loops;
        }

        private URI next(List<URI> uris) {
            return uris.get((int) (next.getAndIncrement() % uris.size()));
        }

        Phase run(List<Runnable> sends, LongSupplier progress, int expected, Duration timeout) throws Exception {
            acks.clear();
            long cpu = cpuMillis();
            List<Map<String, Long>> jitBefore = jitThreads();
            long own = driverMillis();
            long server = serverCpu.getAsLong();
            long written = disk.bytes();
            MachineCpu machine = MachineCpu.now();
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
            cpu = cpuMillis() - cpu;
            long jit = jitMillisSince(jitBefore);
            own = driverMillis() - own;
            server = server < 0 ? -1 : serverCpu.getAsLong() - server;
            written = written < 0 ? -1 : disk.bytes() - written;
            long[] sorted;
            synchronized (acks) {
                sorted = acks.stream().mapToLong(Long::longValue).sorted().toArray();
            }
            return new Phase(progress.getAsLong(), seconds, sorted, cpu, server, written, jit, own,
                    MachineCpu.between(machine, MachineCpu.now()));
        }

        void meta(String json) {
            post(next(metaUris), json, Map.of("X-Hub-Signature-256", Hmac.sign(APP_SECRET, json.getBytes(StandardCharsets.UTF_8))));
        }

        void zendesk(String json) {
            String timestamp = Instant.now().toString();
            String signature = Base64.getEncoder().encodeToString(Hmac.mac("HmacSHA256", ZENDESK_SECRET,
                    timestamp.getBytes(StandardCharsets.UTF_8), json.getBytes(StandardCharsets.UTF_8)));
            post(next(zendeskUris), json, Map.of("X-Zendesk-Webhook-Signature", signature,
                    "X-Zendesk-Webhook-Signature-Timestamp", timestamp));
        }

        private void post(URI uri, String json, Map<String, String> headers) {
            long t0 = System.nanoTime();
            try {
                try {
                    send(uri, json, headers);
                } catch (IOException e) {
                    // A kept-alive connection the host closed meanwhile (seen under heavy load): the
                    // webhook is idempotent (the inbox keys it by its id), so send it once more.
                    send(uri, json, headers);
                }
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            long t1 = System.nanoTime();
            acks.add(t1 - t0);
            ackTimes.add(new long[] {wallBaseMicros + t0 / 1000, (t1 - t0) / 1000});
        }

        /** Posts the webhook; anything but a 200 stops the run with the host's answer. */
        private void send(URI uri, String json, Map<String, String> headers) throws IOException {
            HttpPost post = new HttpPost(uri);
            post.setEntity(new StringEntity(json, ContentType.APPLICATION_JSON));
            headers.forEach(post::setHeader);
            http.execute(post, r -> {
                if (r.getCode() != 200) {
                    throw new IllegalStateException("webhook answered " + r.getCode() + " at " + uri + ": "
                            + EntityUtils.toString(r.getEntity()));
                }
                return null; // the client reads the rest of the answer, keeping the connection
            });
        }

        /**
         * What this phase's slow acknowledgements overlapped on the hosts; appends them to the ack log
         * (one "phase startMicros durationMicros" a line) when there is one.
         */
        String tail(String phase) throws IOException {
            List<long[]> phaseAcks;
            synchronized (ackTimes) {
                phaseAcks = new ArrayList<>(ackTimes);
                ackTimes.clear();
            }
            if (ackLog != null) {
                StringBuilder out = new StringBuilder();
                for (long[] a : phaseAcks) {
                    out.append(phase).append(' ').append(a[0]).append(' ').append(a[1]).append('\n');
                }
                Files.writeString(ackLog, out, StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.CREATE,
                        java.nio.file.StandardOpenOption.APPEND);
            }
            List<AckTail.Pause> pauses = new ArrayList<>();
            for (BenchHost h : hosts) {
                pauses.addAll(AckTail.pauses(h.gcLog));
            }
            return AckTail.describe(phaseAcks, pauses, 20);
        }

        void close() {
            clients.shutdownNow();
            http.close(CloseMode.IMMEDIATE);
        }
    }

    // ---- the stand-ins

    /** The Zendesk API as the plugin uses it, counted by kind, timing its own handling. */
    static final class ZendeskFake {
        final StandInServer server;
        final Map<String, LongAdder> byKind = new ConcurrentHashMap<>();
        final Map<String, Long> ticketOf = new ConcurrentHashMap<>();
        final Map<Long, Long> requesterOf = new ConcurrentHashMap<>();
        final LongAdder created = new LongAdder();
        final LongAdder customerComments = new LongAdder();
        /** When tickets were created and customer comments added: the first minute counts them by window. */
        final Arrivals createdAt = new Arrivals();
        final Arrivals commentedAt = new Arrivals();
        final LongAdder deliveryTags = new LongAdder();
        final LongAdder requests = new LongAdder();
        final LongAdder handling = new LongAdder();
        final AtomicLong ids = new AtomicLong(100_000);
        final Map<Long, String> phoneOf = new ConcurrentHashMap<>();
        final Map<Long, String> conversationOf = new ConcurrentHashMap<>();
        /** Per customer the tickets created, per ticket the customer comments: each must be 1 (exactly once). */
        final Map<String, LongAdder> ticketsFor = new ConcurrentHashMap<>();
        final Map<Long, LongAdder> commentsOn = new ConcurrentHashMap<>();

        ZendeskFake() {
            server = StandInServer.serve(this::answer, handling);
        }

        String url() {
            return server.url();
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
                ticketsFor.computeIfAbsent(phoneOf.get(requester), k -> new LongAdder()).increment();
                created.increment();
                createdAt.record();
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
                    if (body.contains("\"comment\"") && body.contains("\"public\":false")) {
                        // A note for the agents (the host's possible-duplicate notice), not the customer's words.
                        count("ticket update with internal note");
                    } else if (body.contains("\"comment\"")) {
                        count("ticket update with comment");
                        customerComments.increment();
                        commentedAt.record();
                        commentsOn.computeIfAbsent(id, k -> new LongAdder()).increment();
                    } else if (body.contains("wa_delivered")) {
                        count("ticket update (delivery tag)");
                        deliveryTags.increment();
                    } else {
                        count("ticket update (other)");
                    }
                    return "{\"ticket\":" + ticket(id, requester) + "}";
                }
                if ("/audits".equals(m.group(2))) {
                    // Read when the plugin checks whether a note it may have written is on the ticket (a note
                    // the host adds when a send may reach the customer twice): none is.
                    count("audits read");
                    return "{\"audits\":[],\"next_page\":null,\"previous_page\":null,\"count\":0}";
                }
                if (m.group(2) != null) {
                    count("comments read");
                    // The author sideloaded as include=users asks (the stand-in does not pass the query on;
                    // ZendeskRequestEconomyEndToEndTest checks that the plugin asks for it).
                    return "{\"comments\":[{\"id\":" + (id * 10 + 1) + ",\"type\":\"Comment\",\"author_id\":" + AGENT
                            + ",\"body\":\"It ships today.\",\"public\":true,\"attachments\":[],"
                            + "\"created_at\":\"2026-09-01T11:00:00Z\"}],\"users\":[{\"id\":" + AGENT
                            + ",\"name\":\"Bea Agent\",\"role\":\"agent\"}],\"next_page\":null,\"previous_page\":null,"
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

    /**
     * Zendesk's webhook for an agent's comment, as the trigger renders the current template (the
     * ticket's requester and tags too); with {@code -Drealpath.zendeskBody=older}, the ids-only body of
     * a trigger set up by an older DeskBridge, which costs the plugin a ticket read more.
     */
    static String replyWebhook(long ticket, ZendeskFake zendesk) {
        String ids = "{\"source\":\"deskbridge\",\"ticket_id\":\"" + ticket + "\",\"comment_id\":\""
                + (ticket * 10 + 1) + "\",\"external_id\":\"" + zendesk.conversationOf.getOrDefault(ticket, "") + "\"";
        if ("older".equals(System.getProperty("realpath.zendeskBody"))) {
            return ids + ",\"updated_by\":\"" + AGENT + "\"}";
        }
        return ids + ",\"requester_id\":\"" + zendesk.requesterOf.get(ticket) + "\",\"tags\":\"whatsapp\","
                + "\"updated_by\":\"" + AGENT + "\"}";
    }

    /** The Cloud API's send endpoint: every send accepted with a wamid, timing its own handling. */
    static final class MetaFake {
        final StandInServer server;
        final LongAdder sends = new LongAdder();
        final LongAdder handling = new LongAdder();
        final Map<String, String> wamidTo = new ConcurrentHashMap<>();
        /**
         * What each send carried in {@code biz_opaque_callback_data}: Meta echoes it in the message's statuses,
         * and so do this benchmark's (a host whose answer from Meta was lost finds its send by it).
         */
        final Map<String, String> callbackDataOf = new ConcurrentHashMap<>();
        /** Sends per customer: each must be 1 (exactly once). */
        final Map<String, LongAdder> sendsTo = new ConcurrentHashMap<>();
        final AtomicLong ids = new AtomicLong();

        MetaFake() {
            server = StandInServer.serve((method, path, body) -> {
                if (!path.endsWith("/messages")) {
                    return null;
                }
                String wamid = "wamid.out-" + ids.incrementAndGet();
                String to = group(TO, body);
                wamidTo.put(to, wamid);
                Matcher callback = CALLBACK_DATA.matcher(body);
                if (callback.find()) {
                    callbackDataOf.put(wamid, callback.group(1));
                }
                sendsTo.computeIfAbsent(to, k -> new LongAdder()).increment();
                sends.increment();
                return "{\"messaging_product\":\"whatsapp\",\"contacts\":[{\"input\":\"" + to + "\",\"wa_id\":\"" + to
                        + "\"}],\"messages\":[{\"id\":\"" + wamid + "\"}]}";
            }, handling);
        }

        String url() {
            return server.url();
        }
    }

    /**
     * The generated host configuration (StartupBenchmark starts the same one). Both paces are at their maximum,
     * so that the host is measured: the channel's default of 80 sends a second (Meta's default throughput per
     * number) would otherwise set the agent replies' rate, and a Zendesk plan's limit the CRM's.
     * {@code -Drealpath.workers=N} sets {@code engine.workers} (otherwise its default).
     */
    static String config(String zendesk, String meta, String database) {
        Integer workers = Integer.getInteger("realpath.workers");
        return """
                host:
                  public_base_url: https://bridge.example.test
                  http: { bind: 127.0.0.1, port: 0, max_body_bytes: 1048576 }
                %s
                %s
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
                      messages_per_second: 10000
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
                """.formatted(database, workers == null ? "" : "engine: { workers: " + workers + " }", PHONE_NUMBER_ID,
                BUSINESS, APP_SECRET, meta, zendesk, ZENDESK_SECRET);
    }

    /** "N for N, each once", or what was missing or doubled. */
    private static String onceEach(Map<?, LongAdder> counts, int expected) {
        long doubled = counts.values().stream().filter(c -> c.sum() > 1).count();
        return counts.size() + " for " + expected + (doubled == 0 ? ", each once" : ", " + doubled + " MORE THAN ONCE");
    }

    private static String group(Pattern p, String s) {
        Matcher m = p.matcher(s);
        return m.find() ? m.group(1) : "";
    }

    private static int arg(String[] args, int i, int fallback) {
        return args.length > i ? Integer.parseInt(args[i]) : fallback;
    }
}
