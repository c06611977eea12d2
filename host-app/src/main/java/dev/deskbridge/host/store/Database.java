package dev.deskbridge.host.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.deskbridge.connector.api.config.Secret;
import dev.deskbridge.host.config.DatabaseConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * The host's database: a HikariCP pool over H2 (embedded, file) or PostgreSQL, migrated by
 * Flyway on open. Thread-safe.
 */
public final class Database implements AutoCloseable {
    /** The embedded default: an H2 file under the working directory, created on first run. */
    public static final String DEFAULT_URL = "jdbc:h2:file:./data/deskbridge";

    /**
     * Options that make H2 accept the same SQL as PostgreSQL. Commits are written out in the
     * background within WRITE_DELAY ms; what must survive a crash at once waits for
     * {@link #durable()}. H2 keeps only 8 parsed statements per connection by default, fewer than
     * the engine uses, so every statement was parsed again each time; 256 keeps them all.
     */
    static final String H2_OPTIONS = ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;WRITE_DELAY=100;QUERY_CACHE_SIZE=256";
    /** Lets a second process (the CLI next to a running host) open the same H2 file. */
    static final String H2_FILE_OPTIONS = ";AUTO_SERVER=TRUE";

    static {
        // AUTO_SERVER opens a TCP port for that second process; keep it on loopback, never on every
        // interface. H2 reads this once, when its classes load, so it must be set before first use.
        if (System.getProperty("h2.bindAddress") == null) {
            System.setProperty("h2.bindAddress", "127.0.0.1");
        }
    }

    private final HikariDataSource dataSource;
    private final boolean postgres;
    private final DurableCommits durable;

    private Database(HikariDataSource dataSource, boolean postgres) {
        this.dataSource = dataSource;
        this.postgres = postgres;
        this.durable = new DurableCommits(dataSource, !postgres);
    }

    /**
     * Waits until what this thread committed is on disk (group commit): call it before
     * acknowledging a webhook or after recording an accepted send.
     */
    public void durable() {
        durable.await();
    }

    /**
     * Starts the flush of what this thread committed so far without waiting for it; pass the answer
     * to {@link #durable(long)} before anything that must follow it (a call out, an acknowledgement).
     */
    public long durableSoon() {
        return durable.request();
    }

    /**
     * Asks for what this thread committed so far to be on disk soon, with the next flush anyone asks
     * for, and within {@link DurableCommits#EVENTUALLY} at the latest; for commits that a crash may
     * take back because repeating their work is safe.
     */
    public void durableEventually() {
        durable.eventually();
    }

    /** Waits for the flush that {@link #durableSoon()} started (at once when it is done). */
    public void durable(long flush) {
        durable.await(flush);
    }

    /** Opens a pool of 10 connections and brings the schema up to date. */
    public static Database open(DatabaseConfig settings) {
        return open(settings, 10);
    }

    /**
     * Opens the pool and brings the schema up to date (Flyway migrates and validates it unless its
     * history shows exactly this build's migrations, see {@link SchemaHistory}).
     *
     * @throws IllegalArgumentException when the URL is neither H2 nor PostgreSQL
     */
    public static Database open(DatabaseConfig settings, int poolSize) {
        return open(settings, poolSize, () -> { });
    }

    /**
     * As {@link #open(DatabaseConfig, int)}, but {@code beforeWriting} runs first when opening would
     * write: create the H2 file (or its folder) or migrate. It may wait, or throw to stop the open
     * with nothing written. An existing database whose schema is current is opened by reading only.
     * It may run twice (a new file, then its migration).
     */
    public static Database open(DatabaseConfig settings, int poolSize, Runnable beforeWriting) {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(beforeWriting, "beforeWriting");
        if (!settings.url().startsWith("jdbc:h2:") && !settings.url().startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("database.url: only jdbc:h2:... and jdbc:postgresql://... are supported, "
                    + "got " + settings.displayUrl());
        }
        Optional<Path> file = h2FilePath(settings.url());
        if (file.isPresent() && !h2FileExists(file.get())) {
            // H2 creates the file (and we its folder) on the first connection.
            beforeWriting.run();
        }
        file.ifPresent(OwnerOnly::createFolder);
        HikariDataSource ds = pool(settings, poolSize);
        try {
            // A restart of a current database skips Flyway: its start-up is most of opening one.
            if (!SchemaHistory.current(ds)) {
                beforeWriting.run();
                Flyway.configure()
                        .dataSource(ds)
                        .locations("classpath:db/migration")
                        .load()
                        .migrate();
            }
        } catch (RuntimeException e) {
            ds.close();
            throw e;
        }
        file.ifPresent(OwnerOnly::restrictFiles);
        return new Database(ds, settings.url().startsWith("jdbc:postgresql:"));
    }

    private static HikariDataSource pool(DatabaseConfig settings, int poolSize) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(jdbcUrl(settings.url()));
        config.setUsername(settings.user());
        config.setPassword(settings.password().reveal());
        config.setMaximumPoolSize(poolSize);
        config.setPoolName("deskbridge-db");
        // Every transaction commits itself (inTransaction). Switching a connection back to auto-commit
        // after each one made H2 run a second, empty COMMIT per transaction.
        config.setAutoCommit(false);
        config.setConnectionTimeout(10_000);
        return new HikariDataSource(config);
    }

    /**
     * Loads what opening a new H2 database needs first (H2's engine, the pool, the list of this
     * build's migrations) on a private in-memory database, dropped after; writes no file. Not the
     * migrations themselves: run beside the plugins' loading, they slowed the start (tried).
     */
    public static void warmUp() {
        try (HikariDataSource ds = pool(new DatabaseConfig("jdbc:h2:mem:deskbridge-warm-up-" + UUID.randomUUID(), "sa",
                new Secret("")), 1)) {
            SchemaHistory.current(ds);
        }
    }

    /**
     * H2 URLs get the PostgreSQL compatibility options unless they set a mode themselves, and an H2
     * file is opened through H2's {@code retry:} file system: a thread interrupted in the middle of a
     * file read or write closes the file's channel, and H2 then closes the database under every
     * connection (H2 2.3.232; {@code InterruptedThreadTest}); {@code retry:} reopens the channel and
     * does the read or write again. The file is the same either way.
     */
    public static String jdbcUrl(String url) {
        Optional<Path> file = h2FilePath(url);
        String rest = url.startsWith("jdbc:h2:") ? url.substring("jdbc:h2:".length()) : "";
        String opened = file.isPresent() && !rest.startsWith("retry:") ? "jdbc:h2:retry:" + rest : url;
        if (url.startsWith("jdbc:h2:") && !url.toUpperCase(java.util.Locale.ROOT).contains(";MODE=")) {
            return opened + H2_OPTIONS + (file.isPresent() ? H2_FILE_OPTIONS : "");
        }
        return opened;
    }

    /**
     * Rewrites a closed H2 file database with only the pages in use ({@code SHUTDOWN COMPACT}) and keeps
     * its files owner-only (H2 writes the compacted file anew). The connection has no {@code AUTO_SERVER}:
     * while a host holds the file it fails with H2's error 90020 instead of joining the host's database.
     *
     * @param file the database file's path without suffix ({@link #h2FilePath})
     */
    public static void compact(DatabaseConfig settings, Path file) throws java.sql.SQLException {
        String url = jdbcUrl(settings.url()).replaceAll("(?i);AUTO_SERVER=TRUE", "");
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(url, settings.user(),
                settings.password().reveal()); java.sql.Statement s = c.createStatement()) {
            s.execute("SHUTDOWN COMPACT");
        }
        OwnerOnly.restrictFiles(file);
    }

    /** The file path (without suffix) of an embedded H2 file database URL; empty for any other URL. */
    public static Optional<Path> h2FilePath(String url) {
        if (!url.startsWith("jdbc:h2:")) {
            return Optional.empty();
        }
        String rest = url.substring("jdbc:h2:".length());
        int semicolon = rest.indexOf(';');
        rest = semicolon < 0 ? rest : rest.substring(0, semicolon);
        if (rest.startsWith("retry:")) {
            rest = rest.substring("retry:".length());
        }
        if (rest.startsWith("file:")) {
            rest = rest.substring("file:".length());
        } else if (rest.matches("(?i)(mem|tcp|ssl|zip|nio\\w*|split|async)\\b.*")) {
            return Optional.empty();
        }
        if (rest.startsWith("~")) {
            rest = System.getProperty("user.home") + rest.substring(1);
        }
        return rest.isBlank() ? Optional.empty() : Optional.of(Path.of(rest).toAbsolutePath().normalize());
    }

    /** Whether the embedded H2 database at a file path (without the {@code .mv.db} suffix) exists. */
    public static boolean h2FileExists(Path path) {
        return Files.exists(path.resolveSibling(path.getFileName() + ".mv.db"));
    }

    /** The embedded H2 database at a file path (without the {@code .mv.db} suffix). */
    public static DatabaseConfig h2File(java.nio.file.Path path) {
        return new DatabaseConfig("jdbc:h2:file:" + path.toAbsolutePath(), "sa",
                new Secret(""));
    }

    public DataSource dataSource() {
        return dataSource;
    }

    public boolean isPostgres() {
        return postgres;
    }

    /** Whether a trivial query answers within two seconds (readiness). */
    public boolean isReachable() {
        try (Connection c = dataSource.getConnection()) {
            return c.isValid(2);
        } catch (SQLException | RuntimeException e) {
            return false;
        }
    }

    /** Runs {@code work} in one transaction, committing on success and rolling back on failure. */
    public <T> T inTransaction(Jdbc.TxFunction<T> work) {
        try (Connection c = dataSource.getConnection()) {
            try {
                T result = work.apply(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly(c, e);
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreException("database transaction failed: " + e.getMessage(), e);
        }
    }

    /** As {@link #inTransaction(Jdbc.TxFunction)} without a result. */
    public void inTransactionDo(Jdbc.TxConsumer work) {
        inTransaction(c -> {
            work.accept(c);
            return null;
        });
    }

    private static void rollbackQuietly(Connection c, Exception cause) {
        try {
            c.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }

    @Override
    public void close() {
        durable.close();
        dataSource.close();
    }
}
