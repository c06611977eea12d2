package dev.deskbridge.host.engine;

import dev.deskbridge.host.logging.LogSafe;
import dev.deskbridge.host.store.QueueItem;
import dev.deskbridge.host.store.QueueStore;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

// size: the dispatcher, the workers and the lease renewal share the held claims and their locking.
/**
 * Works one queue: a dispatcher claims due items in batches and hands them to a pool of workers;
 * failures go through the {@link ErrorPolicy}. New work wakes the dispatcher at once; otherwise it
 * looks again every poll interval.
 *
 * <p>Up to twice as many items as there are workers may be claimed at once, and the dispatcher
 * claims again only when at least a worker's worth of that room is free: a claim costs about the
 * same for one item as for sixteen, so under load it claims in batches instead of one item per
 * finished item, and the workers always have the next item at hand.
 *
 * <p>Leases are short ({@code lease}, 8 s by default) and renewed every quarter lease for every
 * item this worker holds, waiting or running: a host killed mid-work loses its claims within one
 * lease, and another host (or the same one restarted) takes them over then, not minutes later.
 */
final class QueueWorker implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(QueueWorker.class);

    /** Processes one item; throwing hands the item to the error policy. */
    interface Handler {
        /** Does the item's work; may complete it in its last transaction through {@code done}. */
        void handle(QueueItem item, Completion done);

        /** Called after the item became a dead letter. */
        default void onDeadLetter(QueueItem item, String reason) {}

        /**
         * Whether a claim's attempt must be on disk before {@link #handle} runs (see {@code durable}).
         * A handler that makes its own flush before it calls out, which covers the claim, says no: the
         * dispatcher then asks for no flush of its own, one write and force fewer per batch.
         */
        default boolean claimMustBeDurable() {
            return true;
        }
    }

    /** One claim of an item, with its lease's end as last extended and the flush that makes it durable. */
    private static final class Claim {
        private volatile Instant leaseEnd;
        private final long flush;
        /** The attempt this claim counted: a renewal of a newer claim of the item is not this one's. */
        private final int attempts;

        Claim(Instant leaseEnd, long flush, int attempts) {
            this.leaseEnd = leaseEnd;
            this.flush = flush;
            this.attempts = attempts;
        }
    }

    private final String name;
    private final QueueStore store;
    private final Handler handler;
    private final EngineContext ctx;
    private final ErrorPolicy policy;
    private final String owner;
    /** Room for claimed items not yet finished (queued or in a worker). */
    private final Semaphore room;
    /** How much room must be free before the dispatcher claims again. */
    private final int claimAtLeast;
    private final ExecutorService pool;
    private final Object signal = new Object();
    private final AtomicInteger inFlight = new AtomicInteger();
    /** The items this worker holds, by id: the latest claim of each. */
    private final Map<Long, Claim> held = new ConcurrentHashMap<>();
    private final ScheduledExecutorService renewer;
    private volatile boolean running;
    private boolean woken;
    private Thread dispatcher;

    QueueWorker(String name, QueueStore store, Handler handler, EngineContext ctx, ErrorPolicy policy, String owner) {
        this.name = Objects.requireNonNull(name, "name");
        this.store = Objects.requireNonNull(store, "store");
        this.handler = Objects.requireNonNull(handler, "handler");
        this.ctx = Objects.requireNonNull(ctx, "ctx");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.owner = Objects.requireNonNull(owner, "owner");
        int workers = ctx.settings().workers();
        this.claimAtLeast = workers;
        this.room = new Semaphore(2 * workers);
        AtomicInteger n = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(workers, r -> {
            Thread t = new Thread(r, "deskbridge-" + name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            // Below the webhook threads, so that acknowledging does not queue behind the engine's work
            // for the CPU; the operating system heeds it where the JVM maps priorities to its own
            // (jvm.options: -XX:ThreadPriorityPolicy=1). The workers still get every idle cycle.
            t.setPriority(WORKER_PRIORITY);
            return t;
        });
        this.renewer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "deskbridge-" + name + "-leases");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * The workers' thread priority: Linux nice 10 with the repository's jvm.options
     * ({@code -XX:ThreadPriorityPolicy=1 -XX:JavaPriority1_To_OSPriority=10}), HotSpot's nice 4 without the second.
     */
    static final int WORKER_PRIORITY = Thread.MIN_PRIORITY;

    synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        dispatcher = new Thread(this::dispatch, "deskbridge-" + name + "-dispatcher");
        dispatcher.setDaemon(true);
        dispatcher.start();
        long every = Math.max(50, ctx.settings().lease().toMillis() / 4);
        renewer.scheduleWithFixedDelay(this::renewLeases, every, every, TimeUnit.MILLISECONDS);
    }

    /**
     * The attempt the claim counted must outlive a crash before the handler may call out: a handler
     * tells the CRM that an earlier attempt may have landed from it (CustomerMessage.retry), also
     * after a restart. The dispatcher only starts that flush (it claims on meanwhile); each worker
     * waits for it before its item runs, by then usually done.
     */
    private void durable(Claim claim) {
        try {
            ctx.db().durable(claim.flush);
        } catch (RuntimeException e) {
            // The items are claimed and will run; only a crash right now could forget the attempt.
            LOG.warn("{}: cannot flush the claim: {}", name, e.getMessage());
        }
    }

    /** Extends the lease of every item held here; one that could not be extended keeps its old end. */
    private void renewLeases() {
        if (held.isEmpty()) {
            return;
        }
        try {
            Instant now = ctx.timer().instant();
            Instant until = now.plus(ctx.settings().lease());
            Map<Long, Integer> claims = new HashMap<>();
            held.forEach((id, claim) -> claims.put(id, claim.attempts));
            for (Long id : store.renew(claims, now, ctx.settings().lease(), owner)) {
                Claim claim = held.get(id);
                // Claimed again since the snapshot (its old lease ran out): the renewal was the older claim's.
                if (claim != null && claim.attempts == claims.get(id)) {
                    claim.leaseEnd = until;
                }
            }
        } catch (RuntimeException e) {
            // The database may be away for a moment; the next round tries again, well within the lease.
            LOG.warn("{}: cannot renew leases: {}", name, e.getMessage());
        }
    }

    /** There may be new work: look now instead of at the next poll. */
    void wake() {
        synchronized (signal) {
            woken = true;
            signal.notifyAll();
        }
    }

    /** Items being processed right now. */
    int inFlight() {
        return inFlight.get();
    }

    private void dispatch() {
        if (!sleep(ctx.settings().startDelay())) {
            return;
        }
        while (running) {
            try {
                room.acquire(claimAtLeast);
                int free = claimAtLeast + room.drainPermits();
                List<QueueItem> items = List.of();
                Instant claimedAt = ctx.timer().instant();
                try {
                    items = store.claim(Math.min(free, ctx.settings().batchSize()), claimedAt,
                            ctx.settings().lease(), owner);
                } finally {
                    room.release(free - items.size());
                }
                long flush = items.isEmpty() || !handler.claimMustBeDurable() ? 0 : ctx.db().durableSoon();
                Instant leaseEnd = claimedAt.plus(ctx.settings().lease());
                for (QueueItem item : items) {
                    inFlight.incrementAndGet();
                    Claim claim = new Claim(leaseEnd, flush, item.attempts());
                    held.put(item.id(), claim);
                    pool.execute(() -> run(item, claim));
                }
                if (items.isEmpty()) {
                    awaitSignal(ctx.settings().pollInterval());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                // The database may be away for a moment; keep the dispatcher alive.
                LOG.warn("{}: cannot claim work: {}", name, e.getMessage());
                if (!sleep(ctx.settings().pollInterval().multipliedBy(5))) {
                    return;
                }
            }
        }
    }

    private void run(QueueItem item, Claim claim) {
        Instant now = ctx.timer().instant();
        Instant leaseEnd = claim.leaseEnd;
        if (held.get(item.id()) != claim || now.isAfter(leaseEnd.minus(ctx.settings().lease().dividedBy(2)))) {
            // Its lease was not renewed for a while (the database was away) and is running out: past
            // it, any dispatcher (this one too) may claim it again. Leave it to that claim rather than
            // risk two runs. (A later claim of it here is newer: that one runs.)
            LOG.info("{}: its lease ends in {} ms; left for its next claim", item.describe(),
                    Duration.between(now, leaseEnd).toMillis());
            finished(item, claim);
            return;
        }
        durable(claim);
        long start = System.nanoTime();
        boolean ok = false;
        try {
            Completion done = new Completion(store, item, owner, ctx.timer());
            handler.handle(item, done);
            if (!done.marked() && !store.complete(item, owner, ctx.timer().instant())) {
                // The work is done and committed; the newer claim runs it again (handlers are idempotent).
                LOG.warn("{}: done, but its claim was taken over after its lease ran out; the newer claim runs "
                        + "it again", item.describe());
            }
            ok = true;
        } catch (ClaimTakenOverException e) {
            // Its transaction rolled back; the newer claim owns the item: no retry, no dead letter from here.
            LOG.warn("{}", e.getMessage());
        } catch (RuntimeException | Error e) {
            fail(item, e);
        } finally {
            ctx.metrics().processed(name, item.eventType(), Duration.ofNanos(System.nanoTime() - start), ok);
            finished(item, claim);
        }
    }

    /** An item left this worker: its lease is no longer renewed, and its room is free for the next claim. */
    private void finished(QueueItem item, Claim claim) {
        held.remove(item.id(), claim);
        inFlight.decrementAndGet();
        room.release();
        wake();
    }

    private void fail(QueueItem item, Throwable failure) {
        Instant now = ctx.timer().instant();
        try {
            ErrorPolicy.Decision decision = policy.decide(item, failure, now);
            if (decision instanceof ErrorPolicy.Decision.Retry retry) {
                LOG.info("{} failed (attempt {}), retrying at {}: {}", item.describe(), item.attempts(), retry.at(),
                        LogSafe.text(retry.error()));
                if (store.retryLater(item, owner, retry.at(), retry.error())) {
                    ctx.metrics().retry(name);
                } else {
                    LOG.warn("{}: its claim was taken over after its lease ran out; the newer claim is left as it is",
                            item.describe());
                }
            } else {
                String reason = ((ErrorPolicy.Decision.DeadLetter) decision).reason();
                if (failure instanceof dev.deskbridge.connector.api.error.ConnectorException) {
                    LOG.warn("{} is a dead letter: {}", item.describe(), LogSafe.text(reason));
                } else {
                    LOG.warn("{} is a dead letter: {}", item.describe(), LogSafe.text(reason), failure);
                }
                if (store.deadLetter(item, owner, reason, now).isPresent()) {
                    ctx.metrics().deadLetter(name);
                    handler.onDeadLetter(item, reason);
                }
            }
        } catch (RuntimeException e) {
            // The lease runs out and the item is tried again; nothing is lost.
            LOG.error("{}: cannot record the failure of {} ({}); it will be retried after its lease", name,
                    item.describe(), e.getMessage());
        }
    }

    private void awaitSignal(Duration max) throws InterruptedException {
        synchronized (signal) {
            if (!woken && running) {
                signal.wait(Math.max(1, max.toMillis()));
            }
            woken = false;
        }
    }

    private boolean sleep(Duration d) {
        long until = System.nanoTime() + d.toNanos();
        try {
            while (running && System.nanoTime() < until) {
                synchronized (signal) {
                    long left = (until - System.nanoTime()) / 1_000_000;
                    if (left > 0) {
                        signal.wait(Math.min(left, 200));
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        return running;
    }

    @Override
    public void close() {
        synchronized (this) {
            if (!running) {
                pool.shutdownNow();
                renewer.shutdownNow();
                return;
            }
            running = false;
        }
        wake();
        try {
            if (dispatcher != null) {
                dispatcher.join(5_000);
            }
            pool.shutdown();
            if (!pool.awaitTermination(10, TimeUnit.SECONDS)) {
                pool.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            pool.shutdownNow();
        } finally {
            // Items still held are released by their leases running out.
            renewer.shutdownNow();
        }
    }
}
