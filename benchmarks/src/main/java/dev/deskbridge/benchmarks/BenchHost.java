package dev.deskbridge.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One {@code deskbridge run} process of the real-path benchmark: its own home (plugin, configuration,
 * log, GC log), the JVM options {@code ./deskbridge run} uses and no heap limit of its own (as users
 * run it, so the heap peak is measured, not enforced), and its CPU time read from the operating system.
 */
final class BenchHost implements AutoCloseable {

    final Process process;
    final int port;
    final Path log;
    final Path gcLog;
    final double startMillis;

    private BenchHost(Process process, int port, Path log, Path gcLog, double startMillis) {
        this.process = process;
        this.port = port;
        this.log = log;
        this.gcLog = gcLog;
        this.startMillis = startMillis;
    }

    /**
     * Starts a host in {@code home} (which holds {@code plugins/} and the configuration) and waits until it listens.
     * With {@code -Drealpath.launcher=true} the host starts as users start it, through the checkout's {@code
     * ./deskbridge run}: its jvm.options, its class data archive (recorded first, when it has none for this build,
     * by {@link #prepareLauncher}), and the checkout's own {@code plugins/} folder (the launcher sets the home).
     */
    static BenchHost start(Path hostJar, Path home, Path config) throws Exception {
        Path log = home.resolve("host.log");
        Path gcLog = home.resolve("gc.log");
        List<String> jvm = new ArrayList<>(List.of("-Xlog:gc,safepoint:file=" + gcLog + ":utctime,uptime"));
        // Extra options for the host JVM (a profiler, a class data archive): -Drealpath.hostJvm="-XX:... -XX:..."
        jvm.addAll(List.of(System.getProperty("realpath.hostJvm", "").split("\\s+")).stream()
                .filter(o -> !o.isBlank()).toList());
        ProcessBuilder builder;
        if (viaLauncher()) {
            builder = Launcher.process(JvmOptions.checkoutOf(hostJar), jvm,
                    List.of("run", "--config", config.toString()));
        } else {
            List<String> command = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Ddeskbridge.home=" + home));
            // The options users run with (jvm.options, as ./deskbridge reads it).
            command.addAll(JvmOptions.forHostJar(hostJar));
            command.addAll(jvm);
            command.addAll(List.of("-cp", hostJar.toString(), "dev.deskbridge.host.cli.DeskBridgeCli", "run",
                    "--config", config.toString()));
            builder = new ProcessBuilder(command);
        }
        long started = System.nanoTime();
        Process host = builder.redirectErrorStream(true).redirectOutput(log.toFile()).directory(home.toFile()).start();
        try {
            int port = HostProcess.awaitListening(host, log, started);
            return new BenchHost(host, port, log, gcLog, (System.nanoTime() - started) / 1e6);
        } catch (Exception e) {
            host.destroy();
            throw e;
        }
    }

    /** -Drealpath.launcher=true: hosts start through the checkout's ./deskbridge launcher. */
    static boolean viaLauncher() {
        return Boolean.getBoolean("realpath.launcher");
    }

    /** With the launcher: has it record its class data archive before the first measured start ({@link Launcher#prepare}). */
    static void prepareLauncher(Path hostJar) throws Exception {
        if (viaLauncher()) {
            Launcher.prepare(JvmOptions.checkoutOf(hostJar));
        }
    }

    /** CPU time the process has used so far, user and system, in milliseconds. */
    long cpuMillis() {
        return process.info().totalCpuDuration().map(Duration::toMillis).orElse(-1L);
    }

    /** The largest heap in use before a collection, from the host's GC log. */
    String peakHeap() throws IOException {
        if (!Files.exists(gcLog)) {
            return "unknown (no GC log)";
        }
        Matcher m = Pattern.compile("(\\d+)M->(\\d+)M\\((\\d+)M\\)").matcher(Files.readString(gcLog));
        long peak = -1;
        long kept = -1;
        long committed = -1;
        int collections = 0;
        while (m.find()) {
            peak = Math.max(peak, Long.parseLong(m.group(1)));
            kept = Math.max(kept, Long.parseLong(m.group(2)));
            committed = Math.max(committed, Long.parseLong(m.group(3)));
            collections++;
        }
        // What a collection kept is the live data with the survivors: the part a heap limit cannot hide.
        return peak < 0 ? "unknown (no collection)" : peak + " MB over " + collections + " collections, at most "
                + kept + " MB kept by one, heap at most " + committed + " MB";
    }

    /**
     * The most memory the process has held in RAM so far (Linux's {@code VmHWM}): heap, code cache, the
     * JIT's own memory and the rest, which a heap limit does not bound. "unknown" where it cannot be read.
     */
    String peakResident() {
        try {
            return Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status")).stream()
                    .filter(l -> l.startsWith("VmHWM:"))
                    .map(l -> Long.parseLong(l.replaceAll("\\D", "")) / 1024 + " MB")
                    .findFirst().orElse("unknown");
        } catch (IOException | NumberFormatException e) {
            return "unknown";
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        process.waitFor();
    }
}
