package dev.deskbridge.benchmarks;

import dev.deskbridge.connector.api.config.Secret;
import dev.deskbridge.host.config.DatabaseConfig;
import dev.deskbridge.host.store.Database;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import java.sql.SQLException;

/**
 * The database the real-path benchmark's hosts share, chosen by system properties:
 * {@code -Drealpath.database=h2} (the default: an H2 file in the run's home) or {@code postgres} (an
 * embedded PostgreSQL server started for the run, on loopback, removed after it);
 * {@code -Drealpath.seed=N} fills it first with N conversations of history ({@link DatabaseSeed}, 10
 * messages each; 0, the default, leaves it empty), or, for H2, {@code -Drealpath.from=<file.mv.db>} starts
 * from a copy of a database {@link DatabaseSeed} filled before (the file itself stays as it was); for
 * PostgreSQL, {@code -Drealpath.pgFrom=DIR} starts from a copy of a data directory seeded before
 * ({@link SeededPostgres}: the first run with {@code -Drealpath.seed=N} seeds DIR, later runs copy it).
 * Several hosts need {@code postgres}. The run's database files are deleted after it, unless
 * {@code -Drealpath.keepDb=true} (to look into an H2 file with {@code org.h2.mvstore.MVStoreTool -dump}).
 */
final class BenchDatabase implements AutoCloseable {
    private final DatabaseConfig config;
    private final EmbeddedPostgres postgres;
    private final Path files;

    private BenchDatabase(DatabaseConfig config, EmbeddedPostgres postgres, Path files) {
        this.config = config;
        this.postgres = postgres;
        this.files = files;
    }

    /** Starts (PostgreSQL) and seeds the database as the system properties say. */
    static BenchDatabase fromProperties(Path home, int hosts) throws IOException, SQLException {
        String kind = System.getProperty("realpath.database", "h2");
        int seed = Integer.getInteger("realpath.seed", 0);
        BenchDatabase db;
        if (kind.equals("h2")) {
            if (hosts != 1) {
                throw new IllegalArgumentException("realpath.hosts=" + hosts + " needs -Drealpath.database=postgres");
            }
            Path data = Files.createDirectories(home.resolve("data"));
            String from = System.getProperty("realpath.from");
            if (from != null) {
                Files.copy(Path.of(from), data.resolve("deskbridge.mv.db"));
                System.out.println("database: h2, a copy of " + from);
            }
            // -Drealpath.h2options=";CACHE_SIZE=65536": H2 settings to try, after the host's own options.
            String options = System.getProperty("realpath.h2options", "");
            String url = "jdbc:h2:file:" + data.resolve("deskbridge");
            db = new BenchDatabase(new DatabaseConfig(options.isEmpty() ? url : Database.jdbcUrl(url) + options, "sa",
                    new Secret("")), null, data);
        } else if (kind.equals("postgres")) {
            Path data = home.resolve("pgdata");
            String pgFrom = System.getProperty("realpath.pgFrom");
            if (pgFrom != null) {
                SeededPostgres.copy(Path.of(pgFrom), seed, data);
                seed = 0;
            }
            EmbeddedPostgres pg = SeededPostgres.start(data);
            if (pgFrom == null) {
                SeededPostgres.createDatabase(pg);
            }
            db = new BenchDatabase(SeededPostgres.config(pg), pg, data);
        } else {
            throw new IllegalArgumentException("realpath.database must be h2 or postgres, got " + kind);
        }
        if (System.getProperty("realpath.from") == null && System.getProperty("realpath.pgFrom") == null) {
            System.out.printf("database: %s, %s%n", kind, seed == 0 ? "empty" : "seeding " + seed + " conversations");
        }
        if (seed > 0) {
            System.out.println(DatabaseSeed.seed(db.config, seed, !Boolean.getBoolean("realpath.seedAsWritten")));
        }
        return db;
    }

    /** The host configuration's {@code database:} section. */
    String yaml() {
        String options = postgres == null && SqlCounts.wanted() ? SqlCounts.URL_OPTIONS : "";
        return "database:\n  url: " + config.url() + options + "\n  user: " + config.user();
    }

    /** The PostgreSQL server's CPU time so far in milliseconds ({@link SeededPostgres#cpuMillis}); -1 for H2. */
    long serverCpuMillis() {
        return postgres == null ? -1 : SeededPostgres.cpuMillis(files);
    }

    /** Statement counts per phase when asked for ({@link SqlCounts}); null otherwise. */
    SqlCounts sqlCounts() {
        return postgres == null ? SqlCounts.of(config.url()) : null;
    }

    @Override
    public void close() throws IOException {
        if (postgres != null) {
            postgres.close();
        }
        // A seeded database takes gigabytes.
        if (Files.exists(files) && !Boolean.getBoolean("realpath.keepDb")) {
            try (Stream<Path> all = Files.walk(files)) {
                for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }
}
