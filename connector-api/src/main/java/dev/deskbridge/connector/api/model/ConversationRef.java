package dev.deskbridge.connector.api.model;

import java.util.Objects;
import java.util.Optional;

/**
 * The conversation a CRM call is about.
 *
 * @param id DeskBridge's conversation id (Zendesk's {@code external_id}, a Twilio unique name)
 * @param business the business number
 * @param customer the customer
 * @param customerName the customer's WhatsApp profile name, when known
 * @param ticket the ticket already carrying the conversation, if any
 */
public record ConversationRef(ConversationId id, PhoneNumber business, PhoneNumber customer,
        Optional<String> customerName, Optional<TicketRef> ticket) {
    public ConversationRef {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(business, "business");
        Objects.requireNonNull(customer, "customer");
        Objects.requireNonNull(customerName, "customerName");
        Objects.requireNonNull(ticket, "ticket");
    }
}
