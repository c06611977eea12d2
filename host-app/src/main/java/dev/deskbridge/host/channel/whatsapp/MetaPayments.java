package dev.deskbridge.host.channel.whatsapp;

import com.fasterxml.jackson.databind.JsonNode;
import dev.deskbridge.connector.api.model.PaymentUpdate;
import dev.deskbridge.connector.api.model.PhoneNumber;
import dev.deskbridge.connector.api.pricing.Money;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Currency;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A payment status in a {@code messages} webhook ({@code statuses[]} with {@code type: payment}):
 * {@code status} is {@code pending}, {@code captured} or {@code failed}; {@code payment} names the
 * order's {@code reference_id}, its {@code amount} ({@code value}/{@code offset}) and
 * {@code currency}, and the gateway's {@code transaction} (id, type, status). The number it names
 * is the change's {@code metadata}'s: Meta sends every number of an app to one URL.
 */
final class MetaPayments {
    /**
     * The largest amount an order can have (the orders API's ceiling): a payment status saying more,
     * or less than nothing, is no amount DeskBridge can store or compare, so it is read as unstated.
     */
    private static final BigDecimal MAX_AMOUNT = new BigDecimal("9999999999999999.99");

    private static final Map<String, PaymentUpdate.Status> STATUSES = Map.of(
            "pending", PaymentUpdate.Status.PENDING,
            "captured", PaymentUpdate.Status.CAPTURED,
            "failed", PaymentUpdate.Status.FAILED);

    private MetaPayments() {}

    static boolean isPayment(JsonNode status) {
        return "payment".equals(status.path("type").asText());
    }

    /** @throws IllegalArgumentException naming what is missing or wrong */
    static PaymentUpdate update(JsonNode s, PhoneNumber customer, PhoneNumber business, Instant at) {
        String statusName = s.path("status").asText("").toLowerCase(Locale.ROOT);
        PaymentUpdate.Status status = STATUSES.get(statusName);
        if (status == null) {
            throw new IllegalArgumentException("payment status '" + clip(statusName)
                    + "' is not one of pending, captured, failed");
        }
        JsonNode payment = s.path("payment");
        String reference = payment.path("reference_id").asText("");
        if (reference.isBlank()) {
            throw new IllegalArgumentException("payment.reference_id is missing");
        }
        JsonNode transaction = payment.path("transaction");
        Optional<String> transactionId = text(transaction.path("id"));
        Optional<Money> amount = money(payment.path("amount"), payment.path("currency"))
                .or(() -> money(transaction.path("amount"), transaction.path("currency")));
        // A transaction's status changes once per status; without a transaction, the message id stands for it.
        String identity = transactionId.orElse(s.path("id").asText("-"));
        return new PaymentUpdate("payment:" + reference + ":" + identity + ":" + statusName, customer, reference,
                status, at, amount, transactionId, text(transaction.path("status")), Optional.of(business));
    }

    private static Optional<Money> money(JsonNode amount, JsonNode currency) {
        // Integers only: Meta's value counts the currency's smallest units (5000.5 is no amount, not 50.00).
        if (!amount.path("value").isIntegralNumber() || !amount.path("value").canConvertToLong()
                || !amount.path("offset").isIntegralNumber() || !amount.path("offset").canConvertToInt()
                || !currency.isTextual()) {
            return Optional.empty();
        }
        int offset = amount.path("offset").asInt();
        if (!(offset == 1 || offset == 10 || offset == 100 || offset == 1000)) {
            return Optional.empty();
        }
        BigDecimal value = BigDecimal.valueOf(amount.path("value").asLong())
                .movePointLeft(String.valueOf(offset).length() - 1);
        if (value.signum() < 0 || value.compareTo(MAX_AMOUNT) > 0) {
            return Optional.empty();
        }
        try {
            return Optional.of(new Money(value, Currency.getInstance(currency.asText())));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static Optional<String> text(JsonNode n) {
        return n.isTextual() && !n.asText().isBlank() ? Optional.of(n.asText()) : Optional.empty();
    }

    private static String clip(String s) {
        return s.length() > 20 ? s.substring(0, 20) + "…" : s;
    }
}
