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
import dev.deskbridge.host.store.journal.IntakeJournal;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Makes verified webhook events (a channel's parsed events, a CRM's raw webhook) durable and puts
 * them in the inbox, keyed by (source, event id) so a repeated delivery is acknowledged and dropped.
 * Only after an accept returns may the webhook be answered 2xx.
 *
 * <p>On H2 on file they go to the intake journal first (acknowledged once it is forced) and a mover
 * puts them in the inbox: the database's flush writes every dirty page of the engine's work too, and
 * an acknowledgement would wait behind it. On PostgreSQL each commit is durable by PostgreSQL's own
 * group commit and several hosts may share the database, so the inbox is written at once: a journal
 * would add a second write to wait for and keep acknowledged events on one host's disk.
 */
public final class Intake implements AutoCloseable {
    /** The longest CRM-given id used as a key as it is (the columns leave room for the prefixes). */
    private static final int MAX_KEY = 200;
    private static final Set<String> CREDENTIAL_HEADERS = Set.of("authorization", "proxy-authorization", "cookie");

    private final EngineContext ctx;
    private final Runnable wake;
    private final PaymentUpdates orders;
    private final Optional<IntakeMover> mover;

    Intake(EngineContext ctx, Runnable wake, Optional<IntakeJournal> journal) {
        this.ctx = Objects.requireNonNull(ctx, "ctx");
        this.wake = Objects.requireNonNull(wake, "wake");
        this.orders = new PaymentUpdates(ctx);
        this.mover = journal.map(j -> new IntakeMover(j, this, ctx, wake));
        journal.ifPresent(j -> ctx.metrics().queueDepth("intake_journal", () -> (long) j.unconsumedRecords()));
    }

    /** Webhooks acknowledged and not yet in the inbox for good (in the intake journal). */
    int notYetInTheInbox() {
        return mover.map(IntakeMover::waiting).orElse(0);
    }

    /**
     * Whether webhooks can be stored: false once the intake journal has failed or its mover stopped,
     * which only a restart mends (the health check reports it). Without a journal, the database's
     * own check says it.
     */
    public boolean working() {
        return mover.map(IntakeMover::working).orElse(true);
    }

    /** Moves what the journal held at start into the inbox, then keeps moving (before the workers start). */
    void start() {
        mover.ifPresent(IntakeMover::start);
    }

    @Override
    public void close() {
        mover.ifPresent(IntakeMover::close);
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
     * Stores a channel's events; returns once they are durable (the webhook may then be answered).
     * Whether each was new is decided when it reaches the inbox: a repeat is dropped there.
     */
    public void acceptChannelEvents(String channelId, List<ChannelEvent> events) {
        acceptChannelEvents(Map.of(channelId, events));
    }

    /**
     * Stores the events of one delivery, each under its channel (a delivery to one channel's URL can
     * hold another number's messages); returns once all of them are durable, in one write.
     */
    public void acceptChannelEvents(Map<String, List<ChannelEvent>> byChannel) {
        List<IntakeItem> items = new ArrayList<>();
        byChannel.forEach((channelId, events) -> events.forEach(event -> items.add(item(channelId, event))));
        if (items.isEmpty()) {
            return;
        }
        accept(items);
    }

    private IntakeItem item(String channelId, ChannelEvent event) {
        EngineEvent e;
        Optional<String> key;
        if (event instanceof InboundMessage m) {
            e = new EngineEvent.CustomerMessageReceived(channelId, m);
            key = Optional.of(new ConversationKey(m.business(), m.customer()).partition());
        } else if (event instanceof DeliveryUpdate u) {
            e = new EngineEvent.DeliveryReported(channelId, u);
            key = Optional.empty(); // the conversation of the message it reports on, asked when stored
        } else if (event instanceof PaymentUpdate p) {
            e = new EngineEvent.PaymentReported(channelId, p);
            key = Optional.empty(); // the order's conversation, asked when stored
        } else {
            TemplateUpdate u = (TemplateUpdate) event;
            e = new EngineEvent.TemplateChanged(channelId, u);
            // One line per channel: a template's changes apply in the order they came.
            key = Optional.of(channelSource(channelId) + "|templates");
        }
        return new IntakeItem(channelSource(channelId), event.eventId(), e.type(), key, ctx.codec().encode(e));
    }

    /**
     * Stores a CRM's verified webhook as it came (credential headers left out), to be read by a
     * worker; nothing is asked of the CRM here. Returns once it is durable; a repeated delivery of the
     * same event is dropped when it reaches the inbox.
     */
    public void acceptCrmWebhook(String crmId, WebhookRequest request, VerifiedWebhook verified) {
        // Without the CRM's own event id (or with one too long to key by) every delivery is kept; its
        // replies still dedupe by their own ids. The id is made here, once, so a replay keeps it.
        String eventId = "webhook:" + verified.eventId().filter(id -> id.length() <= MAX_KEY)
                .orElseGet(() -> "delivery:" + UUID.randomUUID());
        // A key too long for the column is shortened; two keys sharing a line only lose parallelism.
        String order = verified.orderKey().map(k -> k.length() <= MAX_KEY ? k : "#" + Integer.toHexString(k.hashCode()))
                .orElse("*");
        String partition = crmSource(crmId) + "|webhook|" + order;
        EngineEvent.CrmWebhookReceived event = new EngineEvent.CrmWebhookReceived(crmId, withoutCredentials(request));
        accept(List.of(new IntakeItem(crmSource(crmId), eventId, event.type(), Optional.of(partition),
                ctx.codec().encode(event))));
    }

    /**
     * With the intake journal (H2 on file): on disk in the journal, moved into the inbox by the mover.
     * Without (PostgreSQL, whose commit is durable already; H2 in memory): into the inbox now.
     */
    private void accept(List<IntakeItem> items) {
        if (mover.isPresent()) {
            mover.get().accept(items);
            return;
        }
        int added = store(items);
        ctx.db().durable();
        if (added > 0) {
            wake.run();
        }
    }

    /**
     * Puts items in the inbox in one transaction, asking the database for the partitions the webhook
     * did not tell; returns how many were new (a repeat of a stored (source, event id) is dropped).
     */
    int store(List<IntakeItem> items) {
        Instant now = ctx.timer().instant();
        return ctx.db().inTransaction(c -> {
            int n = 0;
            for (IntakeItem item : items) {
                String partition = item.partition().isPresent() ? item.partition().get() : lookUpPartition(c, item);
                n += ctx.inbox().enqueue(c, new NewQueueItem(item.source(), item.eventId(), item.eventType(), partition,
                        item.payload(), Optional.empty()), now).isPresent() ? 1 : 0;
            }
            return n;
        });
    }

    private String lookUpPartition(Connection c, IntakeItem item) throws SQLException {
        EngineEvent event = ctx.codec().decode(item.eventType(), item.payload());
        if (event instanceof EngineEvent.DeliveryReported d) {
            return deliveryPartition(c, d.channelId(), d.update());
        }
        if (event instanceof EngineEvent.PaymentReported p) {
            // After the order's own messages: its conversation's line, when the order is one of ours.
            return orders.partitionOf(c, p.channelId(), p.update().customer(), p.update().referenceId())
                    .orElse(channelSource(p.channelId()) + "|" + p.update().customer().e164());
        }
        throw new IllegalArgumentException("no partition to look up for " + item.eventType());
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
