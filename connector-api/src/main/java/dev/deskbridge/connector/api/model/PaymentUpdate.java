package dev.deskbridge.connector.api.model;

import dev.deskbridge.connector.api.pricing.Money;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The provider says how the payment of an order stands (Meta's payment status webhook, for an
 * {@link OutboundMessage.OrderDetails} the customer paid or tried to). Added for orders and payments (issue 14).
 *
 * @param eventId de-duplication id (see {@link ChannelEvent#eventId()})
 * @param customer who pays
 * @param referenceId the order's reference, as the business sent it
 * @param status where the payment stands
 * @param at the provider's timestamp of this status
 * @param amount the amount, when the provider said it
 * @param transactionId the payment's transaction at the gateway, when the provider said it
 * @param transactionStatus the gateway's own word for it ({@code success}, {@code failed}, {@code pending})
 * @param business the business number the order was sent from, as the provider names it (Meta's
 *     {@code metadata} of the webhook); empty when it does not, and then the order is looked for on the
 *     channel whose webhook reported it. A provider that sends the webhooks of several numbers to one
 *     URL must name it, or another number's payment finds no order
 */
public record PaymentUpdate(String eventId, PhoneNumber customer, String referenceId, Status status, Instant at,
        Optional<Money> amount, Optional<String> transactionId, Optional<String> transactionStatus,
        Optional<PhoneNumber> business) implements ChannelEvent {

    /** Where a payment stands. */
    public enum Status {
        /** The customer started paying; the gateway has not confirmed it. */
        PENDING,
        /** The money was taken. */
        CAPTURED,
        /** The attempt failed; the customer may try again. */
        FAILED
    }

    public PaymentUpdate {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(customer, "customer");
        Objects.requireNonNull(referenceId, "referenceId");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(transactionId, "transactionId");
        Objects.requireNonNull(transactionStatus, "transactionStatus");
        Objects.requireNonNull(business, "business");
    }

    /** An update that names no business number: it belongs to the channel whose webhook reported it. */
    public PaymentUpdate(String eventId, PhoneNumber customer, String referenceId, Status status, Instant at,
            Optional<Money> amount, Optional<String> transactionId, Optional<String> transactionStatus) {
        this(eventId, customer, referenceId, status, at, amount, transactionId, transactionStatus, Optional.empty());
    }
}
