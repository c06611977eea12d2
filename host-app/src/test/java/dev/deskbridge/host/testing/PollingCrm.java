package dev.deskbridge.host.testing;

import dev.deskbridge.connector.api.CrmCapability;
import dev.deskbridge.connector.api.CrmSession;
import dev.deskbridge.connector.api.error.WebhookRejectedException;
import dev.deskbridge.connector.api.model.AgentNotice;
import dev.deskbridge.connector.api.model.AgentReply;
import dev.deskbridge.connector.api.model.CustomerMessage;
import dev.deskbridge.connector.api.model.DeliveryNotice;
import dev.deskbridge.connector.api.model.TicketRef;
import dev.deskbridge.connector.api.pricing.ConversationStatus;
import dev.deskbridge.connector.api.webhook.StoredWebhook;
import dev.deskbridge.connector.api.webhook.VerifiedWebhook;
import dev.deskbridge.connector.api.webhook.WebhookRequest;
import dev.deskbridge.connector.testkit.fixtures.Fixtures;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A CRM without webhooks: agents' answers are only found by polling. Every poll returns every
 * answer written since {@code since}, so the same answer comes back poll after poll, as it would
 * from a CRM's "comments updated since" listing.
 */
public final class PollingCrm implements CrmSession {
    private final List<CustomerMessage> appended = new CopyOnWriteArrayList<>();
    private final List<AgentReply> answers = new CopyOnWriteArrayList<>();
    private final List<Instant> polledSince = new CopyOnWriteArrayList<>();
    private final AtomicInteger failNextPolls = new AtomicInteger();

    @Override
    public java.util.Set<CrmCapability> capabilities() {
        return java.util.Set.of(CrmCapability.POLLING);
    }

    @Override
    public Duration pollInterval() {
        return Duration.ofMillis(100);
    }

    /** An agent answers on the ticket at {@code at}. */
    public void agentAnswers(TicketRef ticket, String commentId, String text, Instant at) {
        answers.add(Fixtures.agentReply().eventId("polling-crm:" + commentId).ticket(ticket.id()).conversation(null)
                .text(text).writtenAt(at).build());
    }

    /** The next {@code n} polls fail as a CRM that is down fails. */
    public void failNextPolls(int n) {
        failNextPolls.set(n);
    }

    public List<CustomerMessage> appended() {
        return List.copyOf(appended);
    }

    public List<Instant> polledSince() {
        return List.copyOf(polledSince);
    }

    @Override
    public List<AgentReply> poll(Instant since) {
        polledSince.add(since);
        if (failNextPolls.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            throw new dev.deskbridge.connector.api.error.RetryableException("polling CRM is down");
        }
        return answers.stream().filter(a -> !a.writtenAt().isBefore(since)).toList();
    }

    @Override
    public TicketRef appendCustomerMessage(CustomerMessage message) {
        appended.add(message);
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
        throw new WebhookRejectedException("this CRM sends no webhooks", WebhookRejectedException.Reason.UNSUPPORTED_REQUEST);
    }

    @Override
    public List<AgentReply> read(StoredWebhook webhook) {
        return List.of();
    }

    @Override
    public void close() {}
}
