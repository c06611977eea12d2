package dev.deskbridge.host.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Objects;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Group commit for the embedded database. H2 keeps recent commits in memory and writes them out
 * in the background; a webhook, though, may only be acknowledged once its commit is on disk. Rather
 * than writing the store on every commit (which serialises every transaction of the host behind
 * one file write), callers that need durability wait here: one thread flushes the store
 * ({@code CHECKPOINT SYNC}, which also forces it to the device) for everyone who committed before it started, so many acknowledgements share
 * one write. PostgreSQL commits are durable already; there this waits for nothing.
 */
public final class DurableCommits implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DurableCommits.class);

    /** H2's "database is already closed" when its shutdown hook closed it (DATABASE_CALLED_AT_SHUTDOWN). */
    private static final int H2_CLOSED_AT_SHUTDOWN = 90121;

    /**
     * How long a commit asked for with {@link #eventually()} may wait for a flush that someone else
     * asks for. Under load one always comes sooner; when the host is idle this bounds what a crash
     * could take back.
     */
    static final Duration EVENTUALLY = Duration.ofMillis(50);

    private final DataSource dataSource;
    private final boolean needed;
    private final long eventuallyNanos;
    private final Object lock = new Object();
    private long requested;
    private long flushed;
    /** Whether a commit not yet flushed was asked for with {@link #eventually()}, and by when it is due. */
    private boolean eventuallyAsked;
    private long eventuallyDue;
    private RuntimeException failure;
    private volatile boolean running = true;
    private final Thread flusher;

    DurableCommits(DataSource dataSource, boolean needed) {
        this(dataSource, needed, EVENTUALLY);
    }

    DurableCommits(DataSource dataSource, boolean needed, Duration eventually) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.needed = needed;
        this.eventuallyNanos = eventually.toNanos();
        if (needed) {
            flusher = new Thread(this::flushLoop, "deskbridge-db-flush");
            flusher.setDaemon(true);
            flusher.start();
        } else {
            flusher = null;
        }
    }

    /**
     * Returns once everything the calling thread committed so far is on disk.
     *
     * @throws StoreException when the store cannot be flushed
     */
    public void await() {
        await(request());
    }

    /**
     * Asks for a flush of everything committed so far without waiting for it; the answer is the
     * flush to {@link #await(long)} before anything that depends on those commits (a call out, an
     * acknowledgement). A worker does its other work meanwhile instead of sitting through the write.
     */
    public long request() {
        if (!needed) {
            return 0;
        }
        synchronized (lock) {
            long ticket = ++requested;
            lock.notifyAll();
            return ticket;
        }
    }

    /**
     * Asks for everything committed so far to reach the disk within {@link #EVENTUALLY}, riding on
     * the next flush that someone else asks for when one comes sooner. For a commit that a crash may
     * take back at the cost of repeating work that is safe to repeat (a customer message's completion:
     * the CRM finds the repeated attempt by the ids it carries); every flush costs the disk a write and
     * a force, which the intake journal's own force then waits behind.
     */
    public void eventually() {
        if (!needed) {
            return;
        }
        synchronized (lock) {
            if (!eventuallyAsked) {
                eventuallyAsked = true;
                eventuallyDue = System.nanoTime() + eventuallyNanos;
                lock.notifyAll();
            }
        }
    }

    /**
     * Returns once the flush of {@code ticket} (from {@link #request()}) is done; at once when it
     * already is.
     *
     * @throws StoreException when the store cannot be flushed
     */
    public void await(long ticket) {
        if (!needed) {
            return;
        }
        synchronized (lock) {
            while (flushed < ticket) {
                if (!running) {
                    throw new StoreException("the database is closing", null);
                }
                if (failure != null) {
                    throw failure;
                }
                try {
                    lock.wait(1_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new StoreException("interrupted waiting for the database to flush", e);
                }
            }
        }
    }

    /** The last flush done (the tickets of {@link #request()} count them); 0 before the first. */
    long flushedUpTo() {
        synchronized (lock) {
            return flushed;
        }
    }

    private void flushLoop() {
        while (running) {
            try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
                // The pool's connections commit by hand; this one holds no transaction open between flushes.
                c.setAutoCommit(true);
                flushWhileAsked(s);
            } catch (SQLException e) {
                if (e.getErrorCode() == H2_CLOSED_AT_SHUTDOWN) {
                    // SIGTERM: H2's own shutdown hook closed the file (it must, with AUTO_SERVER) and
                    // wrote out what was committed; the host's orderly close follows. Not an error.
                    LOG.info("the database was closed as the JVM shuts down; flushing stops");
                    report(new StoreException("the database is closing", e));
                    return;
                }
                // The connection broke or none was to be had: waiters hear why, and it is tried again.
                LOG.error("cannot flush the database: {}", e.getMessage());
                report(new StoreException("cannot flush the database: " + e.getMessage(), e));
                if (!pause()) {
                    return;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Flushes for every batch of waiters, until closed or the connection fails. */
    private void flushWhileAsked(Statement s) throws SQLException, InterruptedException {
        while (running) {
            long upTo;
            synchronized (lock) {
                while (running && requested == flushed) {
                    if (!eventuallyAsked) {
                        lock.wait(1_000);
                        continue;
                    }
                    long left = eventuallyDue - System.nanoTime();
                    if (left <= 0) {
                        requested++;
                        break;
                    }
                    lock.wait(Math.max(1, left / 1_000_000));
                }
                upTo = requested;
                // This flush starts after those commits, so it covers them.
                eventuallyAsked = false;
            }
            if (!running) {
                return;
            }
            // Writes what was committed and forces it to the device.
            s.execute("CHECKPOINT SYNC");
            synchronized (lock) {
                failure = null;
                flushed = upTo;
                lock.notifyAll();
            }
        }
    }

    private void report(RuntimeException error) {
        synchronized (lock) {
            failure = error;
            lock.notifyAll();
        }
    }

    private boolean pause() {
        try {
            Thread.sleep(200);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public void close() {
        running = false;
        synchronized (lock) {
            lock.notifyAll();
        }
        if (flusher != null) {
            try {
                flusher.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
