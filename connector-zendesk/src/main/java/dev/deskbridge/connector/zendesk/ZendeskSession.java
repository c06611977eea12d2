package dev.deskbridge.connector.zendesk;

import dev.deskbridge.connector.api.ConnectorContext;
import dev.deskbridge.connector.api.CrmCapability;
import dev.deskbridge.connector.api.CrmSession;
import dev.deskbridge.connector.api.CrmSetup;
import dev.deskbridge.connector.api.config.Secret;
import dev.deskbridge.connector.api.error.PermanentException;
import dev.deskbridge.connector.api.error.WebhookRejectedException;
import dev.deskbridge.connector.api.model.AgentNotice;
import dev.deskbridge.connector.api.model.AgentReply;
import dev.deskbridge.connector.api.model.BusinessTicket;
import dev.deskbridge.connector.api.model.CustomerMessage;
import dev.deskbridge.connector.api.model.DeliveryNotice;
import dev.deskbridge.connector.api.model.TicketRef;
import dev.deskbridge.connector.api.pricing.ConversationStatus;
import dev.deskbridge.connector.api.webhook.StoredWebhook;
import dev.deskbridge.connector.api.webhook.VerifiedWebhook;
import dev.deskbridge.connector.api.webhook.WebhookRequest;
import dev.deskbridge.connector.zendesk.client.ClientRateLimit;
import dev.deskbridge.connector.zendesk.client.ZendeskAccess;
import dev.deskbridge.connector.zendesk.client.ZendeskApi;
import dev.deskbridge.connector.zendesk.customer.CustomerDirectory;
import dev.deskbridge.connector.zendesk.setup.ZendeskSetup;
import dev.deskbridge.connector.zendesk.status.StatusMemory;
import dev.deskbridge.connector.zendesk.status.TicketFields;
import dev.deskbridge.connector.zendesk.ticket.CommentGuard;
import dev.deskbridge.connector.zendesk.ticket.InternalNotes;
import dev.deskbridge.connector.zendesk.ticket.TicketStatusWriter;
import dev.deskbridge.connector.zendesk.ticket.TicketWriter;
import dev.deskbridge.connector.zendesk.webhook.AgentReplyReader;
import dev.deskbridge.connector.zendesk.webhook.WebhookPayload;
import dev.deskbridge.connector.zendesk.webhook.WebhookSignature;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One configured Zendesk account: tickets for conversations, agent replies from its webhook (verified
 * in the request, read back from the API in a worker).
 */
final class ZendeskSession implements CrmSession {
    private final ConnectorContext context;
    private final ZendeskApi api;
    private final WebhookSignature signature;
    private final TicketWriter tickets;
    private final TicketStatusWriter status;
    private final AgentReplyReader replies;
    private final ZendeskSetup setup;

    private ZendeskSession(ConnectorContext context, ZendeskApi api, Secret webhookSecret) {
        this.context = context;
        this.api = api;
        this.signature = new WebhookSignature(webhookSecret, context.clock());
        TicketFields fields = new TicketFields(api, context.clock(), context.logger(),
                ZendeskSettings.windowFieldId(context.settings()), ZendeskSettings.costFieldId(context.settings()),
                ZendeskSettings.linkFieldId(context.settings()));
        StatusMemory memory = new StatusMemory();
        CommentGuard guard = new CommentGuard(api);
        InternalNotes notes = new InternalNotes(api, guard);
        this.tickets = new TicketWriter(api, new CustomerDirectory(api, context.logger()), fields, memory, guard,
                notes, context.logger());
        this.status = new TicketStatusWriter(api, fields, memory, notes, context.logger());
        this.replies = new AgentReplyReader(api, context.logger());
        this.setup = new ZendeskSetup(api, context.instanceId(), webhookSecret);
    }

    /** Opens a session; touches no network. */
    static ZendeskSession open(ConnectorContext context) {
        return open(context, ClientRateLimit.DEFAULT_MAX_WAIT);
    }

    /**
     * Opens a session whose requests wait at most {@code rateLimitWait} for the client-side
     * budget (tests use zero to see the limit without waiting).
     */
    static ZendeskSession open(ConnectorContext context, Duration rateLimitWait) {
        Objects.requireNonNull(context, "context");
        ZendeskAccess access = ZendeskSettings.access(context.settings());
        Secret webhookSecret = context.settings().secret(ZendeskSettings.WEBHOOK_SECRET).orElseThrow();
        ZendeskApi api = ZendeskApi.open(access, new ClientRateLimit(access.requestsPerMinute(), rateLimitWait),
                context.metrics());
        return new ZendeskSession(context, api, webhookSecret);
    }

    @Override
    public Set<CrmCapability> capabilities() {
        return EnumSet.of(CrmCapability.WEBHOOKS, CrmCapability.ATTACHMENTS, CrmCapability.BUSINESS_TICKETS);
    }

    @Override
    public TicketRef appendCustomerMessage(CustomerMessage message) {
        Objects.requireNonNull(message, "message");
        return tickets.append(message);
    }

    @Override
    public TicketRef openTicket(BusinessTicket ticket) {
        return tickets.open(Objects.requireNonNull(ticket, "ticket"));
    }

    @Override
    public void updateStatus(TicketRef ticket, ConversationStatus conversationStatus) {
        status.updateStatus(Objects.requireNonNull(ticket, "ticket"),
                Objects.requireNonNull(conversationStatus, "conversationStatus"));
    }

    @Override
    public void recordDelivery(TicketRef ticket, DeliveryNotice notice) {
        status.recordDelivery(Objects.requireNonNull(ticket, "ticket"), Objects.requireNonNull(notice, "notice"));
    }

    @Override
    public void recordDelivery(TicketRef ticket, DeliveryNotice notice, ConversationStatus conversation) {
        status.recordDelivery(Objects.requireNonNull(ticket, "ticket"), Objects.requireNonNull(notice, "notice"),
                Objects.requireNonNull(conversation, "conversation"));
    }

    @Override
    public void notifyAgents(TicketRef ticket, AgentNotice notice) {
        status.notifyAgents(Objects.requireNonNull(ticket, "ticket"), Objects.requireNonNull(notice, "notice"));
    }

    /** In the request: the signature and timestamp, then the ids the body names. Never calls Zendesk. */
    @Override
    public VerifiedWebhook verify(WebhookRequest request) {
        Objects.requireNonNull(request, "request");
        try {
            // Authenticity first: nothing of the body is read before the signature holds.
            signature.verify(request);
            WebhookPayload payload = WebhookPayload.parse(request.body());
            Optional<String> event = payload.commentId().map(comment -> "zendesk:" + payload.ticketId() + ":" + comment);
            return new VerifiedWebhook(event, Optional.of("ticket:" + payload.ticketId()));
        } catch (WebhookRejectedException e) {
            context.metrics().increment("zendesk_webhooks_rejected", "reason", e.reason().name().toLowerCase(java.util.Locale.ROOT));
            throw e;
        }
    }

    /** In a worker: the webhook is only a pointer, so the comment is read back from the API. */
    @Override
    public List<AgentReply> read(StoredWebhook webhook) {
        Objects.requireNonNull(webhook, "webhook");
        WebhookPayload payload;
        try {
            payload = WebhookPayload.parse(webhook.request().body());
        } catch (WebhookRejectedException e) {
            throw new PermanentException("stored Zendesk webhook " + webhook.id() + " cannot be read: " + e.getMessage());
        }
        return replies.read(payload).map(List::of).orElse(List.of());
    }

    @Override
    public Optional<CrmSetup> setup() {
        return Optional.of(setup);
    }

    @Override
    public void close() {
        api.close();
    }

    @Override
    public String toString() {
        return "ZendeskSession[" + context.instanceId() + ", " + api.access().baseUrl() + "]";
    }
}
