package dev.deskbridge.host.e2e;

import dev.deskbridge.host.cli.CliEnvironment;
import dev.deskbridge.host.cli.DeskBridgeCli;
import dev.deskbridge.host.config.EnvLookup;
import dev.deskbridge.host.store.Database;
import dev.deskbridge.host.testing.Await;
import dev.deskbridge.host.testing.HostProbe;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The product as an operator runs it: {@code deskbridge run --config FILE} over a configuration
 * file and a plugins folder holding real plugin files, in this JVM so the business clock can be a
 * manual one. It listens on a free loopback port; the test looks in through a {@link HostProbe}
 * on the same embedded H2 database.
 *
 * <p>Every configuration starts with {@link #hostSections()}; a test adds its channels, CRMs and
 * routes, with secrets as {@code ${NAME}} taken from the environment it passes.
 */
final class RunningHost implements AutoCloseable {
    /** The address providers call: webhook URLs and Twilio's signatures are made with it. */
    static final String PUBLIC_BASE_URL = "https://bridge.example.test";
    private static final Pattern LISTENING = Pattern.compile("listening on http://127\\.0\\.0\\.1:(\\d+)");

    private final Thread run;
    private final CliEnvironment environment;
    private final Path configFile;
    private final StringWriter out;
    private final StringWriter err;
    private final Database database;
    private final HostProbe probe;

    private RunningHost(Thread run, CliEnvironment environment, Path configFile, StringWriter out, StringWriter err,
            Database database, HostProbe probe) {
        this.run = run;
        this.environment = environment;
        this.configFile = configFile;
        this.out = out;
        this.err = err;
        this.database = database;
        this.probe = probe;
    }

    /**
     * What every end-to-end configuration shares: the public URL, loopback on a free port, an H2
     * file under {@code ${DATA}}, a quick engine (3 attempts) and the golden test rate card.
     */
    static String hostSections() {
        return hostSections(3);
    }

    /** {@link #hostSections()} with another retry budget. */
    static String hostSections(int maxAttempts) {
        Path golden = Path.of("src/test/resources/golden/pricing").toAbsolutePath();
        return """
                host:
                  public_base_url: %s
                  http: { bind: 127.0.0.1, port: 0, max_body_bytes: 1048576 }
                database:
                  url: jdbc:h2:file:${DATA}/deskbridge
                  user: sa
                pricing:
                  markets: %s
                  rates: %s
                engine: { workers: 2, max_attempts: %d, max_age: 1h, warn_before: 2h }
                """.formatted(PUBLIC_BASE_URL, golden.resolve("markets.csv"), golden.resolve("rates.csv"), maxAttempts);
    }

    /**
     * Writes {@code home/deskbridge.yaml}, copies the plugin files into {@code home/plugins} and
     * runs the host until {@link #close()}.
     *
     * @param env the environment {@code ${NAME}} is taken from ({@code DATA} is set here)
     * @throws AssertionError when the host does not come up, with what it printed
     */
    static RunningHost start(Path home, String config, Map<String, String> env, Clock clock, Path... plugins) {
        Path configFile;
        try {
            Path pluginsDir = Files.createDirectories(home.resolve("plugins"));
            for (Path plugin : plugins) {
                Files.copy(plugin, pluginsDir.resolve(plugin.getFileName()));
            }
            configFile = Files.writeString(home.resolve("deskbridge.yaml"), config);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Path data = home.resolve("data");
        Map<String, String> variables = new HashMap<>(env);
        variables.put("DATA", data.toString());
        CliEnvironment environment = new CliEnvironment(EnvLookup.of(variables), home,
                RunningHost.class.getClassLoader(), clock);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        AtomicInteger exit = new AtomicInteger(-1);
        Thread run = new Thread(() -> exit.set(DeskBridgeCli.execute(environment, new PrintWriter(out, true),
                new PrintWriter(err, true), "run", "--config", configFile.toString())), "deskbridge-run");
        run.start();
        Await.until("the host listening", Duration.ofSeconds(60),
                () -> LISTENING.matcher(out.toString()).find() || !run.isAlive());
        Matcher m = LISTENING.matcher(out.toString());
        if (!m.find()) {
            stop(run);
            throw new AssertionError("deskbridge run did not start (exit " + exit.get() + "):\n" + out + err);
        }
        // A second pool on the same embedded database: H2 shares it within this JVM.
        Database database = Database.open(Database.h2File(data.resolve("deskbridge")), 2);
        return new RunningHost(run, environment, configFile, out, err, database,
                new HostProbe("http://127.0.0.1:" + m.group(1), database));
    }

    HostProbe probe() {
        return probe;
    }

    /** The host's database, through a second pool (seeding what a test does not drive through a provider). */
    Database database() {
        return database;
    }

    /**
     * Runs another {@code deskbridge} command beside the host, as an operator would, with its
     * configuration file ({@code --config} is added) and environment; what it printed, on exit 0.
     */
    String cli(String... args) {
        StringWriter cliOut = new StringWriter();
        StringWriter cliErr = new StringWriter();
        String[] all = java.util.stream.Stream.concat(java.util.Arrays.stream(args),
                java.util.stream.Stream.of("--config", configFile.toString())).toArray(String[]::new);
        int exit = DeskBridgeCli.execute(environment, new PrintWriter(cliOut, true), new PrintWriter(cliErr, true), all);
        if (exit != 0) {
            throw new AssertionError("deskbridge " + String.join(" ", args) + " exited " + exit + ":\n" + cliOut + cliErr);
        }
        return cliOut.toString();
    }

    /** The URL a provider calls for this path, as the host sees it. */
    static String publicUrl(String path) {
        return PUBLIC_BASE_URL + path;
    }

    /** Everything the command printed so far. */
    String output() {
        return out.toString() + err;
    }

    /** Stops the host as Ctrl-C would, then lets go of the database. */
    @Override
    public void close() {
        try {
            stop(run);
        } finally {
            database.close();
        }
    }

    private static void stop(Thread run) {
        run.interrupt();
        try {
            run.join(30_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (run.isAlive()) {
            throw new AssertionError("deskbridge run did not stop within 30 s");
        }
    }
}
