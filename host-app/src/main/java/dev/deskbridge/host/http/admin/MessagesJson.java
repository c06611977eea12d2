package dev.deskbridge.host.http.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.deskbridge.connector.api.pricing.Money;
import dev.deskbridge.connector.api.pricing.PricingCategory;
import dev.deskbridge.connector.api.pricing.PricingType;
import dev.deskbridge.connector.api.pricing.Quote;
import dev.deskbridge.host.admin.PhoneMask;
import dev.deskbridge.host.engine.BusinessMessages;
import dev.deskbridge.host.engine.Orders;
import dev.deskbridge.connector.api.model.ConversationId;
import dev.deskbridge.connector.api.model.OutboundMessage;
import dev.deskbridge.connector.api.model.PhoneNumber;
import dev.deskbridge.host.store.LedgerEntry;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.Currency;

/** The notifications API's JSON, as {@code admin/openapi.yaml} documents it (schemas MessageAccepted, MessageState). */
final class MessagesJson {
    private MessagesJson() {}

    static String accepted(BusinessMessages.Accepted a) {
        ObjectNode n = queued(a.messageId(), a.conversationId(), a.customer(), a.crmId(), a.channelId());
        n.put("template", a.template().name());
        n.put("language", a.template().language());
        n.put("ticket", a.ticket().wireName());
        AdminJson.putOptional(n, "idempotencyKey", a.idempotencyKey());
        AdminJson.putOptional(n, "orderReference", a.orderReference());
        n.set("quote", quote(a.quote(), a.channelFee()));
        a.budget().ifPresentOrElse(b -> {
            ObjectNode budget = n.putObject("budget");
            budget.set("monthly", AdminJson.money(b.monthly()));
            budget.set("spent", AdminJson.money(b.spent()));
            budget.set("left", AdminJson.money(b.left()));
        }, () -> n.putNull("budget"));
        return write(n);
    }

    /** An order message queued: as {@link #accepted}, with the order's reference and kind instead of a template. */
    static String orderAccepted(Orders.Accepted a) {
        ObjectNode n = queued(a.messageId(), a.conversationId(), a.customer(), a.crmId(), a.channelId());
        n.put("order", a.message() instanceof OutboundMessage.OrderDetails ? "details" : "status");
        n.put("orderReference", a.referenceId());
        AdminJson.putOptional(n, "idempotencyKey", a.idempotencyKey());
        n.set("quote", quote(a.quote(), a.channelFee()));
        return write(n);
    }

    /** What every accepted send's answer starts with. */
    private static ObjectNode queued(long messageId, ConversationId conversationId, PhoneNumber customer, String crmId,
            String channelId) {
        ObjectNode n = AdminJson.MAPPER.createObjectNode();
        n.put("id", messageId);
        n.put("status", "queued");
        n.put("conversationId", conversationId.value());
        n.put("to", PhoneMask.mask(customer));
        n.put("route", crmId);
        n.put("channel", channelId);
        return n;
    }

    private static String write(ObjectNode n) {
        try {
            return AdminJson.MAPPER.writeValueAsString(n);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Free and why, or the price with its market, category and schedule. */
    static ObjectNode quote(Quote q, Money channelFee) {
        ObjectNode n = AdminJson.MAPPER.createObjectNode();
        Money total = q.price().plus(channelFee);
        n.put("free", total.isZero());
        AdminJson.putOptional(n, "why", total.isZero()
                ? q.type().filter(t -> t != PricingType.REGULAR).map(PricingType::wireName).or(() -> java.util.Optional.of("not_billable"))
                : java.util.Optional.empty());
        n.set("price", AdminJson.money(q.price()));
        n.set("channelFee", AdminJson.money(channelFee));
        n.set("total", AdminJson.money(total));
        AdminJson.putOptional(n, "market", q.market());
        AdminJson.putOptional(n, "category", q.category().map(PricingCategory::wireName));
        AdminJson.putOptional(n, "pricingType", q.type().map(PricingType::wireName));
        AdminJson.putOptional(n, "schedule", q.schedule());
        return n;
    }

    static ObjectNode state(BusinessMessages.State s) {
        ObjectNode n = AdminJson.MAPPER.createObjectNode();
        n.put("id", s.message().id());
        n.put("conversationId", s.message().conversationId().value());
        // Accepted by the provider, no status webhook yet.
        boolean accepted = s.message().status().equals("QUEUED") && s.message().providerMessageId().isPresent();
        n.put("status", accepted ? "accepted" : s.message().status().toLowerCase(java.util.Locale.ROOT));
        AdminJson.putOptional(n, "error", s.message().error());
        ArrayNode history = n.putArray("statusHistory");
        s.statusHistory().forEach(h -> history.add(h.toLowerCase(java.util.Locale.ROOT)));
        s.ticket().ifPresentOrElse(t -> {
            ObjectNode ticket = n.putObject("ticket");
            ticket.put("id", t.id());
            AdminJson.putOptional(ticket, "url", t.webUrl());
        }, () -> n.putNull("ticket"));
        s.cost().ifPresentOrElse(e -> n.set("cost", cost(e)), () -> n.putNull("cost"));
        return n;
    }

    private static ObjectNode cost(LedgerEntry e) {
        ObjectNode n = AdminJson.MAPPER.createObjectNode();
        n.put("status", e.status().toLowerCase(java.util.Locale.ROOT));
        n.put("billable", e.billable());
        AdminJson.putOptional(n, "market", e.market());
        AdminJson.putOptional(n, "category", e.category());
        AdminJson.putOptional(n, "schedule", e.schedule());
        n.set("quoted", money(e.quotedTotal(), e.currency()));
        e.settledTotal().ifPresentOrElse(t -> n.set("settled", money(t, e.currency())), () -> n.putNull("settled"));
        return n;
    }

    private static ObjectNode money(BigDecimal amount, Currency currency) {
        BigDecimal plain = amount.stripTrailingZeros();
        return AdminJson.money(new Money(plain.scale() < 0 ? plain.setScale(0) : plain, currency));
    }
}
