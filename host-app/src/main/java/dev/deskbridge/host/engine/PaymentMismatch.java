package dev.deskbridge.host.engine;

import dev.deskbridge.host.store.StoredOrder;
import java.math.BigDecimal;
import java.util.Locale;
import java.util.Optional;

/**
 * How a reported payment disagrees with its order: in another currency, or of another amount than
 * the order's total. The payment is applied as the provider reports it (only the gateway knows what
 * was taken); this only makes the difference visible, on the ticket and in the orders API.
 */
public enum PaymentMismatch {
    /** Paid in another currency than the order's; the amounts cannot be compared. */
    CURRENCY,
    /** Paid in the order's currency, but not its total. */
    AMOUNT;

    /** {@code currency} or {@code amount}, as the orders API gives it. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * How a payment of {@code paid} in {@code paidCurrency} disagrees with an order of {@code total}
     * in {@code currency}; empty when it matches, or when nothing says what was paid. An amount
     * without its currency (kept before the currency was) is taken to be in the order's currency.
     */
    public static Optional<PaymentMismatch> of(String currency, BigDecimal total, Optional<BigDecimal> paid,
            Optional<String> paidCurrency) {
        if (paidCurrency.isPresent() && !paidCurrency.get().equals(currency)) {
            return Optional.of(CURRENCY);
        }
        return paid.filter(p -> p.compareTo(total) != 0).map(p -> AMOUNT);
    }

    /** How the order's payment as kept disagrees with the order. */
    public static Optional<PaymentMismatch> of(StoredOrder order) {
        return of(order.currency(), order.total(), order.paidAmount(), order.paidCurrency());
    }
}
