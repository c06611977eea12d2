package dev.deskbridge.host.engine;

import dev.deskbridge.connector.api.model.Order;
import dev.deskbridge.connector.api.model.OutboundMessage;
import dev.deskbridge.connector.api.model.PhoneNumber;
import dev.deskbridge.host.logging.LogSafe;
import java.math.BigDecimal;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What Meta's payments messages demand of an order, checked before anything is stored or sent:
 * each refusal has its reason code and names the field. Payments exist for customers in India
 * (UPI, INR) and Brazil (Pix, BRL) only.
 */
public final class OrderCheck {
    /** Meta: letters, digits, underscores, dashes and dots, at most 35 characters. */
    public static final Pattern REFERENCE = Pattern.compile("[A-Za-z0-9_.-]{1,35}");
    /** The statuses an {@code order_status} message may give. */
    public static final Set<String> ORDER_STATUSES = Set.of("pending", "processing", "partially-shipped", "shipped",
            "completed", "canceled");
    public static final Set<String> GOODS_TYPES = Set.of("digital-goods", "physical-goods");
    /** Meta's limits on an interactive body and on an order's items. */
    static final int MAX_BODY = 1024;
    static final int MAX_ITEMS = 999;
    static final int MAX_ITEM_NAME = 60;
    /**
     * The largest amount an order may carry, item or total. Meta takes an amount as an integer of
     * hundredths (offset 100), which must fit the 64-bit integer it is sent as (at most
     * 92233720368547758.07), and the orders table keeps a total as NUMERIC(19,2) (17 digits before the
     * point). Sixteen digits before the point fit both, and the API's description states it as a pattern.
     */
    public static final BigDecimal MAX_AMOUNT = new BigDecimal("9999999999999999.99");

    /** Country calling code to (market, currency, payment type). 91 and 55 are India's and Brazil's alone. */
    private static final Map<String, String[]> MARKETS = Map.of("91", new String[] {"IN", "INR", "upi"},
            "55", new String[] {"BR", "BRL", "br"});

    private OrderCheck() {}

    /** @throws SendRefusedException with the first problem found */
    public static void check(PhoneNumber customer, OutboundMessage message) {
        if (message instanceof OutboundMessage.OrderStatus s) {
            reference(s.referenceId());
            body(s.body());
            if (!ORDER_STATUSES.contains(s.status())) {
                throw refused("order_status_invalid", "order.status: '" + s.status() + "' is not one of "
                        + String.join(", ", ORDER_STATUSES.stream().sorted().toList()));
            }
            return;
        }
        OutboundMessage.OrderDetails d = (OutboundMessage.OrderDetails) message;
        Order o = d.order();
        reference(o.referenceId());
        body(d.body());
        String[] market = market(customer).orElseThrow(() -> refused("order_market_unsupported", "to: WhatsApp "
                + "payments are for customers in India (+91) and Brazil (+55) only"));
        if (!o.currency().getCurrencyCode().equals(market[1])) {
            throw refused("order_currency_mismatch", "order.currency: a customer in " + market[0] + " pays in "
                    + market[1] + ", not " + o.currency().getCurrencyCode());
        }
        if (!GOODS_TYPES.contains(o.goodsType())) {
            throw refused("order_invalid", "order.type: must be digital-goods or physical-goods");
        }
        payment(o.payment(), market);
        if (o.items().size() > MAX_ITEMS) {
            throw refused("order_invalid", "order.items: at most " + MAX_ITEMS + " items");
        }
        BigDecimal sum = BigDecimal.ZERO;
        for (int i = 0; i < o.items().size(); i++) {
            Order.Item item = o.items().get(i);
            String at = "order.items[" + i + "]";
            if (item.retailerId().isBlank() || item.name().isBlank() || item.name().length() > MAX_ITEM_NAME) {
                throw refused("order_invalid", at + ": needs a retailerId and a name of 1 to " + MAX_ITEM_NAME
                        + " characters");
            }
            amount(item.amount(), at + ".amount");
            sum = sum.add(item.amount().multiply(BigDecimal.valueOf(item.quantity())));
        }
        amount(o.subtotal(), "order.subtotal");
        amount(o.tax(), "order.tax");
        amount(o.total(), "order.total");
        o.shipping().ifPresent(a -> amount(a, "order.shipping"));
        o.discount().ifPresent(a -> amount(a, "order.discount"));
        if (sum.compareTo(o.subtotal()) != 0) {
            throw refused("order_amounts_inconsistent", "order.subtotal: " + o.subtotal().toPlainString()
                    + " is not the items' sum (amount x quantity) " + sum.toPlainString());
        }
        BigDecimal expected = o.subtotal().add(o.tax()).add(o.shipping().orElse(BigDecimal.ZERO))
                .subtract(o.discount().orElse(BigDecimal.ZERO));
        if (expected.compareTo(o.total()) != 0) {
            throw refused("order_amounts_inconsistent", "order.total: " + o.total().toPlainString()
                    + " is not subtotal + tax + shipping - discount = " + expected.toPlainString());
        }
        if (o.total().signum() <= 0) {
            throw refused("order_amount_invalid", "order.total: must be more than zero");
        }
    }

    /** India's or Brazil's (market, currency, payment type) for the customer's number. */
    static Optional<String[]> market(PhoneNumber customer) {
        String digits = customer.digits();
        return Optional.ofNullable(MARKETS.get(digits.substring(0, 2)));
    }

    private static void payment(Order.Payment p, String[] market) {
        if (!p.type().equals(market[2])) {
            throw refused("order_payment_invalid", "order.payment.type: a customer in " + market[0] + " pays by '"
                    + market[2] + "', not '" + p.type() + "'");
        }
        if (market[2].equals("upi") && p.configuration().isEmpty()) {
            throw refused("order_payment_invalid", "order.payment.configuration: India's UPI payments name the "
                    + "payment configuration set up in WhatsApp Manager");
        }
        if (market[2].equals("br") && p.pix().isEmpty()) {
            throw refused("order_payment_invalid", "order.payment.pix: Brazil's payments need the Pix code");
        }
    }

    private static void reference(String reference) {
        if (!REFERENCE.matcher(reference).matches()) {
            throw refused("order_reference_invalid", "order.reference: 1 to 35 letters, digits, '_', '-' or '.'");
        }
    }

    private static void body(String body) {
        if (body.length() > MAX_BODY) {
            throw refused("order_invalid", "order.body: at most " + MAX_BODY + " characters");
        }
    }

    private static void amount(BigDecimal amount, String field) {
        if (amount.signum() < 0 || amount.stripTrailingZeros().scale() > 2) {
            throw refused("order_amount_invalid", field + ": " + amount.toPlainString() + " must be zero or more "
                    + "with at most two decimals");
        }
        // Refused here, before the order is stored: the send would overflow Meta's integer and dead-letter.
        if (amount.compareTo(MAX_AMOUNT) > 0) {
            throw refused("order_amount_invalid", field + ": " + LogSafe.text(amount, 40)
                    + " is more than " + MAX_AMOUNT.toPlainString() + ", the largest amount WhatsApp's payments "
                    + "and DeskBridge carry");
        }
    }

    private static SendRefusedException refused(String code, String message) {
        return new SendRefusedException(code, 422, message);
    }
}
