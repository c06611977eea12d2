package dev.deskbridge.host.engine;

import dev.deskbridge.host.store.Conversation;
import dev.deskbridge.host.store.Jdbc;
import dev.deskbridge.host.store.NewQueueItem;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds conversations whose window closes within the warning lead on an unanswered customer
 * message (their warning time has come on the business clock) and queues one warning per window,
 * and conversations whose window has ended, and queues one status update of their ticket per window.
 * Several hosts may run it: due conversations are locked with {@code SKIP LOCKED}, and each item
 * is keyed by the conversation and the window's end, so it is queued once.
 */
public final class WindowWatcher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WindowWatcher.class);
    private static final int BATCH = 200;

    private final EngineContext ctx;
    private final Runnable onQueued;
    private ScheduledExecutorService scheduler;

    WindowWatcher(EngineContext ctx, Runnable onQueued) {
        this.ctx = Objects.requireNonNull(ctx, "ctx");
        this.onQueued = Objects.requireNonNull(onQueued, "onQueued");
    }

    synchronized void start() {
        if (scheduler != null) {
            return;
        }
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "deskbridge-window-watcher");
            t.setDaemon(true);
            return t;
        });
        long every = Math.max(10, ctx.settings().watcherInterval().toMillis());
        scheduler.scheduleWithFixedDelay(this::safeRun, every, every, TimeUnit.MILLISECONDS);
    }

    private void safeRun() {
        try {
            runOnce();
        } catch (RuntimeException e) {
            LOG.warn("window watcher: {}", e.getMessage());
        }
    }

    /**
     * Queues the warnings and the closed windows' status updates that are due now on the business clock.
     *
     * @return how many were queued
     */
    public int runOnce() {
        int total = drain(this::warnings) + drain(this::closedWindows);
        if (total > 0) {
            onQueued.run();
        }
        return total;
    }

    /** One batch, done in one transaction: how many conversations were due, how many items were queued. */
    private record Batch(int due, int queued) {}

    private int drain(Jdbc.TxFunction<Batch> batch) {
        int total = 0;
        while (true) {
            Batch done = ctx.db().inTransaction(batch);
            total += done.queued();
            if (done.due() < BATCH) {
                return total;
            }
        }
    }

    private Batch warnings(Connection c) throws SQLException {
        Instant now = ctx.clock().instant();
        List<Conversation> due = ctx.conversations().dueWarnings(c, now, BATCH);
        int n = 0;
        for (Conversation conversation : due) {
            ctx.conversations().clearWarning(c, conversation.id());
            Optional<Instant> end = conversation.window().serviceWindowEndsAt();
            if (end.isEmpty() || !end.get().isAfter(now) || conversation.ticket().isEmpty()) {
                continue;
            }
            EngineEvent.WindowClosing event = new EngineEvent.WindowClosing(conversation.id().value(),
                    end.get());
            if (ctx.inbox().enqueue(c, new NewQueueItem(Notices.SOURCE, "window-closing:" + conversation.id()
                    + ":" + end.get(), event.type(), conversation.partitionKey(), ctx.codec().encode(event),
                    Optional.empty()), ctx.timer().instant()).isPresent()) {
                n++;
            }
        }
        return new Batch(due.size(), n);
    }

    /**
     * The ticket of a conversation whose window has ended is shown so (tag, "closes at" field): nothing
     * else would tell the CRM, and agents' views would keep the window open. Keyed by the window's end,
     * so each end is queued once; a window a newer message moved has a later end, due then.
     */
    private Batch closedWindows(Connection c) throws SQLException {
        Instant now = ctx.clock().instant();
        List<Conversation> due = ctx.conversations().dueClosedStatuses(c, now, BATCH);
        int n = 0;
        for (Conversation conversation : due) {
            ctx.conversations().clearClosedStatus(c, conversation.id());
            Optional<Instant> end = conversation.window().serviceWindowEndsAt();
            if (end.isEmpty() || end.get().isAfter(now)) {
                continue;
            }
            if (TicketStatuses.enqueue(c, ctx, conversation, "window-closed:" + conversation.id() + ":"
                    + end.get())) {
                n++;
            }
        }
        return new Batch(due.size(), n);
    }

    @Override
    public synchronized void close() {
        if (scheduler != null) {
            scheduler.shutdownNow();
            scheduler = null;
        }
    }
}
