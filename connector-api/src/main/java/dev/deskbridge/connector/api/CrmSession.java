package dev.deskbridge.connector.api;

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
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * One configured CRM. Thread-safe; the host never calls it concurrently for the same
 * conversation, so calls for one ticket arrive in order.
 *
 * <p>Every method may be retried by the host after a
 * {@link dev.deskbridge.connector.api.error.RetryableException}, so each must be idempotent.
 * Every write a session makes in the CRM carries an id derived from the event that caused it (the
 * customer message's {@link dev.deskbridge.connector.api.model.InboundMessage#eventId()}, the
 * notice's {@link AgentNotice#id()}), as the CRM's idempotency key or as a marker stored with the
 * write (metadata, attributes); a retry looks for that id, never for matching text, so two
 * identical texts stay two comments. Errors are classified as for {@link ChannelSession}.
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

    /**
     * A message the business started (a notification, not an answer to the customer): puts it on a
     * ticket as an internal note, so the customer's answer finds its context. With
     * {@link BusinessTicket#reuseOpenTicket()} the note goes on the conversation's ticket while that
     * is still open; otherwise, or when there is none, a new ticket is opened with the note. Only
     * called when {@link CrmCapability#BUSINESS_TICKETS} is among the capabilities. The note's
     * {@link AgentNotice#id()} is the write's identity: a retry must find it, not write it again.
     *
     * @return the ticket that now carries the conversation; the host stores it
     */
    default TicketRef openTicket(BusinessTicket ticket) {
        throw new UnsupportedOperationException("this CRM cannot open tickets for business-initiated messages");
    }

    /** Shows the conversation's window and cost on the ticket (fields, tags). */
    void updateStatus(TicketRef ticket, ConversationStatus status);

    /**
     * Records a sent message's delivery, read or failure, without flooding the ticket. A failure is
     * also told to agents by the host, right after, through {@link #notifyAgents} with
     * {@link dev.deskbridge.connector.api.model.AgentNotice.Kind#DELIVERY_FAILED}: record it here
     * (a field, a tag) without a note of its own.
     */
    void recordDelivery(TicketRef ticket, DeliveryNotice notice);

    /**
     * Records a delivery and shows the conversation's status as it stands after it (its cost settled),
     * both at once: a CRM that can write both in one request (as Zendesk's ticket update can) should,
     * since a CRM's rate limit, not the host, bounds how many messages a team can carry. By default
     * the two calls one after the other.
     */
    default void recordDelivery(TicketRef ticket, DeliveryNotice notice, ConversationStatus status) {
        recordDelivery(ticket, notice);
        updateStatus(ticket, status);
    }

    /**
     * Tells agents something they must know, as an internal note. The same {@link AgentNotice#id()}
     * may come again (a retry, also after a restart): it must not give a second note.
     */
    void notifyAgents(TicketRef ticket, AgentNotice notice);

    /**
     * Runs in the webhook's request, before the host stores it and answers: checks that the request
     * is authentic (signature, and timestamp where the CRM sends one) BEFORE reading it, and may read
     * the verified body for its ids. It must not call the CRM or anything else: a CRM that is down
     * must not make its own webhooks fail. Everything else happens in {@link #read}.
     *
     * @return the event's id and order, as far as the body names them
     * @throws dev.deskbridge.connector.api.error.WebhookRejectedException when the request is not
     *     authentic or its body is not the CRM's webhook; nothing is stored then
     */
    VerifiedWebhook verify(WebhookRequest request);

    /**
     * Runs in a worker of the host, with its retries, backoff and dead letters: turns a webhook
     * that {@link #verify} accepted into agent replies, calling the CRM's API when the webhook
     * carries only ids. Comments DeskBridge itself wrote must never come back as replies. May run
     * more than once for one webhook, and for repeated deliveries of it: the same CRM comment always
     * gives the same {@link AgentReply#eventId()}.
     *
     * @throws dev.deskbridge.connector.api.error.RetryableException when the CRM cannot answer now
     * @throws dev.deskbridge.connector.api.error.PermanentException when the stored body cannot be read
     */
    List<AgentReply> read(StoredWebhook webhook);

    /**
     * Reads agent replies written since {@code since}, for CRMs without webhooks. Only called when
     * {@link CrmCapability#POLLING} is among the capabilities: then the host calls it every
     * {@link #pollInterval()}, from a worker, with {@code since} a little before the end of the last
     * poll that succeeded (the host keeps that cursor in its database, so a restart resumes it). The
     * replies go the way a webhook's replies go, de-duplicated by {@link AgentReply#eventId()}, so a
     * reply returned by two polls goes out once. As in {@link #read}, comments DeskBridge wrote must
     * never come back. A {@link dev.deskbridge.connector.api.error.RetryableException} leaves the
     * cursor where it was; the next poll asks again.
     */
    default List<AgentReply> poll(Instant since) {
        throw new UnsupportedOperationException("polling is not supported by this CRM");
    }

    /**
     * How often the host calls {@link #poll} when {@link CrmCapability#POLLING} is declared; read it
     * from the instance's settings (for example a {@code poll_interval} duration) when the CRM's rate
     * limits call for it.
     */
    default Duration pollInterval() {
        return Duration.ofSeconds(30);
    }

    /** The session's setup ability (fields, webhook, trigger), when the CRM has one. */
    default java.util.Optional<CrmSetup> setup() {
        return java.util.Optional.empty();
    }

    /** Releases resources. Idempotent; never throws. */
    @Override
    void close();
}
