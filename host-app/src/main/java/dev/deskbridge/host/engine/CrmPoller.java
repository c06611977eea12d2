package dev.deskbridge.host.engine;

import dev.deskbridge.connector.api.CrmCapability;
import dev.deskbridge.connector.api.CrmSession;
import dev.deskbridge.connector.api.model.AgentReply;
import dev.deskbridge.host.logging.LogSafe;
import dev.deskbridge.host.store.PollCursorStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads agent replies from CRMs that declare {@link CrmCapability#POLLING}, every
 * {@link CrmSession#pollInterval()}, from a cursor kept in the database (so a restart neither loses
 * nor replays a window of replies). Polled replies join the inbox exactly as a webhook's replies do,
 * keyed by their event ids, so a reply polled twice (the margin below, a retry, a second host) is
 * queued once. A failed poll leaves the cursor where it was: the next one asks again.
 */
public final class CrmPoller implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CrmPoller.class);
    /** Each poll reaches back this far before the cursor: the CRM's clock and ours may differ a little. */
    static final Duration MARGIN = Duration.ofSeconds(30);
    private static final Duration FLOOR = Duration.ofMillis(100);

    private final EngineContext ctx;
    private final Intake intake;
    private final Runnable onQueued;
    private final PollCursorStore cursors = new PollCursorStore();
    private ScheduledExecutorService scheduler;

    CrmPoller(EngineContext ctx, Intake intake, Runnable onQueued) {
        this.ctx = Objects.requireNonNull(ctx, "ctx");
        this.intake = Objects.requireNonNull(intake, "intake");
        this.onQueued = Objects.requireNonNull(onQueued, "onQueued");
    }

    /** The configured CRMs that are polled. */
    public List<String> polledCrms() {
        List<String> ids = new ArrayList<>();
        for (Map.Entry<String, CrmSession> e : ctx.sessions().crms().entrySet()) {
            if (e.getValue().capabilities().contains(CrmCapability.POLLING)) {
                ids.add(e.getKey());
            }
        }
        return ids;
    }

    /** Starts each polled CRM's cursor now (when it has none) and polls each at its interval. */
    synchronized void start() {
        List<String> polled = polledCrms();
        if (scheduler != null || polled.isEmpty()) {
            return;
        }
        Instant now = ctx.clock().instant();
        ctx.db().inTransactionDo(c -> {
            for (String id : polled) {
                cursors.startOrRead(c, id, now);
            }
        });
        scheduler = Executors.newScheduledThreadPool(1, r -> {
            Thread t = new Thread(r, "deskbridge-crm-poller");
            t.setDaemon(true);
            return t;
        });
        for (String id : polled) {
            Duration interval = ctx.sessions().crm(id).pollInterval();
            long every = Math.max(FLOOR.toMillis(), interval.toMillis());
            scheduler.scheduleWithFixedDelay(() -> safePoll(id), every, every, TimeUnit.MILLISECONDS);
            LOG.info("crm {} is polled every {} ms", id, every);
        }
    }

    private void safePoll(String crmId) {
        try {
            pollOnce(crmId);
        } catch (RuntimeException e) {
            // The cursor did not move: the next poll asks for the same replies again.
            LOG.warn("polling crm {} failed, trying again in its next interval: {}", crmId, LogSafe.text(e.getMessage()));
        }
    }

    /**
     * Polls one CRM now: asks for replies since its cursor (less {@link #MARGIN}), queues the new ones
     * and moves the cursor to when this poll started, in one transaction.
     *
     * @return how many replies were new
     */
    public int pollOnce(String crmId) {
        CrmSession session = ctx.sessions().crm(crmId);
        Instant started = ctx.clock().instant();
        Instant cursor = ctx.db().inTransaction(c -> cursors.startOrRead(c, crmId, started));
        List<AgentReply> polled = session.poll(cursor.minus(MARGIN));
        List<AgentReply> storable = new ArrayList<>();
        for (AgentReply reply : polled) {
            WebhookFieldLimits.check(reply).ifPresentOrElse(
                    problem -> LOG.warn("crm {}: polled agent reply {} cannot be stored and is skipped: {}", crmId,
                            LogSafe.text(reply.eventId()), problem),
                    () -> storable.add(reply));
        }
        int added = ctx.db().inTransaction(c -> {
            int n = intake.enqueueAgentReplies(c, crmId, storable, ctx.timer().instant());
            cursors.advance(c, crmId, started, ctx.timer().instant());
            return n;
        });
        if (added > 0) {
            onQueued.run();
        }
        return added;
    }

    @Override
    public synchronized void close() {
        if (scheduler != null) {
            scheduler.shutdownNow();
            scheduler = null;
        }
    }
}
