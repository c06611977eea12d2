package dev.deskbridge.host.testing;

import dev.deskbridge.connector.api.CrmCapability;
import dev.deskbridge.connector.api.CrmSession;
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
import java.util.Set;
import java.util.function.Consumer;

/** An in-memory CRM: hands every appended customer message to a consumer; tickets are {@code T-<conversation>}. */
public final class RecordingCrm implements CrmSession {
    private final Set<CrmCapability> capabilities;
    private final Consumer<CustomerMessage> onAppend;

    public RecordingCrm(Set<CrmCapability> capabilities, Consumer<CustomerMessage> onAppend) {
        this.capabilities = Set.copyOf(capabilities);
        this.onAppend = onAppend;
    }

    @Override
    public Set<CrmCapability> capabilities() {
        return capabilities;
    }

    @Override
    public TicketRef appendCustomerMessage(CustomerMessage message) {
        onAppend.accept(message);
        return TicketRef.of("T-" + message.conversation().id());
    }

    @Override
    public void updateStatus(TicketRef ticket, ConversationStatus status) {}

    @Override
    public void recordDelivery(TicketRef ticket, DeliveryNotice notice) {}

    @Override
    public void notifyAgents(TicketRef ticket, AgentNotice notice) {}

    @Override
    public VerifiedWebhook verify(WebhookRequest request) {
        return VerifiedWebhook.anonymous();
    }

    @Override
    public List<AgentReply> read(StoredWebhook webhook) {
        return List.of();
    }

    @Override
    public void close() {}
}
