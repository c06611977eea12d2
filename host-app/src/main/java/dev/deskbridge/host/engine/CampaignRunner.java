package dev.deskbridge.host.engine;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.deskbridge.connector.api.model.OutboundMessage;
import dev.deskbridge.connector.api.model.PhoneNumber;
import dev.deskbridge.host.config.RouteConfig;
import dev.deskbridge.host.store.CampaignStore;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends running campaigns, each on a thread of its own, paced to its rate: every recipient's send is
 * decided and queued (quote, budget, consent, catalogue) under the identity (campaign, line of the
 * file) and recorded on its row in the same transaction, and the outbox sends it. A restart picks up
 * the rows still pending; a row queued before is found by its identity, never queued twice.
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
