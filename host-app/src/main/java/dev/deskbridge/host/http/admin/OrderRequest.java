package dev.deskbridge.host.http.admin;

import com.fasterxml.jackson.databind.JsonNode;
import dev.deskbridge.connector.api.model.Order;
import dev.deskbridge.connector.api.model.OutboundMessage;
import dev.deskbridge.connector.api.model.PhoneNumber;
import dev.deskbridge.host.engine.OrderSend;
import dev.deskbridge.host.engine.RouteName;
import dev.deskbridge.host.logging.LogSafe;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * An order message in {@code POST /api/messages} (the body has {@code order} instead of
 * {@code template}), read strictly: unknown fields are refused and every problem names its field.
 * Amounts are decimal strings ({@code "1234.50"}), never floating point.
 */
final class OrderRequest {
    private static final Set<String> TOP = Set.of("to", "order", "route", "channel", "idempotencyKey");
    private static final Set<String> DETAILS = Set.of("kind", "reference", "body", "type", "payment", "currency",
            "items", "subtotal", "tax", "shipping", "discount", "total");
    private static final Set<String> STATUS = Set.of("kind", "reference", "body", "status", "description");
    private static final Set<String> PAYMENT = Set.of("type", "configuration", "pix");
    private static final Set<String> PIX = Set.of("code", "merchantName", "key", "keyType");
    private static final Set<String> ITEM = Set.of("retailerId", "name", "amount", "quantity");
    private static final int MAX_AMOUNT_CHARS = 64;
    private static final Pattern PLAIN_DECIMAL = Pattern.compile("-?[0-9]+(\\.[0-9]+)?");

    private OrderRequest() {}

    static boolean isOrder(JsonNode body) {
        return body != null && body.isObject() && body.has("order");
    }

    /** @throws IllegalArgumentException naming the field at fault */
    static OrderSend parse(JsonNode body, Optional<String> headerKey) {
        JsonFields.known(body, TOP, "");
        PhoneNumber to;
        try {
            to = PhoneNumber.of(text(body, "to", "", 32).orElseThrow(() -> new IllegalArgumentException("to: required")));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(e.getMessage().startsWith("to:") ? e.getMessage()
                    : "to: must be a phone number in E.164 form (+ and up to 15 digits, no spaces)");
        }
        JsonNode o = body.get("order");
        if (!o.isObject()) {
            throw new IllegalArgumentException("order: must be an object");
        }
        String kind = required(o, "kind", "order.", 16);
        OutboundMessage message = switch (kind) {
            case "details" -> details(o);
            case "status" -> status(o);
            default -> throw new IllegalArgumentException("order.kind: 'details' or 'status', got '"
                    + LogSafe.text(kind, 40) + "'");
        };
        Optional<String> bodyKey = text(body, "idempotencyKey", "", MessagesApi.MAX_KEY);
        Optional<String> key = headerKey.map(String::strip).filter(k -> !k.isEmpty());
        if (key.isPresent() && key.get().length() > MessagesApi.MAX_KEY) {
            throw new IllegalArgumentException("Idempotency-Key: at most " + MessagesApi.MAX_KEY + " characters");
        }
        if (key.isPresent() && bodyKey.isPresent() && !key.equals(bodyKey)) {
            throw new IllegalArgumentException("idempotencyKey: differs from the Idempotency-Key header");
        }
        return new OrderSend(to, message, new RouteName(text(body, "route", "", 128), text(body, "channel", "", 128)),
                key.or(() -> bodyKey));
    }

    private static OutboundMessage.OrderDetails details(JsonNode o) {
        JsonFields.known(o, DETAILS, "order.");
        JsonNode p = o.get("payment");
        if (p == null || !p.isObject()) {
            throw new IllegalArgumentException("order.payment: required, an object");
        }
        JsonFields.known(p, PAYMENT, "order.payment.");
        Optional<Order.Pix> pix = Optional.empty();
        JsonNode x = p.get("pix");
        if (x != null && !x.isNull()) {
            if (!x.isObject()) {
                throw new IllegalArgumentException("order.payment.pix: must be an object");
            }
            JsonFields.known(x, PIX, "order.payment.pix.");
            String at = "order.payment.pix.";
            pix = Optional.of(new Order.Pix(required(x, "code", at, 512), required(x, "merchantName", at, 100),
                    required(x, "key", at, 100), required(x, "keyType", at, 16)));
        }
        Order.Payment payment = new Order.Payment(required(p, "type", "order.payment.", 16),
                text(p, "configuration", "order.payment.", 128), pix);
        String code = required(o, "currency", "order.", 3);
        Currency currency;
        try {
            currency = Currency.getInstance(code);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("order.currency: '" + LogSafe.text(code, 40)
                    + "' is not an ISO 4217 code");
        }
        JsonNode list = o.get("items");
        if (list == null || !list.isArray() || list.isEmpty()) {
            throw new IllegalArgumentException("order.items: required, a list of at least one item");
        }
        List<Order.Item> items = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            JsonNode item = list.get(i);
            String at = "order.items[" + i + "].";
            if (!item.isObject()) {
                throw new IllegalArgumentException(at + ": must be an object");
            }
            JsonFields.known(item, ITEM, at);
            JsonNode q = item.get("quantity");
            if (q == null || !q.canConvertToInt() || !q.isIntegralNumber() || q.asInt() < 1) {
                throw new IllegalArgumentException(at + "quantity: a whole number of at least 1");
            }
            items.add(new Order.Item(required(item, "retailerId", at, 128), required(item, "name", at, 256),
                    amount(item, "amount", at).orElseThrow(() -> new IllegalArgumentException(at + "amount: required")),
                    q.asInt()));
        }
        Order order = new Order(required(o, "reference", "order.", 128), text(o, "type", "order.", 32)
                .orElse("physical-goods"), payment, currency, items,
                amount(o, "subtotal", "order.").orElseThrow(() -> new IllegalArgumentException("order.subtotal: required")),
                amount(o, "tax", "order.").orElse(BigDecimal.ZERO), amount(o, "shipping", "order."),
                amount(o, "discount", "order."),
                amount(o, "total", "order.").orElseThrow(() -> new IllegalArgumentException("order.total: required")));
        return new OutboundMessage.OrderDetails(required(o, "body", "order.", 4096), order);
    }

    private static OutboundMessage.OrderStatus status(JsonNode o) {
        JsonFields.known(o, STATUS, "order.");
        return new OutboundMessage.OrderStatus(required(o, "body", "order.", 4096), required(o, "reference", "order.",
                128), required(o, "status", "order.", 32), text(o, "description", "order.", 120));
    }

    private static Optional<BigDecimal> amount(JsonNode o, String field, String at) {
        JsonNode n = o.get(field);
        if (n == null || n.isNull()) {
            return Optional.empty();
        }
        if (!n.isTextual()) {
            throw new IllegalArgumentException(at + field + ": a decimal amount as a string, for example \"1234.50\"");
        }
        String text = n.asText().strip();
        // Short, and digits only with no exponent: "1E-999999999" is a billion digits to add up or write
        // out, a megabyte of digits half a minute to read. A sign, extra decimals and amounts too large
        // for Meta pass, for the order check to refuse with order_amount_invalid.
        if (text.length() > MAX_AMOUNT_CHARS) {
            throw new IllegalArgumentException(at + field + ": at most " + MAX_AMOUNT_CHARS + " characters");
        }
        if (!PLAIN_DECIMAL.matcher(text).matches()) {
            throw new IllegalArgumentException(at + field + ": '" + LogSafe.text(text, 40)
                    + "' is not a decimal amount written as digits, for example \"1234.50\"");
        }
        return Optional.of(new BigDecimal(text));
    }

    private static String required(JsonNode o, String field, String at, int max) {
        return text(o, field, at, max).orElseThrow(() -> new IllegalArgumentException(at + field + ": required"));
    }

    private static Optional<String> text(JsonNode o, String field, String at, int max) {
        return JsonFields.text(o, field, at, max);
    }
}
