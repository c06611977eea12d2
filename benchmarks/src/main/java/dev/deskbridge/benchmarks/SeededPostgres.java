package dev.deskbridge.benchmarks;

import dev.deskbridge.connector.api.config.Secret;
import dev.deskbridge.host.config.DatabaseConfig;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.stream.Stream;

/**
 * The real-path benchmark's embedded PostgreSQL, and a seeded data directory kept between runs
 * ({@code -Drealpath.pgFrom=DIR}): a seed of 100,000 conversations takes minutes, so it is written
 * once into DIR and every run starts its own server on a copy of it. Runs then compare on the same
 * history, and DIR is never changed by a run.
 */
final class SeededPostgres {
    private static final String DATABASE = "deskbridge";

    private SeededPostgres() {}

    /** A server on {@code data}: initialised there when it holds no cluster yet, kept as it is otherwise. */
    static EmbeddedPostgres start(Path data) throws IOException {
        return EmbeddedPostgres.builder().setDataDirectory(data).setCleanDataDirectory(false)
                .setServerConfig("max_connections", "100").start();
    }

    static void createDatabase(EmbeddedPostgres pg) throws SQLException {
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + DATABASE);
        }
    }

    static DatabaseConfig config(EmbeddedPostgres pg) {
        return new DatabaseConfig(pg.getJdbcUrl("postgres", DATABASE), "postgres", new Secret(""));
    }

    /**
     * Copies the seeded cluster in {@code seeded} to {@code to}; when {@code seeded} holds none yet, seeds
     * it first with {@code conversations} (which must then be more than 0) and stops its server cleanly.
     */
    static void copy(Path seeded, int conversations, Path to) throws IOException, SQLException {
        if (!Files.isRegularFile(seeded.resolve("PG_VERSION"))) {
            if (conversations <= 0) {
                throw new IllegalArgumentException("realpath.pgFrom=" + seeded + " holds no PostgreSQL data directory;"
                        + " give -Drealpath.seed=N once to seed it there");
            }
            try (EmbeddedPostgres pg = start(seeded)) {
                createDatabase(pg);
                System.out.println("database: postgres, seeding " + conversations + " conversations into " + seeded);
                System.out.println(DatabaseSeed.seed(config(pg), conversations, false));
                long t0 = System.nanoTime();
                try (Connection c = pg.getDatabase("postgres", DATABASE).getConnection();
                        Statement s = c.createStatement()) {
                    // What autovacuum would long have done to a history gathered over weeks: the planner's
                    // statistics and the visibility map, so a run does not start with it.
                    s.execute("VACUUM (ANALYZE)");
                }
                System.out.printf("VACUUM (ANALYZE) of the seed: %.1f s%n", (System.nanoTime() - t0) / 1e9);
            }
        }
        long t0 = System.nanoTime();
        List<Path> all;
        try (Stream<Path> walk = Files.walk(seeded)) {
            all = walk.toList();
        }
        for (Path p : all) {
            if (p.getFileName().toString().equals("postmaster.pid")) {
                continue;
            }
            // COPY_ATTRIBUTES keeps the directories' 0700, which the server insists on.
            Files.copy(p, to.resolve(seeded.relativize(p).toString()), StandardCopyOption.COPY_ATTRIBUTES);
        }
        System.out.printf("database: postgres, a copy of %s (%.1f s to copy)%n", seeded,
                (System.nanoTime() - t0) / 1e9);
    }

    /**
     * CPU time of the server on {@code data} so far, in milliseconds (Linux): the postmaster, its live
     * processes (backends, autovacuum, the writers) and what its ended ones used; -1 when it cannot be read.
     */
    static long cpuMillis(Path data) {
        try {
            return ProcCpu.treeMillis(Long.parseLong(Files.readAllLines(data.resolve("postmaster.pid")).get(0).strip()));
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }
}
