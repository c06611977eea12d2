package dev.deskbridge.host.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.deskbridge.host.config.EnvLookup;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code deskbridge run} starts the real host from a configuration file and stops cleanly. */
class RunCommandTest {
    @TempDir
    Path home;

    @Test
    void runsTheHostFromAConfigurationAndStops() throws Exception {
        Path config = home.resolve("deskbridge.yaml");
        Files.writeString(config, """
                host:
                  public_base_url: https://bridge.example.test
                  http: { bind: 127.0.0.1, port: 0, max_body_bytes: 65536 }
                database:
                  url: jdbc:h2:file:${DATA}/deskbridge
                  user: sa
                engine: { workers: 2, max_attempts: 3, max_age: 1h, warn_before: 2h }
                """);
        // A stray file no configured connector needs: warned about, and no reason to take the host out of service.
        Files.createDirectories(home.resolve("plugins"));
        Files.write(home.resolve("plugins/truncated-1.0.jar"), new byte[] {'P', 'K', 3, 4, 0, 0});
        CliEnvironment env = new CliEnvironment(EnvLookup.of(Map.of("DATA", home.resolve("data").toString())), home,
                RunCommandTest.class.getClassLoader(), Clock.systemUTC());
        int exit;
        BackgroundCli run = BackgroundCli.start(env, "run", "--config", config.toString(), "--plugins-dir",
                home.resolve("plugins").toString());
        try {
            Matcher m = run.await(Pattern.compile("listening on http://127\\.0\\.0\\.1:(\\d+)"));
            HttpResponse<String> health = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + m.group(1) + "/health")).build(),
                    HttpResponse.BodyHandlers.ofString());
            // Before: 503 with "plugins":"DOWN" for as long as the host ran, while it served every webhook.
            assertThat(health.statusCode()).as(health.body()).isEqualTo(200);
            assertThat(health.body()).contains("\"database\":\"UP\"").contains("\"plugins\":\"UP\"");
            assertThat(run.printed()).contains("truncated-1.0.jar not loaded");
            assertThat(Files.exists(home.resolve("data/deskbridge.mv.db"))).isTrue();
        } finally {
            exit = run.stop();
        }
        assertThat(exit).isZero();
    }

    @Test
    void anInvalidConfigurationExitsWith2AndSaysWhy() throws Exception {
        Path config = home.resolve("bad.yaml");
        Files.writeString(config, "host:\n  public_base_url: https://x.test\ndatabase:\n  url: not-jdbc\n");
        StringWriter err = new StringWriter();
        int code = DeskBridgeCli.execute(new CliEnvironment(EnvLookup.of(Map.of()), home,
                RunCommandTest.class.getClassLoader(), Clock.systemUTC()), new PrintWriter(new StringWriter()),
                new PrintWriter(err, true), "run", "--config", config.toString());
        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("database.url");
    }

    @Test
    void aPortInUseStopsTheStartBeforeTheEngineAndNamesTheSettings() throws Exception {
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 50,
                java.net.InetAddress.getByName("127.0.0.1"))) {
            Path config = home.resolve("taken.yaml");
            Files.writeString(config, """
                    host:
                      public_base_url: https://bridge.example.test
                      http: { bind: 127.0.0.1, port: %d }
                    database:
                      url: jdbc:h2:file:${DATA}/deskbridge
                    """.formatted(taken.getLocalPort()));
            StringWriter err = new StringWriter();
            StringWriter out = new StringWriter();
            ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> logs =
                    new ch.qos.logback.core.read.ListAppender<>();
            logs.start();
            ch.qos.logback.classic.Logger root = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(
                    org.slf4j.Logger.ROOT_LOGGER_NAME);
            root.addAppender(logs);
            int code;
            try {
                code = DeskBridgeCli.execute(new CliEnvironment(EnvLookup.of(Map.of("DATA",
                        home.resolve("data").toString())), home, RunCommandTest.class.getClassLoader(),
                        Clock.systemUTC()), new PrintWriter(out), new PrintWriter(err, true), "run", "--config",
                        config.toString());
            } finally {
                root.detachAppender(logs);
            }
            assertThat(code).isEqualTo(1);
            assertThat(err.toString()).contains("cannot listen on 127.0.0.1:" + taken.getLocalPort()
                    + " (host.http.bind, host.http.port)");
            // Before: the engine's workers started, and worked the queues, before the bind failed.
            assertThat(logs.list).noneMatch(e -> e.getFormattedMessage().matches("engine .* started.*"));
        }
    }

    /** A configuration whose database section is valid and whose HTTP port is not. */
    private Path badPortConfig() throws Exception {
        return Files.writeString(home.resolve("bad-port.yaml"), """
                host:
                  public_base_url: https://bridge.example.test
                  http: { bind: 127.0.0.1, port: 70000 }
                database:
                  url: jdbc:h2:file:${DATA}/deskbridge
                  user: sa
                """);
    }

    private int runWith(Path config, StringWriter err) {
        CliEnvironment env = new CliEnvironment(EnvLookup.of(Map.of("DATA", home.resolve("data").toString())), home,
                RunCommandTest.class.getClassLoader(), Clock.systemUTC());
        return DeskBridgeCli.execute(env, new PrintWriter(new StringWriter()), new PrintWriter(err, true), "run",
                "--config", config.toString(), "--plugins-dir", home.resolve("plugins").toString());
    }

    @Test
    void anInvalidConfigurationCreatesNoDatabaseEvenWhenItsDatabaseSectionIsValid() throws Exception {
        StringWriter err = new StringWriter();
        assertThat(runWith(badPortConfig(), err)).isEqualTo(2);
        assertThat(err.toString()).contains("host.http.port").contains("70000");
        assertThat(home.resolve("data")).as("neither the database file nor its folder").doesNotExist();
    }

    @Test
    void anInvalidConfigurationLeavesAnOlderDatabaseUnmigrated() throws Exception {
        String url = dev.deskbridge.host.store.Database.jdbcUrl("jdbc:h2:file:" + home.resolve("data/deskbridge"));
        org.flywaydb.core.Flyway.configure().dataSource(url, "sa", "").locations("classpath:db/migration").target("1")
                .load().migrate();
        StringWriter err = new StringWriter();
        assertThat(runWith(badPortConfig(), err)).isEqualTo(2);
        assertThat(err.toString()).contains("host.http.port");
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(url, "sa", "");
                java.sql.ResultSet rs = c.createStatement().executeQuery(
                        "SELECT version FROM \"flyway_schema_history\" WHERE version IS NOT NULL ORDER BY \"installed_rank\"")) {
            java.util.List<String> versions = new java.util.ArrayList<>();
            while (rs.next()) {
                versions.add(rs.getString(1));
            }
            assertThat(versions).as("only what was there before").containsExactly("1");
        }
    }
}
