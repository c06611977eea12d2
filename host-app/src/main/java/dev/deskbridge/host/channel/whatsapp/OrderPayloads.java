package dev.deskbridge.host.channel.whatsapp;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.deskbridge.connector.api.error.PermanentException;
import dev.deskbridge.connector.api.model.Order;
import dev.deskbridge.connector.api.model.OutboundMessage;
import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The {@code interactive} objects of Meta's payments messages: {@code order_details} (action
 * {@code review_and_pay}) and {@code order_status} (action {@code review_order}), as the
 * description's own examples write them. Amounts go as an integer {@code value} and its
 * {@code offset} (100: two decimals, as INR and BRL have).
 */
final class OrderPayloads {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    static final int OFFSET = 100;

    private OrderPayloads() {}

    static ObjectNode details(OutboundMessage.OrderDetails m) {
        Order order = m.order();
        ObjectNode interactive = F.objectNode().put("type", "order_details");
        interactive.putObject("body").put("text", m.body());
        ObjectNode action = interactive.putObject("action").put("name", "review_and_pay");
        ObjectNode p = action.putObject("parameters");
        p.put("reference_id", order.referenceId());
        p.put("type", order.goodsType());
        p.put("payment_type", order.payment().type());
        order.payment().configuration().ifPresent(c -> p.put("payment_configuration", c));
        order.payment().pix().ifPresent(pix -> {
            ObjectNode setting = p.putArray("payment_settings").addObject().put("type", "pix_dynamic_code");
            setting.putObject("pix_dynamic_code").put("code", pix.code()).put("merchant_name", pix.merchantName())
                    .put("key", pix.key()).put("key_type", pix.keyType());
        });
        p.put("currency", order.currency().getCurrencyCode());
        p.set("total_amount", amount(order.total()));
        ObjectNode o = p.putObject("order").put("status", "pending");
        ArrayNode items = o.putArray("items");
        for (Order.Item item : order.items()) {
            ObjectNode i = items.addObject().put("retailer_id", item.retailerId()).put("name", item.name());
            i.set("amount", amount(item.amount()));
            i.put("quantity", item.quantity());
        }
        o.set("subtotal", amount(order.subtotal()));
        o.set("tax", amount(order.tax()));
        order.shipping().ifPresent(s -> o.set("shipping", amount(s)));
        order.discount().ifPresent(d -> o.set("discount", amount(d)));
        return interactive;
    }

    static ObjectNode status(OutboundMessage.OrderStatus m) {
        ObjectNode interactive = F.objectNode().put("type", "order_status");
        interactive.putObject("body").put("text", m.body());
        ObjectNode p = interactive.putObject("action").put("name", "review_order").putObject("parameters");
        p.put("reference_id", m.referenceId());
        ObjectNode o = p.putObject("order").put("status", m.status());
        m.description().ifPresent(d -> o.put("description", d));
        return interactive;
    }

    /** {@code {"value": 123450, "offset": 100}} for 1234.50. */
    static ObjectNode amount(BigDecimal amount) {
        BigDecimal scaled = amount.movePointRight(2);
        if (scaled.stripTrailingZeros().scale() > 0) {
            throw new PermanentException("amount " + amount.toPlainString() + " has more than two decimals");
        }
        return F.objectNode().put("value", scaled.setScale(0, RoundingMode.UNNECESSARY).longValueExact())
                .put("offset", OFFSET);
    }
}
