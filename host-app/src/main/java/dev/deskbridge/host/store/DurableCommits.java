package dev.deskbridge.host.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
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

    private final DataSource dataSource;
    private final boolean needed;
    private final Object lock = new Object();
    private long requested;
    private long flushed;
    private RuntimeException failure;
    private volatile boolean running = true;
    private final Thread flusher;

    DurableCommits(DataSource dataSource, boolean needed) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.needed = needed;
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
        if (!needed) {
            return;
        }
        synchronized (lock) {
            long ticket = ++requested;
            lock.notifyAll();
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

    private void flushLoop() {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            while (running) {
                long upTo;
                synchronized (lock) {
                    while (running && requested == flushed) {
                        lock.wait(1_000);
                    }
                    upTo = requested;
                }
                if (!running) {
                    return;
                }
                RuntimeException error = null;
                try {
                    s.execute("CHECKPOINT SYNC");
                } catch (SQLException e) {
                    error = new StoreException("cannot flush the database: " + e.getMessage(), e);
                    LOG.error("cannot flush the database", e);
                }
                synchronized (lock) {
                    failure = error;
                    if (error == null) {
                        flushed = upTo;
                    }
                    lock.notifyAll();
                }
                if (error != null) {
                    Thread.sleep(100);
                }
            }
        } catch (SQLException e) {
            LOG.error("the database flusher cannot get a connection", e);
            synchronized (lock) {
                failure = new StoreException("cannot flush the database: " + e.getMessage(), e);
                lock.notifyAll();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
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
