package dev.deskbridge.host.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.deskbridge.connector.api.CrmCapability;
import dev.deskbridge.connector.api.CrmSession;
import dev.deskbridge.connector.api.error.PermanentException;
import dev.deskbridge.connector.api.error.RetryableException;
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
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A CRM connector written the way a plugin author would: JSON over HTTP to a ticket system (in
 * tests, a WireMock "CRM", so its failures can be injected), agent replies as HMAC-signed webhooks
 * ({@code X-Crm-Signature}). It only classifies failures: 429 and 5xx are retryable (with the
 * server's Retry-After), other 4xx permanent.
 *
 * <p>API: {@code POST /api/messages} (returns {@code {"ticketId": ...}}),
 * {@code POST /api/tickets/{id}/status}, {@code /deliveries}, {@code /notes}.
 */
public final class HttpJsonCrm implements CrmSession {
    public static final String SIGNATURE_HEADER = "X-Crm-Signature";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String baseUrl;
    private final String secret;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    public HttpJsonCrm(String baseUrl, String secret) {
        this.baseUrl = baseUrl;
        this.secret = secret;
    }

    @Override
    public Set<CrmCapability> capabilities() {
        return Set.of(CrmCapability.WEBHOOKS);
    }

    @Override
    public TicketRef appendCustomerMessage(CustomerMessage message) {
        ObjectNode body = JSON.createObjectNode()
                .put("conversationId", message.conversation().id().value())
                .put("customer", message.conversation().customer().e164())
                .put("ticketId", message.conversation().ticket().map(TicketRef::id).orElse(null))
                .put("eventId", message.message().eventId())
                .put("providerMessageId", message.message().providerMessageId())
                .put("text", message.message().content().summary())
                .put("phase", message.status().phase().name())
                .put("retry", message.retry());
        JsonNode answer = post("/api/messages", body);
        return TicketRef.of(answer.path("ticketId").asText());
    }

    @Override
    public void updateStatus(TicketRef ticket, ConversationStatus status) {
        post("/api/tickets/" + ticket.id() + "/status", JSON.createObjectNode()
                .put("phase", status.phase().name())
                .put("closesAt", status.closesAt().map(Instant::toString).orElse(null))
                .put("costSoFar", status.costSoFar().amount().toPlainString()));
    }

    @Override
    public void recordDelivery(TicketRef ticket, DeliveryNotice notice) {
        post("/api/tickets/" + ticket.id() + "/deliveries", JSON.createObjectNode()
                .put("providerMessageId", notice.providerMessageId())
                .put("status", notice.status().name())
                .put("cost", notice.cost().map(m -> m.amount().toPlainString()).orElse(null)));
    }

    @Override
    public void notifyAgents(TicketRef ticket, AgentNotice notice) {
        post("/api/tickets/" + ticket.id() + "/notes", JSON.createObjectNode()
                .put("noticeId", notice.id())
                .put("kind", notice.kind().name())
                .put("text", notice.text())
                .put("quote", notice.quote().map(q -> q.price().amount().toPlainString()).orElse(null)));
    }

    @Override
    public VerifiedWebhook verify(WebhookRequest request) {
        Hmac.verify(request, SIGNATURE_HEADER, secret);
        AgentReply reply = parse(request.body(), WebhookRejectedException.class);
        return VerifiedWebhook.of(reply.eventId(), reply.ticket().id());
    }

    @Override
    public List<AgentReply> read(StoredWebhook webhook) {
        return List.of(parse(webhook.request().body(), PermanentException.class));
    }

    private static AgentReply parse(byte[] body, Class<? extends RuntimeException> failure) {
        try {
            JsonNode r = JSON.readTree(body);
            return new AgentReply(r.path("eventId").asText(), TicketRef.of(r.path("ticketId").asText()),
                    Optional.ofNullable(r.path("conversationId").textValue()).map(ConversationId::of),
                    r.path("author").asText("agent"), r.path("text").asText(), List.of(),
                    Instant.parse(r.path("writtenAt").asText()));
        } catch (IOException | RuntimeException e) {
            throw failure == PermanentException.class ? new PermanentException("not an agent reply: " + e.getMessage())
                    : new WebhookRejectedException("not an agent reply: " + e.getMessage(),
                            WebhookRejectedException.Reason.MALFORMED_BODY, e);
        }
    }

    /** An agent reply webhook body. */
    public static String replyWebhook(String eventId, String ticketId, String text, Instant writtenAt) {
        return JSON.createObjectNode().put("eventId", eventId).put("ticketId", ticketId).put("author", "Agent Smith")
                .put("text", text).put("writtenAt", writtenAt.toString()).toString();
    }

    private JsonNode post(String path, JsonNode body) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                .build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new RetryableException("crm unreachable: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RetryableException("interrupted", e);
        }
        int status = response.statusCode();
        if (status == 429 || status >= 500) {
            Duration retryAfter = response.headers().firstValue("Retry-After").map(s -> Duration.ofSeconds(
                    Long.parseLong(s.trim()))).orElse(null);
            throw new RetryableException("crm answered " + status + " on " + path, retryAfter, null);
        }
        if (status >= 400) {
            throw new PermanentException("crm refused " + path + ": " + response.body(), String.valueOf(status), null);
        }
        try {
            return response.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(response.body());
        } catch (IOException e) {
            throw new PermanentException("crm answered " + path + " with something that is not JSON");
        }
    }

    @Override
    public void close() {}
}
