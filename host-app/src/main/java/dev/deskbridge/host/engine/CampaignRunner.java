package dev.deskbridge.host.engine;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.deskbridge.connector.api.model.OutboundMessage;
import dev.deskbridge.connector.api.model.PhoneNumber;
import dev.deskbridge.host.config.RouteConfig;
import dev.deskbridge.host.logging.LogThrottle;
import dev.deskbridge.host.store.CampaignStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends running campaigns, each on a thread of its own, paced to its rate: every recipient's send is
 * decided and queued (quote, budget, consent, catalogue) under the identity (campaign, line of the
 * file) and recorded on its row in the same transaction, and the outbox sends it. A restart picks up
 * the rows still pending; a row queued before is found by its identity, never queued twice.
 *
 * <p>One host sends a campaign at a time: the one holding its {@link CampaignLease}, claimed when it
 * starts and renewed while it sends. Every quarter lease each host looks for running campaigns no
 * lease holds (their host died, or stopped) and takes them over, as the queues' items are.
 *
 * <p>The pace follows the channel: the outbox's backlog holds it back and the provider's throttling
 * lowers it ({@link CampaignPace}).
 */
public final class CampaignRunner implements AutoCloseable {
    /** The outbox source of campaign sends; the event id is {@code <campaign>:<line>}. */
    public static final String SOURCE = "campaign";
    private static final Logger LOG = LoggerFactory.getLogger(CampaignRunner.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final EngineContext ctx;
    private final BusinessMessages messages;
    private final Runnable wakeOutbox;
    /** Who holds the leases taken here: the engine's identity, as on its queue claims. */
    private final String owner;
    private final CampaignStore store = new CampaignStore();
    private final Map<String, Thread> running = new ConcurrentHashMap<>();
    private final ScheduledExecutorService lookout;
    /** A campaign that cannot be sent here stops again after each takeover: said once a minute. */
    private final LogThrottle stops = new LogThrottle(Duration.ofMinutes(1));
    private volatile boolean closed;

    CampaignRunner(EngineContext ctx, BusinessMessages messages, Runnable wakeOutbox, String owner) {
        this.ctx = Objects.requireNonNull(ctx, "ctx");
        this.messages = Objects.requireNonNull(messages, "messages");
        this.wakeOutbox = Objects.requireNonNull(wakeOutbox, "wakeOutbox");
        this.owner = Objects.requireNonNull(owner, "owner");
        this.lookout = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "deskbridge-campaigns-lookout");
            t.setDaemon(true);
            return t;
        });
    }

    /** Looks every quarter lease, from now on, for running campaigns no host sends (this one's last run's too). */
    void start() {
        long every = Math.max(50, ctx.settings().lease().toMillis() / 4);
        lookout.scheduleWithFixedDelay(this::takeOver, 0, every, TimeUnit.MILLISECONDS);
    }

    /** Sends here the running campaigns that no lease holds (their host died or stopped); one indexed query. */
    private void takeOver() {
        try {
            for (String id : ctx.db().inTransaction(c -> store.unleased(c, ctx.timer().instant()))) {
                if (!closed && !running.containsKey(id) && claimAndRun(id)) {
                    LOG.info("campaign {}: no host held its lease; sending it here", id);
                }
            }
        } catch (RuntimeException e) {
            // The database may be away for a moment; the next look tries again.
            LOG.warn("cannot look for campaigns to take over: {}", e.getMessage());
        }
    }

    /**
     * Starts sending a running campaign here (again), unless another host's lease on it is live: that
     * host sends it. Nothing happens when it already runs here.
     *
     * @return whether this host sends it
     */
    public boolean run(String campaignId) {
        if (closed) {
            throw new IllegalStateException("the engine is stopped");
        }
        boolean here = claimAndRun(campaignId);
        if (!here) {
            LOG.info("campaign {}: another host sends it (its lease on it is live); not started here", campaignId);
        }
        return here;
    }

    private boolean claimAndRun(String id) {
        if (running.containsKey(id)) {
            return true;
        }
        if (!ctx.db().inTransaction(c -> store.claim(c, id, owner, ctx.timer().instant(), ctx.settings().lease()))) {
            return false;
        }
        CampaignLease lease = new CampaignLease(ctx, store, id, owner);
        Thread t = new Thread(() -> send(id, lease), "campaign-" + id);
        t.setDaemon(true);
        // Started once mapped, so that its removal when it ends cannot come before it is mapped.
        if (running.putIfAbsent(id, t) == null) {
            t.start();
        }
        return true;
    }

    /** Whether the campaign is being sent by this host now. */
    public boolean isRunning(String campaignId) {
        return running.containsKey(campaignId);
    }

    private void send(String id, CampaignLease lease) {
        try {
            CampaignStore.Campaign campaign = ctx.db().inTransaction(c -> store.find(c, id)).orElseThrow();
            RouteConfig route = ctx.routes().of(campaign.channelId(), campaign.crmId()).orElseThrow(() ->
                    new IllegalStateException("no route carries channel '" + campaign.channelId() + "' to crm '"
                            + campaign.crmId() + "' any more"));
            PhoneNumber business = ctx.sessions().channel(route.channel()).businessNumber().orElseThrow();
            TicketMode mode = TicketMode.fromWire(campaign.ticketMode());
            CampaignPace pace = new CampaignPace(ctx, campaign.rate(), () -> closed);
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
                    if (!pace.awaitTurn(lease::keep)) {
                        return;
                    }
                    queue(campaign, route, business, mode, r);
                    wakeOutbox.run();
                }
            }
        } catch (RuntimeException e) {
            // The rows say where it stopped; once its lease runs out a host (this one too) takes it up again.
            stops.admit(id).ifPresent(held -> LOG.error("campaign {} stopped: {}; taken up again once its lease runs "
                    + "out{}", id, e.toString(), held > 0 ? " (" + held + " more stops since the last line)" : ""));
        } finally {
            running.remove(id, Thread.currentThread());
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

    /** Stops sending; the leases of the campaigns stopped here are let go of, for another host to take at once. */
    @Override
    public void close() {
        closed = true;
        lookout.shutdownNow();
        List<String> stopped = new ArrayList<>();
        try {
            lookout.awaitTermination(5, TimeUnit.SECONDS);
            for (Map.Entry<String, Thread> e : Map.copyOf(running).entrySet()) {
                e.getValue().interrupt();
                e.getValue().join(Duration.ofSeconds(5).toMillis());
                if (!e.getValue().isAlive()) {
                    stopped.add(e.getKey());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (stopped.isEmpty()) {
            return;
        }
        try {
            ctx.db().inTransactionDo(c -> {
                for (String id : stopped) {
                    store.release(c, id, owner);
                }
            });
            LOG.info("campaigns {}: let go of; another host takes them over at once, or this one when it starts again",
                    stopped);
        } catch (RuntimeException e) {
            // Their leases run out instead, within one lease.
            LOG.warn("cannot let go of the leases of campaigns {}: {}", stopped, e.getMessage());
        }
    }
}
