package dev.deskbridge.connector.twilio.conversations;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.deskbridge.connector.api.model.AgentNotice;
import dev.deskbridge.connector.api.model.InboundMessage;
import dev.deskbridge.connector.api.model.MessageContent;
import java.util.Optional;

/**
 * The {@code deskbridge} mark in the attributes of every Conversations message DeskBridge posts:
 * it lets DeskBridge drop its own messages when {@code onMessageAdded} reports them back, find a
 * customer message or a note already posted before a retry (by the event's or the notice's id, never
 * by text), and lets a Flex plugin tell notes apart.
 *
 * <pre>{"deskbridge": {"origin": "customer", "eventId": "...", ...}}
 * {"deskbridge": {"origin": "deskbridge", "type": "note", "noticeId": "...", "kind": "WINDOW_CLOSING", ...}}</pre>
 */
final class MessageMarks {
    static final String KEY = "deskbridge";

    private MessageMarks() {}

    /** Attributes of a customer's message DeskBridge posts. */
    static String customerMessage(InboundMessage m) {
        ObjectNode root = Json.MAPPER.createObjectNode();
        ObjectNode mark = root.putObject(KEY);
        mark.put("origin", "customer");
        mark.put("eventId", m.eventId());
        mark.put("providerMessageId", m.providerMessageId());
        mark.put("sentAt", m.sentAt().toString());
        if (m.content() instanceof MessageContent.Media media) {
            ObjectNode n = mark.putObject("media");
            n.put("kind", media.kind().name());
            n.put("id", media.mediaId());
            media.mimeType().ifPresent(t -> n.put("mimeType", t));
            media.filename().ifPresent(f -> n.put("filename", f));
        }
        m.referral().ifPresent(r -> {
            ObjectNode n = mark.putObject("referral");
            n.put("sourceType", r.sourceType());
            r.sourceId().ifPresent(v -> n.put("sourceId", v));
            r.sourceUrl().ifPresent(v -> n.put("sourceUrl", v));
            r.headline().ifPresent(v -> n.put("headline", v));
            r.body().ifPresent(v -> n.put("body", v));
        });
        return Json.write(root);
    }

    /** Attributes of a note DeskBridge posts for agents. */
    static String note(AgentNotice notice) {
        ObjectNode root = Json.MAPPER.createObjectNode();
        ObjectNode mark = root.putObject(KEY);
        mark.put("origin", "deskbridge");
        mark.put("type", "note");
        mark.put("noticeId", notice.id());
        mark.put("kind", notice.kind().name());
        notice.quote().ifPresent(q -> mark.set("price", Json.money(q.price())));
        return Json.write(root);
    }

    /** The notice id a marked note was posted for. */
    static Optional<String> noticeId(String attributes) {
        return mark(attributes).map(m -> m.path("noticeId")).filter(JsonNode::isTextual).map(JsonNode::asText);
    }

    /** Whether the attributes carry DeskBridge's mark. */
    static boolean isMarked(String attributes) {
        return mark(attributes).isPresent();
    }

    /** The customer event id a marked message was posted for. */
    static Optional<String> eventId(String attributes) {
        return mark(attributes).map(m -> m.path("eventId")).filter(JsonNode::isTextual).map(JsonNode::asText);
    }

    private static Optional<JsonNode> mark(String attributes) {
        return Json.object(attributes).map(o -> o.get(KEY)).filter(n -> n != null && n.isObject()
                && n.hasNonNull("origin"));
    }
}
