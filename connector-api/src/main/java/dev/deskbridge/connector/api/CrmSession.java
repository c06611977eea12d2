package dev.deskbridge.connector.api;

import dev.deskbridge.connector.api.model.AgentNotice;
import dev.deskbridge.connector.api.model.AgentReply;
import dev.deskbridge.connector.api.model.CustomerMessage;
import dev.deskbridge.connector.api.model.DeliveryNotice;
import dev.deskbridge.connector.api.model.TicketRef;
import dev.deskbridge.connector.api.pricing.ConversationStatus;
import dev.deskbridge.connector.api.webhook.WebhookRequest;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * One configured CRM. Thread-safe; the host never calls it concurrently for the same
 * conversation, so calls for one ticket arrive in order.
 *
 * <p>Every method may be retried by the host after a
 * {@link dev.deskbridge.connector.api.error.RetryableException}, so each must be idempotent
 * (for example by the conversation id as the ticket's external id, or an idempotency key).
 * Errors are classified as for {@link ChannelSession}.
 */
public interface CrmSession extends AutoCloseable {

    /** What this session supports; the contract suite skips what is absent. */
    Set<CrmCapability> capabilities();

    /**
     * Puts a customer message on the conversation's ticket, creating the ticket (and the
     * customer) when there is none, or a follow-up when the old one can take no more.
     *
     * @return the ticket that now carries the conversation; the host stores it
     */
    TicketRef appendCustomerMessage(CustomerMessage message);

    /** Shows the conversation's window and cost on the ticket (fields, tags). */
    void updateStatus(TicketRef ticket, ConversationStatus status);

    /**
     * Records a sent message's delivery, read or failure, without flooding the ticket. A failure is
     * also told to agents by the host, right after, through {@link #notifyAgents} with
     * {@link dev.deskbridge.connector.api.model.AgentNotice.Kind#DELIVERY_FAILED}: record it here
     * (a field, a tag) without a note of its own.
     */
    void recordDelivery(TicketRef ticket, DeliveryNotice notice);

    /** Tells agents something they must know, as an internal note. */
    void notifyAgents(TicketRef ticket, AgentNotice notice);

    /**
     * Verifies the CRM's webhook (signature, and timestamp where sent) BEFORE reading it, then
     * turns it into agent replies. Comments DeskBridge itself wrote must never come back as
     * replies.
     *
     * @throws dev.deskbridge.connector.api.error.WebhookRejectedException when the request is not
     *     authentic or cannot be parsed; no reply is returned then
     */
    List<AgentReply> receive(WebhookRequest request);

    /**
     * Reads agent replies written since {@code since}, for CRMs without webhooks. Only called when
     * {@link CrmCapability#POLLING} is among the capabilities.
     */
    default List<AgentReply> poll(Instant since) {
        throw new UnsupportedOperationException("polling is not supported by this CRM");
    }

    /** The session's setup ability (fields, webhook, trigger), when the CRM has one. */
    default java.util.Optional<CrmSetup> setup() {
        return java.util.Optional.empty();
    }

    /** Releases resources. Idempotent; never throws. */
    @Override
    void close();
}
