package dev.deskbridge.benchmarks;

import dev.deskbridge.host.testing.MetaWebhooks;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntFunction;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;

/**
 * Issue 17's cold target as it is stated: "a freshly started host reaches at least half of [the warm
 * rate] in its first minute" ({@code -Drealpath.firstMinute=60}). A freshly started host is driven
 * without a pause from its "listening on" line for two windows: messages of new customers, counted as
 * tickets arrive at the Zendesk stand-in, first window against second (the same host, warm by then).
 * Then that host is stopped and a fresh one is started on the same database, and the customers just
 * created write again (known conversations), counted as comments arrive, the same two windows.
 * The driver keeps at most {@link #AHEAD} webhooks acknowledged but not yet in Zendesk, so the
 * workers always have work and the queue stays bounded (a backlog would be counted in a later window).
 */
final class FirstMinute {
    /** Webhooks acknowledged but not yet in the CRM that the driver allows before it waits. */
    static final int AHEAD = 500;
    /** The rates: new customers and known conversations per second into the CRM. */
    private static final double TARGET_NEW = 1000;
    private static final double TARGET_KNOWN = 2000;
    /** The curve is printed in this many slices of the two windows. */
    private static final int SLICES = 12;

    private FirstMinute() {}

    /** The two measurements, each on a freshly started host on one database. */
    static void run(Path home, Path plugin, Path hostJar, BenchDatabase database, RealPathBenchmark.ZendeskFake zendesk,
            RealPathBenchmark.MetaFake meta, int clients, Duration window, Duration timeout) throws Exception {
        Files.createDirectories(home.resolve("plugins"));
        Files.copy(plugin, home.resolve("plugins").resolve(plugin.getFileName()));
        Path config = Files.writeString(home.resolve("deskbridge.yaml"),
                RealPathBenchmark.config(zendesk.url(), meta.url(), database.yaml()));
        System.out.printf("first minute: %d s windows from the host's listening line, %d clients, at most %d webhooks"
                + " ahead of the CRM%n", window.toSeconds(), clients, AHEAD);

        // 1. New customers, each message from a customer not seen before.
        long customers;
        BenchHost host = BenchHost.start(hostJar, home, config);
        try {
            long listening = System.nanoTime();
            RealPathBenchmark.Driver driver = new RealPathBenchmark.Driver(List.of(host), clients,
                    database::serverCpuMillis);
            long base = zendesk.created.sum();
            customers = measure("new customers", host, listening, driver, i -> () -> driver.meta(MetaWebhooks.text(
                    "wamid.cold-" + i + "-0", customer(i), "Hello, where is my order?", Instant.now())),
                    () -> zendesk.created.sum() - base, zendesk.createdAt, window, timeout, TARGET_NEW);
            driver.close();
        } finally {
            host.close();
        }
        String heapNew = host.peakHeap();
        keepLogs(home, "new-customers");

        // 2. Known conversations on a host started afresh on the same database: each customer above writes again.
        long sent;
        host = BenchHost.start(hostJar, home, config);
        try {
            long listening = System.nanoTime();
            RealPathBenchmark.Driver driver = new RealPathBenchmark.Driver(List.of(host), clients,
                    database::serverCpuMillis);
            long base = zendesk.customerComments.sum();
            long known = customers;
            sent = measure("known conversations", host, listening, driver, i -> () -> driver.meta(MetaWebhooks.text(
                    "wamid.cold-" + (i % known) + "-" + (1 + i / known), customer(i % known), "Any news?",
                    Instant.now())), () -> zendesk.customerComments.sum() - base, zendesk.commentedAt, window,
                    timeout, TARGET_KNOWN);
            driver.close();
        } finally {
            host.close();
        }
        String heapKnown = host.peakHeap();
        keepLogs(home, "known-conversations");

        long doubled = zendesk.ticketsFor.values().stream().filter(c -> c.sum() > 1).count();
        long comments = zendesk.commentsOn.values().stream().mapToLong(LongAdder::sum).sum();
        System.out.printf("exactly once: tickets %d for %d customers%s; customer comments %d for %d sent%n",
                zendesk.ticketsFor.size(), customers, doubled == 0 ? ", each once" : ", " + doubled + " MORE THAN ONCE",
                comments, sent);
        System.out.printf("host heap, new customers: %s; known conversations: %s (jvm.options); logs in %s%n", heapNew,
                heapKnown, home);
    }

    private static String customer(long i) {
        return "+1301" + String.format("%07d", i);
    }

    /** The host's log and GC log under the phase's name: the next host starts in the same home. */
    private static void keepLogs(Path home, String phase) throws Exception {
        for (String log : List.of("host", "gc")) {
            Path p = home.resolve(log + ".log");
            if (Files.exists(p)) {
                Files.move(p, home.resolve(log + "-" + phase + ".log"));
            }
        }
    }

    /**
     * Drives {@code event(0), event(1), ...} from the listening line for two windows, waits until the CRM
     * holds all of them, prints both windows and the verdict; returns how many were sent.
     */
    private static long measure(String what, BenchHost host, long listening, RealPathBenchmark.Driver driver,
            IntFunction<Runnable> event, LongSupplier delivered, Arrivals arrivals, Duration window, Duration timeout,
            double target) throws Exception {
        long w = window.toNanos();
        long pid = host.process.pid();
        long cpu0 = driver.cpuMillis();
        long db0 = driver.serverCpuMillis();
        long jit0 = ProcCpu.threadsMillis(pid, FirstMinute::jit);
        long gc0 = ProcCpu.threadsMillis(pid, FirstMinute::gc);
        MachineCpu machine0 = MachineCpu.now();
        driver.takeAcks();
        AtomicLong sent = new AtomicLong();
        List<Future<?>> loops = driver.drive(event, delivered, listening + 2 * w, AHEAD, sent);
        sleepUntil(listening + w);
        long cpu1 = driver.cpuMillis();
        long db1 = driver.serverCpuMillis();
        long jit1 = ProcCpu.threadsMillis(pid, FirstMinute::jit);
        long gc1 = ProcCpu.threadsMillis(pid, FirstMinute::gc);
        MachineCpu machine1 = MachineCpu.now();
        long[] acks1 = driver.takeAcks();
        sleepUntil(listening + 2 * w);
        long cpu2 = driver.cpuMillis();
        long db2 = driver.serverCpuMillis();
        long jit2 = ProcCpu.threadsMillis(pid, FirstMinute::jit);
        long gc2 = ProcCpu.threadsMillis(pid, FirstMinute::gc);
        MachineCpu machine2 = MachineCpu.now();
        long[] acks2 = driver.takeAcks();
        for (Future<?> loop : loops) {
            loop.get();
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        while (delivered.getAsLong() < sent.get() && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        long[] counts = arrivals.perWindow(listening, w, 2);
        double[] slices = arrivals.ratePerWindow(listening, 2 * w / SLICES, SLICES);
        double first = counts[0] / (w / 1e9);
        double warm = counts[1] / (w / 1e9);
        long s = window.toSeconds();
        System.out.printf("first minute, %s (host listening after %.0f ms): 0-%d s %d into Zendesk = %.0f/s, %s;"
                + " %d-%d s (warm) %d = %.0f/s, %s%n", what, host.startMillis, s, counts[0], first,
                costs(cpu1 - cpu0, db0 < 0 ? -1 : db1 - db0, counts[0], acks1), s, 2 * s, counts[1], warm,
                costs(cpu2 - cpu1, db0 < 0 ? -1 : db2 - db1, counts[1], acks2));
        System.out.printf("  %s: first window at %.0f %% of the warm one: %s; against the issue's %.0f/s: first window"
                + " at %.0f %% of it: %s%n", what, 100 * first / warm, verdict(first, warm), target,
                100 * first / target, verdict(first, target));
        System.out.printf("  %s, host CPU of it in the JIT compiler threads: %.1f s in the first window, %.1f s in the"
                + " warm one; in the GC threads: %.1f s, %.1f s%n", what, (jit1 - jit0) / 1e3, (jit2 - jit1) / 1e3,
                (gc1 - gc0) / 1e3, (gc2 - gc1) / 1e3);
        System.out.printf("  %s, first window: %s; warm one: %s%n", what, MachineCpu.between(machine0, machine1),
                MachineCpu.between(machine1, machine2));
        System.out.printf("  %s per %.0f s from listening: %s /s; sent %d, in Zendesk %d%s%n", what,
                2.0 * s / SLICES, Arrays.stream(slices).mapToObj(r -> String.format("%.0f", r))
                        .collect(Collectors.joining(" ")), sent.get(), delivered.getAsLong(),
                delivered.getAsLong() < sent.get() ? " (TIMED OUT)" : "");
        return sent.get();
    }

    /** HotSpot's compiler threads ("C2 CompilerThread0", cut to 15 characters by Linux). */
    static boolean jit(String thread) {
        return thread.startsWith("C1 CompilerThre") || thread.startsWith("C2 CompilerThre");
    }

    /** G1's threads: the parallel workers, the concurrent marking and refinement threads. */
    private static boolean gc(String thread) {
        return thread.startsWith("GC Thread") || thread.startsWith("G1 ");
    }

    /** "met" when the first window reached at least half of {@code reference}. */
    static String verdict(double first, double reference) {
        return first >= reference / 2 ? "met (half or more)" : "NOT MET (under half)";
    }

    private static String costs(long cpuMillis, long serverCpuMillis, long events, long[] acks) {
        return String.format("host CPU %.2f ms/event%s, ack p50 %.1f ms, p99 %.1f ms", (double) cpuMillis / events,
                serverCpuMillis < 0 ? "" : String.format(", database server CPU %.2f ms/event",
                        (double) serverCpuMillis / events),
                RealPathBenchmark.percentile(acks, 0.50), RealPathBenchmark.percentile(acks, 0.99));
    }

    private static void sleepUntil(long nanos) throws InterruptedException {
        long left;
        while ((left = nanos - System.nanoTime()) > 0) {
            Thread.sleep(Math.max(1, Math.min(left / 1_000_000, 100)));
        }
    }
}
