package dev.deskbridge.connector.api.model;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A customer's message, as the channel received it.
 *
 * @param eventId de-duplication id (see {@link ChannelEvent#eventId()})
 * @param providerMessageId the provider's id of this message ({@code wamid...}, {@code SM...})
 * @param business the business number that received it
 * @param customer the customer who sent it
 * @param customerName the customer's profile name, when the provider gives it
 * @param sentAt WhatsApp's timestamp of the message; the window is measured from it
 * @param content what was sent
 * @param inReplyTo the provider id of the message the customer replied to
 * @param referral the entry point, when the message came from an ad or a Page
 */
public record InboundMessage(
        String eventId,
        String providerMessageId,
        PhoneNumber business,
        PhoneNumber customer,
        Optional<String> customerName,
        Instant sentAt,
        MessageContent content,
        Optional<String> inReplyTo,
        Optional<Referral> referral) implements ChannelEvent {
    public InboundMessage {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(providerMessageId, "providerMessageId");
        Objects.requireNonNull(business, "business");
        Objects.requireNonNull(customer, "customer");
        Objects.requireNonNull(customerName, "customerName");
        Objects.requireNonNull(sentAt, "sentAt");
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(inReplyTo, "inReplyTo");
        Objects.requireNonNull(referral, "referral");
    }
}
