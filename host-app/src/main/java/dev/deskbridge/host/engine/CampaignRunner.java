package dev.deskbridge.host.engine;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.deskbridge.connector.api.model.OutboundMessage;
import dev.deskbridge.connector.api.model.PhoneNumber;
import dev.deskbridge.host.config.RouteConfig;
import dev.deskbridge.host.store.CampaignStore;
import dev.deskbridge.host.store.Jdbc;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends running campaigns, each on a thread of its own, paced to its rate: every recipient's send is
 * decided and queued (quote, budget, consent, catalogue) under the identity (campaign, line of the
 * file) and recorded on its row in the same transaction, and the outbox sends it. A restart picks up
 * the rows still pending; a row queued before is found by its identity, never queued twice.
 *
 * <p>The pace follows the channel: while the campaign's sends wait in the outbox beyond two seconds'
 * worth, no more are queued; when the provider throttles (Meta's 130429 and 131056 come back as
 * retries in the outbox), the rate is halved, and it climbs back by a tenth every two quiet seconds.
 */
public final class CampaignRunner implements AutoCloseable {
    /** The outbox source of campaign sends; the event id is {@code <campaign>:<line>}. */
    public static final String SOURCE = "campaign";
    private static final Logger LOG = LoggerFactory.getLogger(CampaignRunner.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long CHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(200);
    private static final long RECOVER_NANOS = TimeUnit.SECONDS.toNanos(2);
    private static final long HALVE_NANOS = TimeUnit.SECONDS.toNanos(1);
    /** How far behind its schedule the pace may fall and still catch up. */
    private static final long CATCH_UP_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final EngineContext ctx;
    private final BusinessMessages messages;
    private final Runnable wakeOutbox;
    private final CampaignStore store = new CampaignStore();
    private final Map<String, Thread> running = new ConcurrentHashMap<>();
    private volatile boolean closed;

    CampaignRunner(EngineContext ctx, BusinessMessages messages, Runnable wakeOutbox) {
        this.ctx = Objects.requireNonNull(ctx, "ctx");
        this.messages = Objects.requireNonNull(messages, "messages");
        this.wakeOutbox = Objects.requireNonNull(wakeOutbox, "wakeOutbox");
    }

    /** Resumes every campaign a stopped host left running. */
    void resumeAll() {
        ctx.db().inTransaction(c -> store.withStatus(c, "RUNNING")).forEach(c -> run(c.id()));
    }

    /** Starts sending a campaign (again); nothing happens when it already runs here. */
    public void run(String campaignId) {
        if (closed) {
            throw new IllegalStateException("the engine is stopped");
        }
        running.computeIfAbsent(campaignId, id -> {
            Thread t = new Thread(() -> send(id), "campaign-" + id);
            t.setDaemon(true);
            t.start();
            return t;
        });
    }

    /** Whether the campaign is being sent by this host now. */
    public boolean isRunning(String campaignId) {
        return running.containsKey(campaignId);
    }

    private void send(String id) {
        try {
            CampaignStore.Campaign campaign = ctx.db().inTransaction(c -> store.find(c, id)).orElseThrow();
            RouteConfig route = ctx.routes().of(campaign.channelId(), campaign.crmId()).orElseThrow(() ->
                    new IllegalStateException("no route carries channel '" + campaign.channelId() + "' to crm '"
                            + campaign.crmId() + "' any more"));
            PhoneNumber business = ctx.sessions().channel(route.channel()).businessNumber().orElseThrow();
            TicketMode mode = TicketMode.fromWire(campaign.ticketMode());
            Pace pace = new Pace(campaign.rate());
            LOG.info("campaign {}: sending at {} messages/s", id, campaign.rate());
            while (!closed) {
                List<CampaignStore.Recipient> batch = ctx.db().inTransaction(c -> store.pending(c, id,
                        Math.max(1, campaign.rate())));
                if (batch.isEmpty()) {
                    ctx.db().inTransactionDo(c -> store.move(c, id, "RUNNING", "DONE", ctx.clock().instant()));
                    LOG.info("campaign {}: every recipient queued", id);
                    return;
                }
                for (CampaignStore.Recipient r : batch) {
                    if (closed) {
                        return;
                    }
                    pace.awaitTurn();
                    queue(campaign, route, business, mode, r);
                    wakeOutbox.run();
                }
            }
        } catch (RuntimeException e) {
            // The rows say where it stopped; the next start of the host resumes it.
            LOG.error("campaign {} stopped: {}", id, e.toString());
        } finally {
            running.remove(id);
        }
    }

    private void queue(CampaignStore.Campaign campaign, RouteConfig route, PhoneNumber business, TicketMode mode,
            CampaignStore.Recipient r) {
        String eventId = campaign.id() + ":" + r.line();
        try {
            ctx.db().inTransactionDo(c -> {
                PhoneNumber customer = PhoneNumber.of(r.customer());
                OutboundMessage.Template template = messages.resolve(c, route.channel(), customer,
                        TemplateParameters.request(campaign.template(), campaign.language(), parameters(r)));
                Optional<BusinessMessages.Queued> q = messages.queue(c, route, business, customer, template, mode,
                        Optional.empty(), SOURCE, eventId, ctx.clock().instant());
                if (q.isPresent()) {
                    store.queued(c, campaign.id(), r.line(), q.get().messageId());
                } else {
                    store.queuedEarlier(c, campaign.id(), r.line(), SOURCE, eventId);
                }
            });
        } catch (SendRefusedException e) {
            ctx.db().inTransactionDo(c -> store.refused(c, campaign.id(), r.line(), e.code(), e.getMessage()));
        }
    }

    private static Map<String, String> parameters(CampaignStore.Recipient r) {
        try {
            return JSON.readValue(r.parameters(), new TypeReference<Map<String, String>>() {});
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored parameters of line " + r.line() + " cannot be read", e);
        }
    }

    /**
     * When the next send may be queued: evenly spaced at the current rate, which the outbox's
     * backlog holds back and the provider's throttling lowers.
     */
    private final class Pace {
        private final int configured;
        private double rate;
        private long next = System.nanoTime();
        private long lastCheck;
        private long lastThrottle = System.nanoTime();
        private long retries = -1;
        private long backlog;

        Pace(int configured) {
            this.configured = configured;
            this.rate = configured;
        }

        void awaitTurn() {
            long checkAt = System.nanoTime();
            if (checkAt - lastCheck > CHECK_NANOS) {
                check(checkAt);
            }
            // The outbox two seconds behind: it cannot carry the pace, so none is queued meanwhile and
            // the schedule starts again from now (no burst into a backlog).
            while (backlog > Math.max(2L * configured, 10) && !closed) {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
                backlog = backlog();
                next = System.nanoTime();
            }
            // Each send is due at its place in the schedule, not a sleep after the last one: a slow
            // transaction or a late wake-up is made up by the next sends, up to a second's worth.
            long now = System.nanoTime();
            long wait = next - now;
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            } else if (wait < -CATCH_UP_NANOS) {
                next = now - CATCH_UP_NANOS;
            }
            next += (long) (TimeUnit.SECONDS.toNanos(1) / rate);
        }

        private void check(long now) {
            lastCheck = now;
            // Sends waiting for a retry: the provider refused an attempt (claimed items carry no error
            // until one does; one whose answer was lost keeps its send start and is no sign of throttling).
            long seen = ctx.db().inTransaction(c -> Jdbc.count(c, "SELECT COUNT(*) FROM outbox WHERE status = 'PENDING' "
                    + "AND source_id = ? AND last_error IS NOT NULL AND send_started_at IS NULL", SOURCE));
            // Halved at most once a second: the retries of one throttled burst show up over several checks.
            if (retries >= 0 && seen > retries && now - lastThrottle > HALVE_NANOS) {
                rate = Math.max(1, rate / 2);
                lastThrottle = now;
                LOG.info("campaign sends are being retried (the provider throttles): slowing down to {} messages/s",
                        Math.round(rate));
            } else if (rate < configured && now - lastThrottle > RECOVER_NANOS) {
                rate = Math.min(configured, rate * 1.1 + 1);
                lastThrottle = now;
            }
            retries = seen;
            backlog = backlog();
        }

        private long backlog() {
            return ctx.db().inTransaction(c -> Jdbc.count(c, "SELECT COUNT(*) FROM outbox WHERE status = 'PENDING' "
                    + "AND source_id = ?", SOURCE));
        }
    }

    @Override
    public void close() {
        closed = true;
        for (Thread t : running.values()) {
            t.interrupt();
            try {
                t.join(Duration.ofSeconds(5).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
