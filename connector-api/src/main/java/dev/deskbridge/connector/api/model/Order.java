package dev.deskbridge.connector.api.model;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A bill the customer can pay inside WhatsApp (Meta's payments in India and Brazil), sent in an
 * {@link OutboundMessage.OrderDetails}. Amounts are decimal amounts in {@code currency}; the channel
 * writes them in its own form. Added for orders and payments (issue 14).
 *
 * @param referenceId the business's id of the order: every later status and payment names it
 * @param goodsType {@code digital-goods} or {@code physical-goods}
 * @param payment how the customer pays
 * @param items what is bought, at least one
 * @param shipping shipping charged, when any
 * @param discount discount given, when any
 * @param total what the customer pays: subtotal + tax + shipping - discount
 */
public record Order(String referenceId, String goodsType, Payment payment, Currency currency, List<Item> items,
        BigDecimal subtotal, BigDecimal tax, Optional<BigDecimal> shipping, Optional<BigDecimal> discount,
        BigDecimal total) {
    public Order {
        Objects.requireNonNull(referenceId, "referenceId");
        Objects.requireNonNull(goodsType, "goodsType");
        Objects.requireNonNull(payment, "payment");
        Objects.requireNonNull(currency, "currency");
        items = List.copyOf(Objects.requireNonNull(items, "items"));
        Objects.requireNonNull(subtotal, "subtotal");
        Objects.requireNonNull(tax, "tax");
        Objects.requireNonNull(shipping, "shipping");
        Objects.requireNonNull(discount, "discount");
        Objects.requireNonNull(total, "total");
        if (referenceId.isBlank()) {
            throw new IllegalArgumentException("an order needs a reference id");
        }
        if (items.isEmpty()) {
            throw new IllegalArgumentException("an order needs at least one item");
        }
    }

    /**
     * One line of the order.
     *
     * @param retailerId the item's id in the business's catalogue
     * @param amount the price of one
     */
    public record Item(String retailerId, String name, BigDecimal amount, int quantity) {
        public Item {
            Objects.requireNonNull(retailerId, "retailerId");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(amount, "amount");
            if (quantity < 1) {
                throw new IllegalArgumentException("an item's quantity must be at least 1");
            }
        }
    }

    /**
     * How the customer pays: India's UPI through a payment configuration named in WhatsApp Manager
     * ({@code upi}), or Brazil's dynamic Pix code ({@code br}).
     *
     * @param type {@code upi} or {@code br}
     * @param configuration the payment configuration's name (India)
     * @param pix the Pix code to pay with (Brazil)
     */
    public record Payment(String type, Optional<String> configuration, Optional<Pix> pix) {
        public Payment {
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(configuration, "configuration");
            Objects.requireNonNull(pix, "pix");
        }
    }

    /** A dynamic Pix code (Brazil) and the account it pays: the key and its type (CPF, CNPJ, EMAIL, PHONE, EVP). */
    public record Pix(String code, String merchantName, String key, String keyType) {
        public Pix {
            Objects.requireNonNull(code, "code");
            Objects.requireNonNull(merchantName, "merchantName");
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(keyType, "keyType");
        }
    }
}
