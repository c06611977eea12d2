package dev.deskbridge.host.store;

import dev.deskbridge.connector.api.model.ConversationId;
import dev.deskbridge.connector.api.model.ConversationRef;
import dev.deskbridge.connector.api.model.PhoneNumber;
import dev.deskbridge.connector.api.model.TicketRef;
import dev.deskbridge.connector.api.pricing.WindowState;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A stored conversation between one business number and one customer, routed from a channel to a
 * CRM.
 *
 * @param warnAt when the window-closing warning is due, if one is
 * @param reengagedAt when a re-engagement template was queued that the customer has not answered yet
 */
public record Conversation(
        ConversationId id,
        PhoneNumber business,
        PhoneNumber customer,
        Optional<String> customerName,
        String channelId,
        String crmId,
        Optional<TicketRef> ticket,
        WindowState window,
        Optional<Instant> lastCustomerMessageAt,
        Optional<Instant> lastBusinessMessageAt,
        Optional<Instant> warnAt,
        Optional<Instant> reengagedAt,
        Instant createdAt) {
    public Conversation {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(business, "business");
        Objects.requireNonNull(customer, "customer");
        Objects.requireNonNull(customerName, "customerName");
        Objects.requireNonNull(channelId, "channelId");
        Objects.requireNonNull(crmId, "crmId");
        Objects.requireNonNull(ticket, "ticket");
        Objects.requireNonNull(window, "window");
        Objects.requireNonNull(lastCustomerMessageAt, "lastCustomerMessageAt");
        Objects.requireNonNull(lastBusinessMessageAt, "lastBusinessMessageAt");
        Objects.requireNonNull(warnAt, "warnAt");
        Objects.requireNonNull(reengagedAt, "reengagedAt");
        Objects.requireNonNull(createdAt, "createdAt");
    }

    /** The reference a CRM session is given. */
    public ConversationRef ref() {
        return new ConversationRef(id, business, customer, customerName, ticket);
    }

    /** What makes this conversation one: business number and customer. */
    public ConversationKey key() {
        return new ConversationKey(business, customer);
    }

    /** The key that keeps this conversation's queue items in order. */
    public String partitionKey() {
        return key().partition();
    }
}
