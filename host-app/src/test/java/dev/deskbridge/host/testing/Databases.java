package dev.deskbridge.host.testing;

import dev.deskbridge.connector.api.config.Secret;
import dev.deskbridge.host.config.DatabaseConfig;
import dev.deskbridge.host.store.Database;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
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

    /**
     * Whether the database at these settings holds the migrated schema. An in-memory H2 database lives
     * as long as a connection to it is open, so for one this also says whether its pool was closed.
     */
    public static boolean migrated(DatabaseConfig settings) {
        try (Connection c = DriverManager.getConnection(settings.url(), settings.user(), settings.password().reveal());
                ResultSet rs = c.getMetaData().getTables(null, null, "%", new String[] {"TABLE"})) {
            while (rs.next()) {
                if (rs.getString("TABLE_NAME").equalsIgnoreCase("flyway_schema_history")) {
                    return true;
                }
            }
            return false;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
