package dev.deskbridge.host.engine;

import dev.deskbridge.connector.api.model.AgentReply;
import dev.deskbridge.connector.api.model.ChannelEvent;
import dev.deskbridge.connector.api.model.DeliveryUpdate;
import dev.deskbridge.connector.api.model.InboundMessage;
import dev.deskbridge.connector.api.model.PaymentUpdate;
import dev.deskbridge.connector.api.model.TemplateUpdate;
import dev.deskbridge.connector.api.webhook.VerifiedWebhook;
import dev.deskbridge.connector.api.webhook.WebhookRequest;
import dev.deskbridge.host.store.Conversation;
import dev.deskbridge.host.store.ConversationKey;
import dev.deskbridge.host.store.NewQueueItem;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Writes verified webhook events (a channel's parsed events, a CRM's raw webhook) to the inbox in
 * one short transaction, keyed by (source, event id) so a repeated delivery is acknowledged and dropped, and waits until that commit is on disk. Only
 * after this returns may the webhook be answered 2xx.
 */
public final class Intake {
    /** The longest CRM-given id used as a key as it is (the columns leave room for the prefixes). */
    private static final int MAX_KEY = 200;
    private static final Set<String> CREDENTIAL_HEADERS = Set.of("authorization", "proxy-authorization", "cookie");

    private final EngineContext ctx;
    private final Runnable wake;
    private final PaymentUpdates orders;

    Intake(EngineContext ctx, Runnable wake) {
        this.ctx = Objects.requireNonNull(ctx, "ctx");
        this.wake = Objects.requireNonNull(wake, "wake");
        this.orders = new PaymentUpdates(ctx);
    }

    /** The source id of a channel's events. */
    public static String channelSource(String channelId) {
        return "channel:" + channelId;
    }

    /** The source id of a CRM's events. */
    public static String crmSource(String crmId) {
        return "crm:" + crmId;
    }

    /**
     * Stores a channel's events.
     *
     * @return how many were new
     */
    public int acceptChannelEvents(String channelId, List<ChannelEvent> events) {
        if (events.isEmpty()) {
            return 0;
        }
        Instant now = ctx.timer().instant();
        int added = ctx.db().inTransaction(c -> {
            int n = 0;
            for (ChannelEvent event : events) {
                EngineEvent e;
                String key;
                if (event instanceof InboundMessage m) {
                    e = new EngineEvent.CustomerMessageReceived(channelId, m);
                    key = new ConversationKey(m.business(), m.customer()).partition();
                } else if (event instanceof DeliveryUpdate u) {
                    e = new EngineEvent.DeliveryReported(channelId, u);
                    key = deliveryPartition(c, channelId, u);
                } else if (event instanceof PaymentUpdate p) {
                    e = new EngineEvent.PaymentReported(channelId, p);
                    // After the order's own messages: its conversation's line, when the order is one of ours.
                    key = orders.partitionOf(c, channelId, p.customer(), p.referenceId())
                            .orElse(channelSource(channelId) + "|" + p.customer().e164());
                } else {
                    TemplateUpdate u = (TemplateUpdate) event;
                    e = new EngineEvent.TemplateChanged(channelId, u);
                    // One line per channel: a template's changes apply in the order they came.
                    key = channelSource(channelId) + "|templates";
                }
                n += enqueue(c, channelSource(channelId), event.eventId(), e, key, now) ? 1 : 0;
            }
            return n;
        });
        ctx.db().durable();
        if (added > 0) {
            wake.run();
        }
        return added;
    }

    /**
     * Stores a CRM's verified webhook as it came (credential headers left out), to be read by a
     * worker; nothing is asked of the CRM here.
     *
     * @return whether it was new (false for a repeated delivery of the same event)
     */
    public boolean acceptCrmWebhook(String crmId, WebhookRequest request, VerifiedWebhook verified) {
        Instant now = ctx.timer().instant();
        // Without the CRM's own event id (or with one too long to key by) every delivery is kept; its
        // replies still dedupe by their own ids.
        String eventId = "webhook:" + verified.eventId().filter(id -> id.length() <= MAX_KEY)
                .orElseGet(() -> "delivery:" + UUID.randomUUID());
        // A key too long for the column is shortened; two keys sharing a line only lose parallelism.
        String order = verified.orderKey().map(k -> k.length() <= MAX_KEY ? k : "#" + Integer.toHexString(k.hashCode()))
                .orElse("*");
        String partition = crmSource(crmId) + "|webhook|" + order;
        EngineEvent.CrmWebhookReceived event = new EngineEvent.CrmWebhookReceived(crmId, withoutCredentials(request));
        boolean added = ctx.db().inTransaction(c -> enqueue(c, crmSource(crmId), eventId, event, partition, now));
        ctx.db().durable();
        if (added) {
            wake.run();
        }
        return added;
    }

    /**
     * A status update names the customer but not the business number: its conversation is the one
     * of the message it reports on. One DeskBridge never sent has no conversation; it goes in a
     * partition of its own kind ({@code channel:<id>|<customer>}, never taken for a conversation's).
     */
    private String deliveryPartition(Connection c, String channelId, DeliveryUpdate u) throws SQLException {
        return ctx.conversations().keyOfMessage(c, u.providerMessageId()).map(ConversationKey::partition)
                .orElse(channelSource(channelId) + "|" + u.customer().e164());
    }

    /** The request without headers that carry credentials, which the database must not keep. */
    static WebhookRequest withoutCredentials(WebhookRequest request) {
        Map<String, List<String>> headers = new LinkedHashMap<>(request.headers());
        headers.keySet().removeIf(name -> CREDENTIAL_HEADERS.contains(name.toLowerCase(Locale.ROOT)));
        return new WebhookRequest(request.method(), request.publicUrl(), headers, request.query(), request.body(),
                request.receivedAt());
    }

    /**
     * Queues the agent replies read from a CRM's webhook, each in its conversation's partition when
     * the conversation is known (so it is processed after the customer messages before it).
     *
     * @return how many were new
     */
    int enqueueAgentReplies(Connection c, String crmId, List<AgentReply> replies, Instant now) throws SQLException {
        int n = 0;
        for (AgentReply reply : replies) {
            n += enqueueAgentReply(c, crmId, reply, now).isPresent() ? 1 : 0;
        }
        return n;
    }

    /** Queues one agent reply keyed by its event id; the new item's id, or empty when it was queued before. */
    Optional<Long> enqueueAgentReply(Connection c, String crmId, AgentReply reply, Instant now) throws SQLException {
        EngineEvent event = new EngineEvent.AgentReplied(crmId, reply);
        return ctx.inbox().enqueue(c, new NewQueueItem(crmSource(crmId), reply.eventId(), event.type(),
                partitionOf(c, crmId, reply), ctx.codec().encode(event), Optional.empty()), now);
    }

    private String partitionOf(Connection c, String crmId, AgentReply reply) throws SQLException {
        Optional<Conversation> conversation = reply.conversation().isPresent()
                ? ctx.conversations().findById(c, reply.conversation().get(), false)
                : Optional.empty();
        if (conversation.isEmpty()) {
            conversation = ctx.conversations().findByTicket(c, crmId, reply.ticket().id());
        }
        return conversation.map(Conversation::partitionKey).orElse(crmSource(crmId) + "|" + reply.ticket().id());
    }

    private boolean enqueue(Connection c, String source, String eventId, EngineEvent event, String partitionKey,
            Instant now) throws SQLException {
        return ctx.inbox().enqueue(c, new NewQueueItem(source, eventId, event.type(), partitionKey,
                ctx.codec().encode(event), Optional.empty()), now).isPresent();
    }
}
