package dev.deskbridge.host.testing;

import dev.deskbridge.connector.api.config.Secret;
import dev.deskbridge.host.config.DatabaseConfig;
import dev.deskbridge.host.store.Database;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Fresh databases for storage tests: an H2 file, or a new database in one real PostgreSQL server
 * (embedded, started once per test JVM, no installed server needed).
 */
public final class Databases {
    private static final AtomicInteger NEXT = new AtomicInteger();
    private static EmbeddedPostgres postgres;

    private Databases() {}

    /** The kinds of database the host supports. */
    public enum Kind { H2, POSTGRES }

    public static DatabaseConfig fresh(Kind kind, Path dir) {
        return kind == Kind.H2 ? Database.h2File(dir.resolve("db-" + NEXT.incrementAndGet())) : freshPostgres();
    }

    /** A new, empty PostgreSQL database. */
    public static synchronized DatabaseConfig freshPostgres() {
        if (postgres == null) {
            try {
                postgres = EmbeddedPostgres.builder().start();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start the embedded PostgreSQL", e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    postgres.close();
                } catch (IOException e) {
                    // the JVM is going away; the temporary server dies with it
                }
            }));
        }
        String name = "deskbridge_" + NEXT.incrementAndGet();
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + name, e);
        }
        return new DatabaseConfig(postgres.getJdbcUrl("postgres", name), "postgres", new Secret(""));
    }
}
