package dev.deskbridge.host.engine;

import dev.deskbridge.host.logging.LogSafe;
import dev.deskbridge.host.store.HandledItems;
import dev.deskbridge.host.store.PollCursorStore;
import dev.deskbridge.host.store.Queue;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes the inbox's and outbox's handled items once they are older than {@code engine.keep_handled}
 * (30 days by default, at least 7): without it the queue tables, which hold every webhook's body, grow
 * for good. Runs shortly after start and then every hour, in small batches on a thread below the
 * engine's priority, resting three times as long as each batch took, so that it takes at most about a
 * quarter of one core however large the backlog (a first run after an upgrade may find millions).
 * Several hosts may run it at once: a row is deleted once, whoever gets there.
 */
public final class HandledItemsCleaner implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HandledItemsCleaner.class);
    private static final Duration FIRST_RUN = Duration.ofSeconds(10);
    private static final Duration EVERY = Duration.ofHours(1);
    private static final int BATCH = 500;
    /** The rest after a batch, as a multiple of the time the batch took. */
    private static final int REST_FACTOR = 3;
    private static final long MIN_REST_MS = 20;
    private static final int PROGRESS_EVERY = 100_000;

    private final EngineContext ctx;
    private final Supplier<List<String>> polledCrms;
    private final PollCursorStore cursors = new PollCursorStore();
    private final Map<Queue, HandledItems> queues = new EnumMap<>(Queue.class);
    private ScheduledExecutorService scheduler;
    /**
     * Set on close. The thread is not interrupted: the batch in hand finishes and is committed, rather
     * than failing mid-statement (an interrupted H2 file read failed before the host opened its file
     * through {@code retry:}; see {@link dev.deskbridge.host.store.Database#jdbcUrl}).
     */
    private volatile boolean stopping;

    /**
     * @param polledCrms the CRMs whose replies are polled: a poll reaches back to its cursor, so nothing
     *     it could read again is deleted (see {@link #cutoff})
     */
    HandledItemsCleaner(EngineContext ctx, Supplier<List<String>> polledCrms) {
        this.ctx = Objects.requireNonNull(ctx, "ctx");
        this.polledCrms = Objects.requireNonNull(polledCrms, "polledCrms");
        for (Queue q : Queue.values()) {
            queues.put(q, new HandledItems(q));
        }
    }

    synchronized void start() {
        if (scheduler != null) {
            return;
        }
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "deskbridge-handled-items");
            t.setDaemon(true);
            t.setPriority(Thread.MIN_PRIORITY);
            return t;
        });
        scheduler.scheduleWithFixedDelay(this::safeRun, FIRST_RUN.toMillis(), EVERY.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void safeRun() {
        try {
            runOnce();
        } catch (RuntimeException e) {
            // Nothing is lost: the next run deletes what this one did not.
            LOG.warn("deleting old handled queue items failed, trying again in {}: {}", EVERY,
                    LogSafe.text(e.getMessage()));
        }
    }

    /**
     * Deletes every handled item older than the cutoff now.
     *
     * @return how many items were deleted, per queue
     */
    public Map<Queue, Integer> runOnce() {
        Instant before = ctx.db().inTransaction(c -> cutoff(c, ctx.timer().instant()));
        Map<Queue, Integer> deleted = new EnumMap<>(Queue.class);
        for (Map.Entry<Queue, HandledItems> q : queues.entrySet()) {
            long started = System.nanoTime();
            int total = 0;
            long after = 0;
            while (!stopping) {
                long from = after;
                long batchStarted = System.nanoTime();
                HandledItems.Batch batch = ctx.db().inTransaction(c -> q.getValue().deleteBatch(c, from, before, BATCH));
                if (total / PROGRESS_EVERY != (total + batch.deleted()) / PROGRESS_EVERY) {
                    LOG.info("deleting handled {} items processed before {}: {} so far", q.getKey().table(), before,
                            total + batch.deleted());
                }
                total += batch.deleted();
                if (batch.deleted() > 0) {
                    ctx.metrics().handledItemsDeleted(q.getKey().table(), batch.deleted());
                }
                after = batch.lastId();
                if (!batch.more()) {
                    break;
                }
                rest(Math.max(MIN_REST_MS, REST_FACTOR * (System.nanoTime() - batchStarted) / 1_000_000));
            }
            deleted.put(q.getKey(), total);
            if (total > 0) {
                LOG.info("deleted {} handled {} items processed before {} (engine.keep_handled {}) in {} ms", total,
                        q.getKey().table(), before, keepHandled(), (System.nanoTime() - started) / 1_000_000);
            }
        }
        return deleted;
    }

    /**
     * Items processed before this are deleted: {@code keep_handled} ago, or earlier if a polled CRM's
     * cursor is older (a host stopped for longer than that), since its next poll reaches back to the
     * cursor less the poller's margin and a reply it reads again must still find its item.
     */
    Instant cutoff(Connection c, Instant now) throws SQLException {
        Instant before = now.minus(ctx.settings().keepHandled());
        for (String crm : polledCrms.get()) {
            Optional<Instant> cursor = cursors.read(c, crm);
            if (cursor.isPresent() && cursor.get().minus(CrmPoller.MARGIN).isBefore(before)) {
                before = cursor.get().minus(CrmPoller.MARGIN);
            }
        }
        return before;
    }

    /** The setting as written in a configuration ({@code 30d}), not as ISO-8601 ({@code PT720H}). */
    private String keepHandled() {
        Duration keep = ctx.settings().keepHandled();
        return keep.toSeconds() % 86_400 == 0 && keep.getNano() == 0 ? keep.toDays() + "d" : keep.toString();
    }

    private void rest(long millis) {
        long until = System.nanoTime() + millis * 1_000_000;
        // In short naps, so that a host stopping does not wait out a long rest.
        while (!stopping && System.nanoTime() < until) {
            try {
                Thread.sleep(Math.min(50, Math.max(1, (until - System.nanoTime()) / 1_000_000)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Stops after the batch in hand (the next start goes on where this run stopped). */
    @Override
    public synchronized void close() {
        stopping = true;
        if (scheduler != null) {
            scheduler.shutdown();
            try {
                if (!scheduler.awaitTermination(10, TimeUnit.SECONDS)) {
                    LOG.warn("deleting old handled queue items did not stop within 10 s");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            scheduler = null;
        }
    }
}
