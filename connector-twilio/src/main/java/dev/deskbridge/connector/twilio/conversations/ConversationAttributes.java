package dev.deskbridge.connector.twilio.conversations;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.deskbridge.connector.api.model.ConversationRef;
import dev.deskbridge.connector.api.model.DeliveryNotice;
import dev.deskbridge.connector.api.model.DeliveryStatus;
import dev.deskbridge.connector.api.model.EntryLink;
import dev.deskbridge.connector.api.pricing.ConversationStatus;
import dev.deskbridge.connector.api.pricing.WindowState;
import java.time.Instant;
import java.util.Iterator;
import java.util.Optional;

/**
 * DeskBridge's part of a Conversation's {@code Attributes}, under the {@code deskbridge} key, so
 * a Flex plugin or any Conversations client can show it. Keys other clients keep there are left
 * alone. Shape:
 *
 * <pre>{"deskbridge": {
 *   "conversationId": "...", "customer": "+1...", "business": "+1...", "customerName": "...",
 *   "window": {"phase": "OPEN", "closesAt": "...", "serviceWindowEndsAt": "...",
 *              "freeEntryPointUntil": "..."},
 *   "costSoFar": {"amount": "0.0125", "currency": "USD"}, "statusAsOf": "...",
 *   "deliveries": {"SM...": {"status": "DELIVERED", "at": "...", "cost": {...}, "error": "..."}},
 *   "entryLink": {"code": "K7Q2M9", "name": "Spring poster", "source": "poster"},
 *   "setup": {"customer": true, "webhook": true}
 * }}</pre>
 *
 * {@code setup} records which steps of creating the Conversation are done, so that a retry after a
 * half-finished creation completes it.
 *
 * Not thread-safe: one instance per read-modify-write.
 */
final class ConversationAttributes {
    /** How many messages' delivery states are kept; older ones are dropped first. */
    static final int MAX_DELIVERIES = 20;

    private final ObjectNode root;

    private ConversationAttributes(ObjectNode root) {
        this.root = root;
    }

    /** Reads a Conversation's attributes; anything unreadable starts from an empty object. */
    static ConversationAttributes parse(String json) {
        return new ConversationAttributes(Json.object(json).orElseGet(Json.MAPPER::createObjectNode));
    }

    private ObjectNode mine() {
        JsonNode n = root.get(MessageMarks.KEY);
        return n instanceof ObjectNode o ? o : root.putObject(MessageMarks.KEY);
    }

    /** Who the Conversation is about. */
    ConversationAttributes conversation(ConversationRef ref) {
        ObjectNode m = mine();
        m.put("conversationId", ref.id().value());
        m.put("customer", ref.customer().e164());
        m.put("business", ref.business().e164());
        ref.customerName().ifPresent(n -> m.put("customerName", n));
        return this;
    }

    /**
     * The click-to-chat link the conversation came from; the first one recorded stays.
     *
     * @return whether the attributes changed
     */
    boolean entryLink(EntryLink link) {
        ObjectNode m = mine();
        if (m.get("entryLink") instanceof ObjectNode) {
            return false;
        }
        ObjectNode n = m.putObject("entryLink");
        n.put("code", link.code());
        n.put("name", link.name());
        n.put("source", link.source());
        return true;
    }

    /** Whether the attributes say they are about this DeskBridge conversation. */
    boolean describes(ConversationRef ref) {
        JsonNode m = root.path(MessageMarks.KEY);
        return ref.id().value().equals(m.path("conversationId").asText(null))
                && ref.customer().e164().equals(m.path("customer").asText(null));
    }

    /** Whether a step of creating the Conversation is recorded as done. */
    boolean isSetUp(String step) {
        return root.path(MessageMarks.KEY).path("setup").path(step).asBoolean(false);
    }

    /** Records a step of creating the Conversation as done. */
    void markSetUp(String step) {
        ObjectNode m = mine();
        ObjectNode setup = m.get("setup") instanceof ObjectNode o ? o : m.putObject("setup");
        setup.put(step, true);
    }

    /**
     * Sets the window and the cost so far.
     *
     * @return whether anything a client shows changed (the time of the status alone does not count)
     */
    boolean status(ConversationStatus status) {
        ObjectNode m = mine();
        ObjectNode window = Json.MAPPER.createObjectNode();
        window.put("phase", status.phase().name());
        put(window, "closesAt", status.closesAt());
        WindowState w = status.window();
        put(window, "serviceWindowEndsAt", w.serviceWindowEndsAt());
        put(window, "freeEntryPointUntil", w.freeEntryPointUntil());
        ObjectNode cost = Json.money(status.costSoFar());
        boolean changed = !window.equals(m.get("window")) || !cost.equals(m.get("costSoFar"));
        m.set("window", window);
        m.set("costSoFar", cost);
        m.put("statusAsOf", status.asOf().toString());
        return changed;
    }

    /**
     * Records a message's delivery state, keeping the latest {@link #MAX_DELIVERIES} messages.
     *
     * @return whether it changed anything: a late, older status changes nothing
     */
    boolean delivery(DeliveryNotice notice) {
        ObjectNode deliveries = mine().has("deliveries") && mine().get("deliveries").isObject()
                ? (ObjectNode) mine().get("deliveries") : mine().putObject("deliveries");
        JsonNode known = deliveries.get(notice.providerMessageId());
        boolean advance = known == null || advances(known.path("status").asText(), notice.status());
        boolean newCost = notice.cost().isPresent() && (known == null || !known.has("cost"));
        if (!advance && !newCost) {
            return false;
        }
        ObjectNode entry = known instanceof ObjectNode k ? k.deepCopy() : Json.MAPPER.createObjectNode();
        if (advance) {
            entry.put("status", notice.status().name());
            entry.put("at", notice.at().toString());
            notice.error().ifPresent(e -> entry.put("error", e.toString()));
        }
        notice.cost().ifPresent(c -> entry.set("cost", Json.money(c)));
        deliveries.remove(notice.providerMessageId());
        deliveries.set(notice.providerMessageId(), entry);
        Iterator<String> oldest = deliveries.fieldNames();
        while (deliveries.size() > MAX_DELIVERIES && oldest.hasNext()) {
            oldest.next();
            oldest.remove();
        }
        return true;
    }

    private static boolean advances(String knownStatus, DeliveryStatus next) {
        try {
            return DeliveryStatus.valueOf(knownStatus).advancesTo(next);
        } catch (IllegalArgumentException unknown) {
            return true;
        }
    }

    private static void put(ObjectNode n, String key, Optional<Instant> value) {
        if (value.isPresent()) {
            n.put(key, value.get().toString());
        } else {
            n.putNull(key);
        }
    }

    String toJson() {
        return Json.write(root);
    }
}
