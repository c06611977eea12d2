package dev.deskbridge.host.channel.whatsapp;

import com.fasterxml.jackson.databind.JsonNode;
import dev.deskbridge.connector.api.model.MessageContent;
import dev.deskbridge.connector.api.model.PhoneNumber;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Optional;

/**
 * Meta message kinds the SPI has no content for, shown to agents as text rather than as
 * "unsupported": a cart the customer sent from the business's catalogue ({@code order}), and a
 * notice WhatsApp sends on the customer's behalf ({@code system}, such as a changed number). Agents
 * read them; nothing in DeskBridge acts on them.
 */
final class MessagesAsText {
    /** Cart lines shown at most; a larger cart says how many more it has. */
    static final int ITEMS_SHOWN = 50;
    /** Prices from here up are not read: no cart has them, and they would only make a total unreadable. */
    private static final BigDecimal PRICE_CEILING = new BigDecimal("1000000000000");
    private static final long QUANTITY_CEILING = 1_000_000_000L;

    private MessagesAsText() {}

    /**
     * The customer's text, if any, then the cart: how many items and their total when every line has a
     * price in one currency, the catalogue, and a line per product with its quantity and unit price.
     *
     * <pre>my order
     * [order: 3 items, 85.00 USD, catalog 194836987003835]
     * - 2 × di9ozbzfi4 at 30.00 USD
     * - 1 × nqryix03ez at 25.00 USD</pre>
     */
    static MessageContent.Text order(JsonNode order) {
        List<String> lines = new ArrayList<>();
        long count = 0;
        BigDecimal total = BigDecimal.ZERO;
        Optional<String> currency = Optional.empty();
        boolean priced = true;
        JsonNode items = order.path("product_items");
        for (JsonNode item : items.isArray() ? items : List.<JsonNode>of()) {
            Optional<Long> quantity = quantity(item.path("quantity"));
            Optional<String> itemCurrency = text(item.path("currency"));
            Optional<BigDecimal> price = price(item.path("item_price"));
            count += quantity.orElse(0L);
            if (quantity.isPresent() && price.isPresent() && itemCurrency.isPresent()
                    && currency.orElse(itemCurrency.get()).equals(itemCurrency.get())) {
                currency = itemCurrency;
                total = total.add(price.get().multiply(BigDecimal.valueOf(quantity.get())));
            } else {
                priced = false;
            }
            if (lines.size() < ITEMS_SHOWN) {
                lines.add("- " + quantity.map(String::valueOf).orElse("?") + " × "
                        + text(item.path("product_retailer_id")).orElse("(no product id)")
                        + price.map(p -> " at " + amount(p, itemCurrency)).orElse(""));
            }
        }
        int more = items.size() - lines.size();
        if (more > 0) {
            lines.add("- and " + more + " more");
        }
        String head = "[order: " + count + (count == 1 ? " item" : " items")
                + (priced && currency.isPresent() ? ", " + amount(total, currency) : "")
                + text(order.path("catalog_id")).map(c -> ", catalog " + c).orElse("") + "]";
        lines.add(0, head);
        text(order.path("text")).filter(t -> !t.isBlank()).ifPresent(t -> lines.add(0, t));
        return new MessageContent.Text(String.join("\n", lines));
    }

    /**
     * WhatsApp's own words for the change ({@code body}). For a changed number also the new one, and
     * that the conversation stays with the number it has: moving it is left to people, who can tell a
     * customer's new phone from someone else's (DeskBridge never moves a conversation on its own).
     */
    static MessageContent.Text system(JsonNode system) {
        String type = system.path("type").asText("");
        Optional<String> body = text(system.path("body"));
        if (!type.equals("user_changed_number")) {
            return new MessageContent.Text("[system: " + body.orElse(type.isEmpty() ? "no description" : type) + "]");
        }
        // wa_id in today's webhooks, new_wa_id in older ones.
        Optional<PhoneNumber> now = text(system.path("wa_id")).or(() -> text(system.path("new_wa_id")))
                .flatMap(MessagesAsText::phone);
        return new MessageContent.Text("[number change: " + body.orElse("the customer changed their WhatsApp number")
                + now.map(n -> "; new number " + n.e164()).orElse("")
                + ". This conversation stays with the old number; messages from the new one come as a new customer.]");
    }

    private static Optional<Long> quantity(JsonNode n) {
        return n.canConvertToLong() && n.isIntegralNumber() && n.asLong() >= 0 && n.asLong() <= QUANTITY_CEILING
                ? Optional.of(n.asLong()) : Optional.empty();
    }

    /** A price as Meta sends it (a JSON number), when it is one a cart can have. */
    private static Optional<BigDecimal> price(JsonNode n) {
        // Checked as a double first: a decimal read of an overflowing number would be unbounded.
        if (!n.isNumber() || !Double.isFinite(n.asDouble())) {
            return Optional.empty();
        }
        BigDecimal value = n.decimalValue();
        return value.signum() >= 0 && value.compareTo(PRICE_CEILING) < 0 ? Optional.of(value) : Optional.empty();
    }

    /** {@code 30.00 USD}: the currency's own decimals when it is one ISO 4217 knows. */
    private static String amount(BigDecimal value, Optional<String> currency) {
        int digits = currency.flatMap(MessagesAsText::currencyDigits).orElse(-1);
        BigDecimal shown = digits >= 0 && value.scale() <= digits ? value.setScale(digits, RoundingMode.UNNECESSARY)
                : value.stripTrailingZeros();
        return shown.toPlainString() + currency.map(c -> " " + c).orElse("");
    }

    private static Optional<Integer> currencyDigits(String code) {
        try {
            return Optional.of(Currency.getInstance(code).getDefaultFractionDigits());
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static Optional<PhoneNumber> phone(String digits) {
        try {
            return Optional.of(PhoneNumber.fromDigits(digits));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static Optional<String> text(JsonNode n) {
        return n.isTextual() && !n.asText().isBlank() ? Optional.of(n.asText().strip()) : Optional.empty();
    }
}
