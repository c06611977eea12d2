package dev.deskbridge.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
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
 * {@code -Dstartup.launcher=true} starts the host as users do, through the checkout's {@code
 * ./deskbridge run} (its jvm.options, its own class data archive, which it records first when it has
 * none for this build, and the plugins of its {@code plugins/} folder), or another checkout's with
 * {@code -Dstartup.root=<dir>} (A/B). Nothing listens at the stand-in addresses: start-up does not call out.
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
        Path plugin = BuiltJars.built(root, "plugins/deskbridge-zendesk-0.1.0.jar");
        Path work = Files.createTempDirectory("deskbridge-startup");
        try {
            List<String> jvm = new ArrayList<>(List.of(System.getProperty("startup.hostJvm", "").split("\\s+")))
                    .stream().filter(o -> !o.isBlank()).collect(java.util.stream.Collectors.toCollection(ArrayList::new));
            Launch launch;
            if (Boolean.getBoolean("startup.launcher")) {
                Path launcherRoot = launcherRoot(root);
                Launcher.prepare(launcherRoot);
                launch = new ThroughLauncher(launcherRoot, jvm);
            } else {
                Path hostJar = hostJar(root);
                if (Boolean.getBoolean("startup.cds")) {
                    Path archive = work.resolve("run.jsa");
                    once(new OnJar(hostJar, List.of("-XX:ArchiveClassesAtExit=" + archive)),
                            home(work.resolve("training"), plugin), true);
                    System.out.printf("class data archive: %s (%d MB)%n", archive, Files.size(archive) >> 20);
                    jvm.addAll(List.of("-XX:SharedArchiveFile=" + archive, "-Xlog:cds=off", "-Xlog:cds+dynamic=off"));
                }
                launch = new OnJar(hostJar, jvm);
            }
            System.out.printf("%s, %d rounds%n", launch.describe(), rounds);
            List<Start> empty = new ArrayList<>();
            List<Start> existing = new ArrayList<>();
            MachineCpu machine = MachineCpu.now();
            for (int r = 0; r < rounds; r++) {
                Path home = home(work.resolve("round-" + r), plugin);
                empty.add(once(launch, home, false));
                existing.add(once(launch, home, false));
            }
            report("empty database (migrations run)", empty);
            report("existing database (restart)", existing);
            System.out.println("over the starts, " + MachineCpu.between(machine, MachineCpu.now()));
        } finally {
            delete(work);
        }
    }

    /** This checkout's host jar, checked against its sources, or -Dstartup.hostJar's (another build, A/B) as it is. */
    private static Path hostJar(Path root) {
        String other = System.getProperty("startup.hostJar");
        if (other == null) {
            return BuiltJars.built(root, "host-app/target/deskbridge-host.jar");
        }
        Path hostJar = Path.of(other).toAbsolutePath();
        if (!Files.isRegularFile(hostJar)) {
            throw new IllegalStateException("-Dstartup.hostJar: no such file: " + hostJar);
        }
        return hostJar;
    }

    /** This checkout, its build checked against its sources, or -Dstartup.root's (another checkout, A/B) as it is. */
    private static Path launcherRoot(Path root) {
        String other = System.getProperty("startup.root");
        if (other == null) {
            BuiltJars.built(root, "host-app/target/deskbridge-host.jar");
            return root;
        }
        Path dir = Path.of(other).toAbsolutePath();
        if (!Files.isExecutable(dir.resolve("deskbridge"))) {
            throw new IllegalStateException("-Dstartup.root: no deskbridge launcher in " + dir);
        }
        return dir;
    }

    /** How a host is started. */
    private interface Launch {
        String describe();

        /** The process for {@code home} and the CLI's arguments ({@code run --config ...}). */
        ProcessBuilder process(Path home, List<String> args);
    }

    /** The java binary on a host jar, with jvm.options (as ./deskbridge reads it) and {@code jvm}. */
    private record OnJar(Path hostJar, List<String> jvm) implements Launch {
        OnJar {
            Objects.requireNonNull(hostJar, "hostJar");
            jvm = List.copyOf(jvm);
        }

        @Override
        public String describe() {
            return "host " + hostJar + ", JVM options " + jvm;
        }

        @Override
        public ProcessBuilder process(Path home, List<String> args) {
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                    .toString(), "-Xmx256m", "-Ddeskbridge.home=" + home));
            // The options users run with (jvm.options, as ./deskbridge reads it), also for the training start.
            command.addAll(JvmOptions.forHostJar(hostJar));
            command.addAll(jvm);
            command.addAll(List.of("-cp", hostJar.toString(), "dev.deskbridge.host.cli.DeskBridgeCli"));
            command.addAll(args);
            return new ProcessBuilder(command).directory(home.toFile());
        }
    }

    /** A checkout's ./deskbridge, as users start the host ({@link Launcher}). */
    private record ThroughLauncher(Path root, List<String> jvm) implements Launch {
        ThroughLauncher {
            Objects.requireNonNull(root, "root");
            jvm = List.copyOf(jvm);
        }

        @Override
        public String describe() {
            return "launcher " + root.resolve("deskbridge") + ", DESKBRIDGE_JAVA_OPTS " + jvm;
        }

        @Override
        public ProcessBuilder process(Path home, List<String> args) {
            return Launcher.process(root, jvm, args).directory(home.toFile());
        }
    }

    private static Start once(Launch launch, Path home, boolean training) throws Exception {
        try (Running host = start(launch, home, training)) {
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

    private static Running start(Launch launch, Path home, boolean training) throws Exception {
        Path log = home.resolve("host.log");
        List<String> run = new ArrayList<>(List.of("run", "--config", home.resolve("deskbridge.yaml").toString()));
        if (training) {
            run.addAll(List.of("--stop-after", "PT0S"));
        }
        long started = System.nanoTime();
        Process process = launch.process(home, run).redirectErrorStream(true).redirectOutput(log.toFile()).start();
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
