package dev.deskbridge.host.http.admin;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.deskbridge.connector.api.model.ConversationId;
import dev.deskbridge.host.engine.Orders;
import dev.deskbridge.host.engine.PaymentMismatch;
import dev.deskbridge.host.store.StoredOrder;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.Objects;

/**
 * {@code GET /api/orders?conversation=ID}: the orders the business sent on a conversation and where
 * their payments stand. Behind the admin token, like the rest of {@code /api}.
 */
public final class OrdersApi {
    private final Orders orders;

    public OrdersApi(Orders orders) {
        this.orders = Objects.requireNonNull(orders, "orders");
    }

    public void register(Javalin app) {
        app.get("/api/orders", this::list);
    }

    private void list(Context ctx) {
        String conversation = ctx.queryParam("conversation");
        if (conversation == null || conversation.isBlank() || conversation.length() > 64) {
            AdminApi.send(ctx, 400, AdminJson.error("bad_request", "conversation: required, a conversation id"));
            return;
        }
        ObjectNode body = AdminJson.MAPPER.createObjectNode();
        body.put("conversationId", conversation);
        ArrayNode list = body.putArray("orders");
        for (StoredOrder o : orders.ofConversation(ConversationId.of(conversation))) {
            ObjectNode n = list.addObject();
            n.put("reference", o.referenceId());
            n.put("channel", o.channelId());
            n.put("messageId", o.messageId());
            n.put("total", o.total().toPlainString());
            n.put("currency", o.currency());
            n.put("status", o.orderStatus());
            AdminJson.putOptional(n, "paymentStatus", o.paymentStatus());
            AdminJson.putOptional(n, "paymentAt", o.paymentAt().map(Object::toString));
            AdminJson.putOptional(n, "transactionId", o.transactionId());
            AdminJson.putOptional(n, "paidAmount", o.paidAmount().map(a -> a.toPlainString()));
            AdminJson.putOptional(n, "paidCurrency", o.paidCurrency());
            AdminJson.putOptional(n, "paymentMismatch", PaymentMismatch.of(o).map(PaymentMismatch::wireName));
            n.put("createdAt", o.createdAt().toString());
            n.put("updatedAt", o.updatedAt().toString());
        }
        AdminApi.send(ctx, 200, body);
    }
}
