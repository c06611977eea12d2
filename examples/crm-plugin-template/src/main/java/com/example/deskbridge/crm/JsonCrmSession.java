package com.example.deskbridge.crm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.deskbridge.connector.api.CrmCapability;
import dev.deskbridge.connector.api.CrmSession;
import dev.deskbridge.connector.api.error.PermanentException;
import dev.deskbridge.connector.api.error.WebhookRejectedException;
import dev.deskbridge.connector.api.model.AgentNotice;
import dev.deskbridge.connector.api.model.AgentReply;
import dev.deskbridge.connector.api.model.ConversationId;
import dev.deskbridge.connector.api.model.CustomerMessage;
import dev.deskbridge.connector.api.model.DeliveryNotice;
import dev.deskbridge.connector.api.model.TicketRef;
import dev.deskbridge.connector.api.pricing.ConversationStatus;
import dev.deskbridge.connector.api.webhook.StoredWebhook;
import dev.deskbridge.connector.api.webhook.VerifiedWebhook;
import dev.deskbridge.connector.api.webhook.WebhookRequest;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One configured JSON CRM. API: {@code POST /api/messages} (answers {@code {"ticketId": ...}}),
 * {@code POST /api/tickets/{id}/status}, {@code /deliveries} and {@code /notes}; agent replies
 * arrive as signed webhooks. The host may retry any call, so every write carries the id of the event
 * that caused it ({@code eventId} of a customer message, {@code noticeId} of a note) and the CRM is
 * expected to deduplicate by it; never by text, since a customer may well write "ok" twice.
 */
final class JsonCrmSession implements CrmSession {
    private final CrmHttp http;
    private final WebhookSignature signature;

    JsonCrmSession(CrmHttp http, WebhookSignature signature) {
        this.http = Objects.requireNonNull(http, "http");
        this.signature = Objects.requireNonNull(signature, "signature");
    }

    @Override
    public Set<CrmCapability> capabilities() {
        // TEMPLATE: POLLING instead (and implement poll) if your CRM cannot send webhooks.
        return Set.of(CrmCapability.WEBHOOKS);
    }

    @Override
    public TicketRef appendCustomerMessage(CustomerMessage message) {
        // TEMPLATE: map the message to your CRM's "add comment / create ticket" call.
        ObjectNode body = CrmHttp.JSON.createObjectNode()
                .put("conversationId", message.conversation().id().value())
                .put("customer", message.conversation().customer().e164())
                .put("ticketId", message.conversation().ticket().map(TicketRef::id).orElse(null))
                // The write's identity: the same message always gives the same id, so a retry finds it.
                .put("eventId", message.message().eventId())
                .put("providerMessageId", message.message().providerMessageId())
                .put("text", message.message().content().summary())
                .put("phase", message.status().phase().name());
        String ticketId = http.post("/api/messages", body).path("ticketId").asText("");
        if (ticketId.isBlank()) {
            // Without a ticket id the host could not route agent replies back: fail loudly.
            throw new PermanentException("CRM answered POST /api/messages without a ticketId");
        }
        return TicketRef.of(ticketId);
    }

    @Override
    public void updateStatus(TicketRef ticket, ConversationStatus status) {
        // TEMPLATE: where your CRM shows the WhatsApp window (a field, a tag, ...).
        http.post(ticketPath(ticket, "status"), CrmHttp.JSON.createObjectNode()
                .put("phase", status.phase().name())
                .put("closesAt", status.closesAt().map(Instant::toString).orElse(null))
                .put("costSoFar", status.costSoFar().amount().toPlainString()));
    }

    @Override
    public void recordDelivery(TicketRef ticket, DeliveryNotice notice) {
        http.post(ticketPath(ticket, "deliveries"), CrmHttp.JSON.createObjectNode()
                .put("providerMessageId", notice.providerMessageId())
                .put("status", notice.status().name())
                .put("cost", notice.cost().map(m -> m.amount().toPlainString()).orElse(null)));
    }

    @Override
    public void notifyAgents(TicketRef ticket, AgentNotice notice) {
        // TEMPLATE: an internal note, so the customer never sees it.
        http.post(ticketPath(ticket, "notes"), CrmHttp.JSON.createObjectNode()
                // A retried notice has the same id: the CRM keeps one note per id.
                .put("noticeId", notice.id())
                .put("kind", notice.kind().name())
                .put("text", notice.text())
                .put("quote", notice.quote().map(q -> q.price().amount().toPlainString()).orElse(null)));
    }

    /**
     * In the webhook's request: signature and timestamp first, then the body is checked (a broken
     * one is refused here). Nothing is called: the host stores the webhook and calls {@link #read}
     * from a worker, with retries.
     */
    @Override
    public VerifiedWebhook verify(WebhookRequest request) {
        // Verify first: nothing unauthenticated is ever parsed.
        signature.verify(request);
        try {
            JsonNode r = CrmHttp.JSON.readTree(request.body());
            parse(r);
            // TEMPLATE: the ids your CRM's webhook names: its event (for de-duplication) and ticket (for order).
            return VerifiedWebhook.of(required(r, "eventId"), required(r, "ticketId"));
        } catch (IOException | RuntimeException e) {
            throw new WebhookRejectedException("not an agent reply: " + e.getMessage(),
                    WebhookRejectedException.Reason.MALFORMED_BODY, e);
        }
    }

    /**
     * In a worker: the stored webhook as agent replies. TEMPLATE: if your CRM's webhooks carry only
     * ids, fetch the comment here (with {@code http}); a failure is retried by the host.
     */
    @Override
    public List<AgentReply> read(StoredWebhook webhook) {
        try {
            return parse(CrmHttp.JSON.readTree(webhook.request().body())).map(List::of).orElse(List.of());
        } catch (IOException | RuntimeException e) {
            throw new PermanentException(
                    "stored webhook " + webhook.id() + " is not an agent reply: " + e.getMessage());
        }
    }

    private static Optional<AgentReply> parse(JsonNode r) {
        // TEMPLATE: your CRM's webhook body. Skip comments DeskBridge wrote itself (author "deskbridge").
        if ("deskbridge".equals(r.path("author").asText())) {
            return Optional.empty();
        }
        return Optional.of(new AgentReply(required(r, "eventId"), TicketRef.of(required(r, "ticketId")),
                Optional.ofNullable(r.path("conversationId").textValue()).map(ConversationId::of),
                r.path("author").asText("agent"), required(r, "text"), List.of(),
                Instant.parse(required(r, "writtenAt"))));
    }

    private static String required(JsonNode node, String field) {
        String value = node.path(field).asText("");
        if (value.isBlank()) {
            throw new IllegalArgumentException("field '" + field + "' is missing");
        }
        return value;
    }

    private static String ticketPath(TicketRef ticket, String what) {
        return "/api/tickets/" + java.net.URLEncoder.encode(ticket.id(), java.nio.charset.StandardCharsets.UTF_8)
                + "/" + what;
    }

    @Override
    public void close() {
        // Nothing to release: the JDK client's connections die with it.
    }

    @Override
    public String toString() {
        return "JsonCrmSession[" + http.baseUrl() + "]";
    }
}
