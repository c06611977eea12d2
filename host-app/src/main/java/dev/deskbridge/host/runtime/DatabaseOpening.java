package dev.deskbridge.host.runtime;

import dev.deskbridge.host.config.DatabaseConfig;
import dev.deskbridge.host.store.Database;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import org.slf4j.LoggerFactory;

/**
 * The database being opened (pool, H2 file, migrations) on a thread of its own while the rest of
 * start-up (plugins, validation) goes on: the two take about as long as each other and need
 * nothing from each other. Started from the configuration's database section as read, before the
 * whole configuration is validated, so it writes nothing until the host {@link #take takes} it:
 * an existing, current database is opened by reading only; a new file or a migration waits for
 * {@code take} (meanwhile H2 is loaded on a throwaway in-memory database), and {@link #close}
 * without {@code take} (an invalid configuration) stops it with nothing written. {@code take}
 * hands the database over only for the same settings, so what runs is always what was validated.
 */
public final class DatabaseOpening implements AutoCloseable {
    private final DatabaseConfig settings;
    private final int poolSize;
    private final CompletableFuture<Database> opened = new CompletableFuture<>();
    /** Completed true by {@link #take} (writing allowed), false by {@link #close} or a take for other settings. */
    private final CompletableFuture<Boolean> mayWrite = new CompletableFuture<>();
    private boolean taken;

    private DatabaseOpening(DatabaseConfig settings, int poolSize) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.poolSize = poolSize;
    }

    /** Starts opening the database on a daemon thread; its time is a step of {@code timeline}. */
    public static DatabaseOpening start(DatabaseConfig settings, int poolSize, StartupTimeline timeline) {
        DatabaseOpening opening = new DatabaseOpening(settings, poolSize);
        // Logging set up here first: a thread that logs while another sets it up has its lines
        // replayed with a warning on stderr.
        LoggerFactory.getILoggerFactory();
        Thread thread = new Thread(() -> {
            try {
                opening.opened.complete(timeline.step("database", () -> Database.open(settings, poolSize,
                        () -> opening.awaitWriting(timeline))));
            } catch (Throwable e) {
                opening.opened.completeExceptionally(e);
            }
        }, "deskbridge-db-open");
        thread.setDaemon(true);
        thread.start();
        return opening;
    }

    /**
     * Lets the early open write and hands it over, still opening, when it was started with these
     * settings and pool size; otherwise the early one is closed and the database opened here, at
     * once, with the given ones. Does not wait for the early open: start-up goes on beside it.
     *
     * @throws RuntimeException what opening the database here threw
     */
    public synchronized PendingDatabase take(DatabaseConfig wanted, int wantedPoolSize) {
        if (taken) {
            throw new IllegalStateException("the database was taken already");
        }
        taken = true;
        if (!wanted.equals(settings) || wantedPoolSize != poolSize) {
            mayWrite.complete(false);
            closeOpened();
            return PendingDatabase.of(Database.open(wanted, wantedPoolSize));
        }
        mayWrite.complete(true);
        return new PendingDatabase(opened);
    }

    /** Closes the database when nobody took it (start-up stopped before it was needed); waits for it to open. */
    @Override
    public synchronized void close() {
        if (!taken) {
            taken = true;
            mayWrite.complete(false);
            closeOpened();
        }
    }

    /**
     * Before the early open writes anything: loads H2 on a throwaway database while the configuration
     * is checked, then waits for {@link #take}.
     *
     * @throws NothingWritten when start-up stopped instead
     */
    private void awaitWriting(StartupTimeline timeline) {
        if (!mayWrite.isDone() && settings.url().startsWith("jdbc:h2:")) {
            timeline.run("database warm-up", Database::warmUp);
        }
        if (!mayWrite.join()) {
            throw new NothingWritten();
        }
    }

    /** The early open stopped before writing: the host did not take it. */
    private static final class NothingWritten extends RuntimeException {
        NothingWritten() {
            super("start-up stopped before the database was needed; nothing was written to it", null, false, false);
        }
    }

    private void closeOpened() {
        new PendingDatabase(opened).closeWhenOpen();
    }
}
