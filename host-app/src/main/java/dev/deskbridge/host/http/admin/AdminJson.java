package dev.deskbridge.host.http.admin;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.deskbridge.connector.api.model.ConversationId;
import dev.deskbridge.connector.api.pricing.Money;
import dev.deskbridge.host.admin.ConversationSummary;
import dev.deskbridge.host.admin.DeadLetterView;
import dev.deskbridge.host.admin.MessageView;
import dev.deskbridge.host.admin.PhoneMask;
import dev.deskbridge.host.admin.PluginView;
import dev.deskbridge.host.admin.StatusChange;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * The admin API's JSON shapes, exactly as {@code admin/openapi.yaml} documents them. Written by
 * hand so the wire format never changes by accident when a record gains a field. Customer
 * numbers are masked ({@link PhoneMask}); amounts are decimal strings.
 */
final class AdminJson {
    static final ObjectMapper MAPPER = new ObjectMapper();

    private AdminJson() {}

    static ObjectNode conversation(ConversationSummary c) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("id", c.id().value());
        n.put("channel", c.channel());
        n.put("crm", c.crm());
        n.put("customer", PhoneMask.mask(c.customer()));
        c.ticket().ifPresentOrElse(t -> {
            ObjectNode ticket = n.putObject("ticket");
            ticket.put("id", t.id());
            putOptional(ticket, "url", t.webUrl());
        }, () -> n.putNull("ticket"));
        putInstant(n, "windowClosesAt", c.windowClosesAt());
        n.put("phase", lower(c.phase()));
        n.set("costSoFar", money(c.costSoFar()));
        putInstant(n, "lastMessageAt", c.lastMessageAt());
        return n;
    }

    static ObjectNode message(MessageView m) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("id", m.id());
        n.put("direction", lower(m.direction()));
        n.put("kind", lower(m.kind()));
        n.put("summary", m.summary());
        n.put("at", m.at().toString());
        putOptional(n, "status", m.currentStatus().map(StatusChange::status));
        ArrayNode history = n.putArray("statusHistory");
        for (StatusChange s : m.statusHistory()) {
            ObjectNode step = history.addObject();
            step.put("status", s.status());
            step.put("at", s.at().toString());
            putOptional(step, "detail", s.detail());
        }
        putMoney(n, "quoted", m.quoted());
        putMoney(n, "settled", m.settled());
        return n;
    }

    static ObjectNode plugin(PluginView p) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("id", p.id());
        n.put("version", p.version());
        n.put("status", lower(p.status()));
        n.put("builtIn", p.builtIn());
        ArrayNode channelTypes = n.putArray("channelTypes");
        p.channelTypes().forEach(channelTypes::add);
        ArrayNode crmTypes = n.putArray("crmTypes");
        p.crmTypes().forEach(crmTypes::add);
        putOptional(n, "problem", p.problem());
        return n;
    }

    static ObjectNode deadLetter(DeadLetterView d) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("id", d.id());
        n.put("queue", d.queue());
        n.put("source", d.source());
        n.put("eventType", d.eventType());
        putOptional(n, "conversation", d.conversation().map(ConversationId::value));
        n.put("reason", d.reason());
        n.put("attempts", d.attempts());
        n.put("firstAttemptAt", d.firstAttemptAt().toString());
        n.put("deadAt", d.deadAt().toString());
        return n;
    }

    static ObjectNode error(String code, String message) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("error", code);
        n.put("message", message);
        return n;
    }

    static ObjectNode money(Money m) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("amount", m.amount().toPlainString());
        n.put("currency", m.currency().getCurrencyCode());
        return n;
    }

    private static void putMoney(ObjectNode n, String field, Optional<Money> value) {
        value.ifPresentOrElse(m -> n.set(field, money(m)), () -> n.putNull(field));
    }

    static void putInstant(ObjectNode n, String field, Optional<Instant> value) {
        putOptional(n, field, value.map(Instant::toString));
    }

    static void putOptional(ObjectNode n, String field, Optional<String> value) {
        value.ifPresentOrElse(v -> n.put(field, v), () -> n.putNull(field));
    }

    static String lower(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }
}
