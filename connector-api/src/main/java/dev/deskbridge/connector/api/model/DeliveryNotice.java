package dev.deskbridge.connector.api.model;

import dev.deskbridge.connector.api.pricing.Money;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A change in a sent message's delivery, for the CRM to show.
 *
 * @param providerMessageId the provider's id of the message
 * @param status the new status
 * @param at when it happened
 * @param error the provider's reason, for a failure
 * @param cost the message's settled cost, when known
 */
public record DeliveryNotice(String providerMessageId, DeliveryStatus status, Instant at,
        Optional<DeliveryError> error, Optional<Money> cost) {
    public DeliveryNotice {
        Objects.requireNonNull(providerMessageId, "providerMessageId");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(error, "error");
        Objects.requireNonNull(cost, "cost");
    }
}
