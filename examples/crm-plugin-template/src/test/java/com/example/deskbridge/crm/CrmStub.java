package com.example.deskbridge.crm;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.deskbridge.connector.api.config.Secret;
import dev.deskbridge.connector.api.model.ConversationId;
import dev.deskbridge.connector.api.model.ConversationRef;
import dev.deskbridge.connector.api.model.CustomerMessage;
import dev.deskbridge.connector.api.model.InboundMessage;
import dev.deskbridge.connector.api.model.MessageContent;
import dev.deskbridge.connector.api.model.PhoneNumber;
import dev.deskbridge.connector.api.model.TicketRef;
import dev.deskbridge.connector.api.pricing.ConversationStatus;
import dev.deskbridge.connector.api.pricing.Money;
import dev.deskbridge.connector.api.pricing.WindowPhase;
import dev.deskbridge.connector.api.pricing.WindowState;
import dev.deskbridge.connector.api.webhook.WebhookRequest;
import dev.deskbridge.connector.testkit.FakeConnectorContext;
import dev.deskbridge.connector.testkit.WebhookRequests;
import dev.deskbridge.connector.testkit.WireMockSupport;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A WireMock CRM on 127.0.0.1 plus the settings, messages and signed webhooks tests need. */
final class CrmStub implements AutoCloseable {
    static final String API_KEY = "crm-api-key-0123456789";
    static final String WEBHOOK_SECRET = "crm-webhook-secret-9876";
    static final PhoneNumber CUSTOMER = PhoneNumber.of("+12015550123");
    static final PhoneNumber BUSINESS = PhoneNumber.of("+15550001111");

    final WireMockServer server = WireMockSupport.startLoopback();

    Map<String, String> settings() {
        return Map.of("base_url", WireMockSupport.baseUrl(server), "api_key", API_KEY,
                "webhook_secret", WEBHOOK_SECRET);
    }

    FakeConnectorContext context() {
        return FakeConnectorContext.of(JsonCrmConnector.SPEC, settings());
    }

    static ConversationStatus openStatus(Instant now) {
        Instant end = now.plus(Duration.ofHours(24));
        return new ConversationStatus(new WindowState(Optional.of(now), Optional.of(end), Optional.empty(),
                Optional.empty(), Optional.empty()), WindowPhase.OPEN, Optional.of(end), Money.of("0.0040", "USD"),
                now);
    }

    static CustomerMessage text(String conversation, Optional<String> ticket, String text, Instant now) {
        InboundMessage in = new InboundMessage("ev-1", "wamid.ev-1", BUSINESS, CUSTOMER, Optional.of("Ana Lima"),
                now, new MessageContent.Text(text), Optional.empty(), Optional.empty());
        ConversationRef ref = new ConversationRef(ConversationId.of(conversation), BUSINESS, CUSTOMER,
                Optional.of("Ana Lima"), ticket.map(TicketRef::of));
        return new CustomerMessage(ref, in, List.of(), openStatus(now));
    }

    static String replyBody(String eventId, String ticketId, String text, Instant writtenAt) {
        return "{\"eventId\":\"" + eventId + "\",\"ticketId\":\"" + ticketId + "\",\"conversationId\":\"conv-1\","
                + "\"author\":\"Bea Agent\",\"text\":\"" + text + "\",\"writtenAt\":\"" + writtenAt + "\"}";
    }

    /** A webhook signed the way the CRM signs it, sent at {@code sentAt}. */
    static WebhookRequest signed(String body, Instant sentAt, String secret) {
        String ts = Long.toString(sentAt.getEpochSecond());
        return WebhookRequests.post("https://bridge.example.com/webhooks/crms/json-crm")
                .header("Content-Type", "application/json")
                .header("X-Crm-Timestamp", ts)
                .header("X-Crm-Signature", "sha256=" + WebhookSignature.sign(new Secret(secret), ts,
                        body.getBytes(StandardCharsets.UTF_8)))
                .body(body)
                .build();
    }

    @Override
    public void close() {
        server.stop();
    }
}
