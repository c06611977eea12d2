package dev.deskbridge.host.cli.testcrm;

import dev.deskbridge.connector.api.CrmCapability;
import dev.deskbridge.connector.api.CrmSession;
import dev.deskbridge.connector.api.CrmSetup;
import dev.deskbridge.connector.api.model.AgentNotice;
import dev.deskbridge.connector.api.model.AgentReply;
import dev.deskbridge.connector.api.model.CustomerMessage;
import dev.deskbridge.connector.api.model.DeliveryNotice;
import dev.deskbridge.connector.api.model.TicketRef;
import dev.deskbridge.connector.api.pricing.ConversationStatus;
import dev.deskbridge.connector.api.webhook.StoredWebhook;
import dev.deskbridge.connector.api.webhook.VerifiedWebhook;
import dev.deskbridge.connector.api.webhook.WebhookRequest;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** A session that only knows how to set up (or not); the setup command needs nothing else. */
final class TestCrmSession implements CrmSession {
    private final Optional<CrmSetup> setup;

    TestCrmSession(Optional<CrmSetup> setup) {
        this.setup = setup;
    }

    @Override
    public Optional<CrmSetup> setup() {
        return setup;
    }

    @Override
    public Set<CrmCapability> capabilities() {
        return Set.of();
    }

    @Override
    public TicketRef appendCustomerMessage(CustomerMessage message) {
        throw new UnsupportedOperationException("setup tests only");
    }

    @Override
    public void updateStatus(TicketRef ticket, ConversationStatus status) {
        throw new UnsupportedOperationException("setup tests only");
    }

    @Override
    public void recordDelivery(TicketRef ticket, DeliveryNotice notice) {
        throw new UnsupportedOperationException("setup tests only");
    }

    @Override
    public void notifyAgents(TicketRef ticket, AgentNotice notice) {
        throw new UnsupportedOperationException("setup tests only");
    }

    @Override
    public VerifiedWebhook verify(WebhookRequest request) {
        throw new UnsupportedOperationException("setup tests only");
    }

    @Override
    public List<AgentReply> read(StoredWebhook webhook) {
        throw new UnsupportedOperationException("setup tests only");
    }

    @Override
    public void close() {
        SetupCrm.CLOSED.incrementAndGet();
    }
}
