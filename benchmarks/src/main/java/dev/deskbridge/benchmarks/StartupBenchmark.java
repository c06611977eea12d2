package dev.deskbridge.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Start-up to listening of the real host process, as RealPathBenchmark starts it: {@code java -cp
 * deskbridge-host.jar ... run --config <generated>} with the built Zendesk plugin in its plugins
 * folder, an embedded H2 file database and the built-in WhatsApp Cloud channel. Each round starts
 * once on an empty database (the migrations run) and once more on the database that start left
 * (a restart); prints wall time from the process's start to its "listening on" line and the CPU
 * time the process had used by then, min / median / max, and the host's own account of its steps
 * (the "started in" line) of the last start of each kind.
 *
 * <p>{@code java -cp benchmarks/target/benchmarks.jar dev.deskbridge.benchmarks.StartupBenchmark [rounds]}
 * with {@code -Dstartup.hostJar=<jar>} to start another build's host (A/B), {@code
 * -Dstartup.hostJvm="<options>"} for more JVM options, and {@code -Dstartup.cds=true} to start from a
 * class data archive made by a training start first, as the {@code ./deskbridge} launcher does.
 * Nothing listens at the stand-in addresses: start-up does not call out.
 */
public final class StartupBenchmark {
    private static final Pattern LISTENING = Pattern.compile("listening on http://127\\.0\\.0\\.1:(\\d+)");
    private static final Pattern STARTED = Pattern.compile("started in .*");

    private StartupBenchmark() {}

    /** One start: wall and CPU milliseconds to listening, and the host's own line on its steps. */
    record Start(double wallMillis, long cpuMillis, String steps) {}

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        Path root = Path.of("").toAbsolutePath();
        // Another build (A/B) is taken as it is; this checkout's own is checked against its sources.
        String otherHostJar = System.getProperty("startup.hostJar");
        Path hostJar;
        if (otherHostJar == null) {
            hostJar = BuiltJars.built(root, "host-app/target/deskbridge-host.jar");
        } else {
            hostJar = Path.of(otherHostJar).toAbsolutePath();
            if (!Files.isRegularFile(hostJar)) {
                throw new IllegalStateException("-Dstartup.hostJar: no such file: " + hostJar);
            }
        }
        Path plugin = BuiltJars.built(root, "plugins/deskbridge-zendesk-0.1.0.jar");
        Path work = Files.createTempDirectory("deskbridge-startup");
        try {
            List<String> jvm = new ArrayList<>(List.of(System.getProperty("startup.hostJvm", "").split("\\s+")))
                    .stream().filter(o -> !o.isBlank()).collect(java.util.stream.Collectors.toCollection(ArrayList::new));
            if (Boolean.getBoolean("startup.cds")) {
                Path archive = work.resolve("run.jsa");
                Path training = home(work.resolve("training"), plugin);
                start(hostJar, training, List.of("-XX:ArchiveClassesAtExit=" + archive), true).close();
                System.out.printf("class data archive: %s (%d MB)%n", archive, Files.size(archive) >> 20);
                jvm.addAll(List.of("-XX:SharedArchiveFile=" + archive, "-Xlog:cds=off", "-Xlog:cds+dynamic=off"));
            }
            System.out.printf("host %s, JVM options %s, %d rounds%n", hostJar, jvm, rounds);
            List<Start> empty = new ArrayList<>();
            List<Start> existing = new ArrayList<>();
            for (int r = 0; r < rounds; r++) {
                Path home = home(work.resolve("round-" + r), plugin);
                empty.add(once(hostJar, home, jvm));
                existing.add(once(hostJar, home, jvm));
            }
            report("empty database (migrations run)", empty);
            report("existing database (restart)", existing);
        } finally {
            delete(work);
        }
    }

    private static Start once(Path hostJar, Path home, List<String> jvm) throws Exception {
        try (Running host = start(hostJar, home, jvm, false)) {
            return host.start;
        }
    }

    private static void report(String what, List<Start> starts) {
        double[] wall = starts.stream().mapToDouble(Start::wallMillis).sorted().toArray();
        long[] cpu = starts.stream().mapToLong(Start::cpuMillis).sorted().toArray();
        System.out.printf("%s: to listening %.0f / %.0f / %.0f ms (min / median / max of %d), CPU by then %d / %d / %d ms%n",
                what, wall[0], wall[wall.length / 2], wall[wall.length - 1], wall.length, cpu[0], cpu[cpu.length / 2],
                cpu[cpu.length - 1]);
        System.out.println("  last start, the host's own account: " + starts.get(starts.size() - 1).steps());
    }

    /** A host home with the plugin and the configuration RealPathBenchmark generates (stand-ins on a closed port). */
    private static Path home(Path home, Path plugin) throws Exception {
        Files.createDirectories(home.resolve("plugins"));
        Files.copy(plugin, home.resolve("plugins").resolve(plugin.getFileName()));
        // Start-up calls nothing out: the stand-ins' addresses are a closed port.
        String nobody = "http://127.0.0.1:9";
        Files.writeString(home.resolve("deskbridge.yaml"), RealPathBenchmark.config(nobody, nobody,
                "database:\n  url: jdbc:h2:file:" + home.resolve("data").resolve("deskbridge") + "\n  user: sa"));
        return home;
    }

    /** The host process until closed (SIGTERM, waited for). */
    private record Running(Process process, Start start) implements AutoCloseable {
        @Override
        public void close() throws InterruptedException {
            process.destroy();
            process.waitFor();
        }
    }

    private static Running start(Path hostJar, Path home, List<String> jvm, boolean training) throws Exception {
        Path log = home.resolve("host.log");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-Ddeskbridge.home=" + home));
        // The options users run with (jvm.options, as ./deskbridge reads it), also for the training start.
        command.addAll(JvmOptions.forHostJar(hostJar));
        command.addAll(jvm);
        command.addAll(List.of("-cp", hostJar.toString(), "dev.deskbridge.host.cli.DeskBridgeCli", "run", "--config",
                home.resolve("deskbridge.yaml").toString()));
        if (training) {
            command.addAll(List.of("--stop-after", "PT0S"));
        }
        long started = System.nanoTime();
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile())
                .directory(home.toFile()).start();
        try {
            while (System.nanoTime() - started < Duration.ofSeconds(120).toNanos()) {
                String out = Files.readString(log);
                if (LISTENING.matcher(out).find()) {
                    double wall = (System.nanoTime() - started) / 1e6;
                    long cpu = process.info().totalCpuDuration().map(Duration::toMillis).orElse(-1L);
                    if (training) {
                        process.waitFor();
                    }
                    return new Running(process, new Start(wall, cpu, steps(log)));
                }
                if (!process.isAlive()) {
                    throw new IllegalStateException("host exited " + process.exitValue() + ":\n" + out);
                }
                Thread.sleep(2);
            }
            throw new IllegalStateException("host not listening after 120 s; log: " + log);
        } catch (Exception e) {
            process.destroyForcibly();
            throw e;
        }
    }

    /** The host's "started in" line, logged about when it listens; a build without it has none. */
    private static String steps(Path log) throws Exception {
        for (int i = 0; i < 100; i++) {
            Matcher steps = STARTED.matcher(Files.readString(log));
            if (steps.find()) {
                return steps.group();
            }
            Thread.sleep(20);
        }
        return "(no steps line)";
    }

    private static void delete(Path dir) throws java.io.IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
