package dev.deskbridge.connector.api.model;

import dev.deskbridge.connector.api.pricing.Money;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A status update on a message the business sent.
 *
 * @param eventId de-duplication id (see {@link ChannelEvent#eventId()})
 * @param providerMessageId the provider's id of the outbound message
 * @param customer the recipient
 * @param status the new status
 * @param at the provider's timestamp of the status
 * @param errors the provider's reasons, for a failure
 * @param pricing Meta's pricing information, when present
 * @param providerPrice what a reseller (Twilio) reports it charged, when present
 * @param providerConversationId Meta's conversation id, when present
 * @param sendKey the {@link SendRequest#idempotencyKey()} of the send, when the provider echoes what the
 *     channel sent with it (Meta's {@code biz_opaque_callback_data}): the one way to tell which send a
 *     status is of when the send's own answer was lost
 */
public record DeliveryUpdate(
        String eventId,
        String providerMessageId,
        PhoneNumber customer,
        DeliveryStatus status,
        Instant at,
        List<DeliveryError> errors,
        Optional<ProviderPricing> pricing,
        Optional<Money> providerPrice,
        Optional<String> providerConversationId,
        Optional<String> sendKey) implements ChannelEvent {
    public DeliveryUpdate {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(providerMessageId, "providerMessageId");
        Objects.requireNonNull(customer, "customer");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(at, "at");
        errors = List.copyOf(Objects.requireNonNull(errors, "errors"));
        Objects.requireNonNull(pricing, "pricing");
        Objects.requireNonNull(providerPrice, "providerPrice");
        Objects.requireNonNull(providerConversationId, "providerConversationId");
        Objects.requireNonNull(sendKey, "sendKey");
    }

    /** An update from a provider that echoes nothing of the send. */
    public DeliveryUpdate(String eventId, String providerMessageId, PhoneNumber customer, DeliveryStatus status,
            Instant at, List<DeliveryError> errors, Optional<ProviderPricing> pricing, Optional<Money> providerPrice,
            Optional<String> providerConversationId) {
        this(eventId, providerMessageId, customer, status, at, errors, pricing, providerPrice, providerConversationId,
                Optional.empty());
    }
}
