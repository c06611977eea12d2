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
 * {@code deskbridge run --config FILE} in a JVM of its own, as users run it: the built host jar,
 * a heap limit, a GC log (uptime-stamped) to read the host's real heap from outside, and the built
 * plugins copied into its home.
 */
final class HostProcess implements AutoCloseable {
    private static final Pattern LISTENING = Pattern.compile("listening on http://127\\.0\\.0\\.1:(\\d+)");
    /** A G1 log line: uptime, what, heap before -> after (committed). */
    private static final Pattern GC_LINE = Pattern.compile(
            "\\[(\\d+\\.\\d+)s\\].*?GC\\(\\d+\\) (.*?) (\\d+)M->(\\d+)M\\((\\d+)M\\)");

    final Path home;
    final Path log;
    final Path gcLog;
    final Process process;
    final int port;
    final double startupMillis;
    private final long startedNanos;

    private HostProcess(Path home, Path log, Path gcLog, Process process, int port, long startedNanos) {
        this.home = home;
        this.log = log;
        this.gcLog = gcLog;
        this.process = process;
        this.port = port;
        this.startedNanos = startedNanos;
        this.startupMillis = (System.nanoTime() - startedNanos) / 1e6;
    }

    /** The host jar and a plugin jar of this checkout; fails with what to build when missing or older than its sources. */
    static Path built(String relative) {
        return BuiltJars.built(Path.of("").toAbsolutePath(), relative);
    }

    /** Starts the host with {@code config} in a fresh home holding {@code plugins}; waits until it listens. */
    static HostProcess start(String prefix, String config, String xmx, List<Path> plugins) throws Exception {
        Path hostJar = built("host-app/target/deskbridge-host.jar");
        Path home = Files.createTempDirectory(prefix);
        Files.createDirectories(home.resolve("plugins"));
        for (Path plugin : plugins) {
            Files.copy(plugin, home.resolve("plugins").resolve(plugin.getFileName()));
        }
        Path file = Files.writeString(home.resolve("deskbridge.yaml"), config);
        Path log = home.resolve("host.log");
        Path gcLog = home.resolve("gc.log");
        long started = System.nanoTime();
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + xmx, "-Xlog:gc:file=" + gcLog + ":uptime", "-Ddeskbridge.home=" + home, "-cp",
                hostJar.toString(), "dev.deskbridge.host.cli.DeskBridgeCli", "run", "--config", file.toString()));
        // More options for the host's JVM (a profiler, another collector), e.g. -Dbench.hostJvm="-XX:+UseSerialGC".
        String extra = System.getProperty("bench.hostJvm", "").strip();
        if (!extra.isEmpty()) {
            cmd.addAll(1, List.of(extra.split("\\s+")));
        }
        // The options users run with (jvm.options, as ./deskbridge reads it), before those above: later ones win.
        cmd.addAll(1, JvmOptions.forHostJar(hostJar));
        Process process = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile())
                .directory(home.toFile()).start();
        try {
            int port = awaitListening(process, log, started);
            return new HostProcess(home, log, gcLog, process, port, started);
        } catch (Exception e) {
            process.destroyForcibly();
            throw e;
        }
    }

    String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    /** Stops the host as a user would (SIGTERM) and waits for it. */
    @Override
    public void close() {
        process.destroy();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** One collection from the GC log. */
    record Collection(double uptimeSeconds, String what, long beforeMb, long afterMb, long committedMb) {}

    List<Collection> collections() throws IOException {
        List<Collection> out = new ArrayList<>();
        if (!Files.exists(gcLog)) {
            return out;
        }
        Matcher m = GC_LINE.matcher(Files.readString(gcLog));
        while (m.find()) {
            out.add(new Collection(Double.parseDouble(m.group(1)), m.group(2), Long.parseLong(m.group(3)),
                    Long.parseLong(m.group(4)), Long.parseLong(m.group(5))));
        }
        return out;
    }

    /** The host's uptime (as its GC log counts it, near enough) at a {@code System.nanoTime()} of this JVM. */
    double uptimeSeconds(long nanoTime) {
        return (nanoTime - startedNanos) / 1e9;
    }

    /**
     * The heap between two uptimes from the GC log: the most in use before a collection, and the
     * least and most left after one (young collections leave the old generation's garbage in it).
     */
    String heapBetween(double from, double to) throws IOException {
        List<Collection> in = collections().stream().filter(c -> c.uptimeSeconds() >= from && c.uptimeSeconds() < to)
                .toList();
        if (in.isEmpty()) {
            return "no collection";
        }
        return String.format("peak %d MB before a collection, %d-%d MB after, %d MB committed, %d collections",
                in.stream().mapToLong(Collection::beforeMb).max().orElseThrow(),
                in.stream().mapToLong(Collection::afterMb).min().orElseThrow(),
                in.stream().mapToLong(Collection::afterMb).max().orElseThrow(),
                in.get(in.size() - 1).committedMb(), in.size());
    }

    /** The most heap in use before a collection between two uptimes, in MB; "-" when none ran. */
    String peakBetween(double from, double to) throws IOException {
        return collections().stream().filter(c -> c.uptimeSeconds() >= from && c.uptimeSeconds() < to)
                .mapToLong(Collection::beforeMb).max().stream().mapToObj(String::valueOf).findFirst().orElse("-");
    }

    /** The largest heap in use before a collection, from the host's GC log. */
    String peakHeap() throws IOException {
        List<Collection> all = collections();
        long peak = all.stream().mapToLong(Collection::beforeMb).max().orElse(-1);
        return peak < 0 ? "unknown (no collection)" : peak + " MB over " + all.size() + " collections";
    }

    /**
     * The heap still in use after a full collection asked of the host now ({@code jcmd GC.run}):
     * what the host keeps, garbage left out. Empty when jcmd is not there or the log shows no full GC.
     */
    java.util.OptionalLong liveHeapMb() throws IOException, InterruptedException {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        if (!Files.isExecutable(jcmd)) {
            return java.util.OptionalLong.empty();
        }
        int before = collections().size();
        new ProcessBuilder(jcmd.toString(), String.valueOf(process.pid()), "GC.run").redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor();
        for (int i = 0; i < 50; i++) {
            List<Collection> all = collections();
            for (int j = before; j < all.size(); j++) {
                if (all.get(j).what().startsWith("Pause Full")) {
                    return java.util.OptionalLong.of(all.get(j).afterMb());
                }
            }
            Thread.sleep(100);
        }
        return java.util.OptionalLong.empty();
    }

    /** The port of the host's "listening on" line in its log, once it is there (at most 120 s). */
    static int awaitListening(Process host, Path log, long started) throws Exception {
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
}
