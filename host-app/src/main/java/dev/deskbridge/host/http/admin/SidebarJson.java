package dev.deskbridge.host.http.admin;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.deskbridge.connector.api.pricing.PricingCategory;
import dev.deskbridge.connector.api.pricing.PricingType;
import dev.deskbridge.connector.api.pricing.Quote;
import dev.deskbridge.host.admin.PhoneMask;
import dev.deskbridge.host.admin.TicketSidebar;

/** A {@link TicketSidebar} as the sidebar endpoint's JSON (described in the admin OpenAPI description). */
final class SidebarJson {
    private SidebarJson() {}

    static ObjectNode sidebar(TicketSidebar s) {
        ObjectNode n = AdminJson.MAPPER.createObjectNode();
        n.put("asOf", s.asOf().toString());
        ObjectNode ticket = n.putObject("ticket");
        ticket.put("crm", s.crm());
        ticket.put("id", s.ticketId());
        ObjectNode conversation = n.putObject("conversation");
        conversation.put("id", s.conversation().value());
        conversation.put("channel", s.channel());
        conversation.put("customer", PhoneMask.mask(s.customer()));
        ObjectNode window = n.putObject("window");
        window.put("phase", AdminJson.lower(s.phase()));
        AdminJson.putInstant(window, "closesAt", s.windowClosesAt());
        s.entryPoint().ifPresentOrElse(e -> {
            ObjectNode entry = n.putObject("entryPoint");
            AdminJson.putInstant(entry, "pendingSince", e.pendingSince());
            AdminJson.putInstant(entry, "freeFrom", e.freeFrom());
            AdminJson.putInstant(entry, "freeUntil", e.freeUntil());
            entry.put("open", e.open());
        }, () -> n.putNull("entryPoint"));
        n.set("reply", quote(s.reply()));
        ObjectNode spend = n.putObject("spend");
        spend.set("conversation", AdminJson.money(s.spent()));
        s.budget().ifPresentOrElse(b -> {
            ObjectNode budget = spend.putObject("budget");
            budget.put("month", b.month().toString());
            budget.set("limit", AdminJson.money(b.limit()));
            budget.set("spent", AdminJson.money(b.spent()));
            budget.set("left", AdminJson.money(b.left()));
        }, () -> spend.putNull("budget"));
        ArrayNode messages = n.putArray("lastMessages");
        s.lastMessages().forEach(m -> messages.add(AdminJson.message(m)));
        ArrayNode warnings = n.putArray("warnings");
        s.warnings().forEach(w -> warnings.addObject().put("code", AdminJson.lower(w.code())).put("message", w.message()));
        ArrayNode templates = n.putArray("templates");
        s.templates().forEach(t -> {
            ObjectNode o = templates.addObject();
            o.put("name", t.name());
            o.put("language", t.language());
            o.put("category", t.category().wireName());
            o.put("source", t.source());
            ArrayNode parameters = o.putArray("parameters");
            t.parameters().forEach(parameters::add);
            o.set("quote", quote(t.quote()));
        });
        return n;
    }

    /** A quote with a sentence an agent can read ("why this price"). */
    static ObjectNode quote(Quote q) {
        ObjectNode n = AdminJson.MAPPER.createObjectNode();
        n.put("allowed", q.allowed());
        AdminJson.putOptional(n, "refusal", q.refusal());
        n.put("billable", q.billable());
        n.set("price", AdminJson.money(q.price()));
        AdminJson.putOptional(n, "category", q.category().map(PricingCategory::wireName));
        AdminJson.putOptional(n, "type", q.type().map(PricingType::wireName));
        AdminJson.putOptional(n, "market", q.market());
        AdminJson.putOptional(n, "schedule", q.schedule());
        n.put("explanation", explanation(q));
        return n;
    }

    static String explanation(Quote q) {
        if (!q.allowed()) {
            String reason = q.refusal().orElseThrow();
            return switch (reason) {
                case "window_closed" ->
                    "Not allowed: the 24-hour customer service window is closed; only a template can reach the customer.";
                case "budget_exhausted" -> "Not allowed: at " + q.price() + " it would exceed this route's monthly "
                        + "budget.";
                default -> "Not allowed: " + reason.replace('_', ' ') + ".";
            };
        }
        String market = q.market().map(m -> " for market " + m).orElse("");
        if (!q.billable()) {
            return switch (q.type().orElse(PricingType.REGULAR)) {
                case FREE_ENTRY_POINT -> "Free: inside the free entry point window.";
                case FREE_CUSTOMER_SERVICE -> "Free: inside the customer service window.";
                case REGULAR -> "Free: " + q.category().map(PricingCategory::wireName).orElse("") + " messages are not "
                        + "billed" + market + " now.";
            };
        }
        return q.price() + ": billed as " + q.category().map(PricingCategory::wireName).orElse("?") + market
                + q.schedule().map(s -> " (" + s + ")").orElse("") + ".";
    }
}
