package dev.deskbridge.host.store;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * An order the business sent on a conversation, as it stands.
 *
 * @param orderStatus the last status the business gave it ({@code pending} when sent)
 * @param paymentStatus where its payment stands ({@code pending}, {@code captured}, {@code failed}), once reported
 * @param paymentAt the provider's timestamp of that payment status
 * @param paidAmount the amount the provider said was paid, in {@code paidCurrency}
 * @param paidCurrency the currency of {@code paidAmount}; empty for a payment recorded before it was kept
 */
public record StoredOrder(String conversationId, String referenceId, String channelId, String customer,
        long messageId, String currency, BigDecimal total, String orderStatus, Optional<String> paymentStatus,
        Optional<Instant> paymentAt, Optional<String> transactionId, Optional<BigDecimal> paidAmount,
        Optional<String> paidCurrency, Instant createdAt, Instant updatedAt) {
    public StoredOrder {
        Objects.requireNonNull(conversationId, "conversationId");
        Objects.requireNonNull(referenceId, "referenceId");
        Objects.requireNonNull(channelId, "channelId");
        Objects.requireNonNull(customer, "customer");
        Objects.requireNonNull(currency, "currency");
        Objects.requireNonNull(total, "total");
        Objects.requireNonNull(orderStatus, "orderStatus");
        Objects.requireNonNull(paymentStatus, "paymentStatus");
        Objects.requireNonNull(paymentAt, "paymentAt");
        Objects.requireNonNull(transactionId, "transactionId");
        Objects.requireNonNull(paidAmount, "paidAmount");
        Objects.requireNonNull(paidCurrency, "paidCurrency");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }
}
