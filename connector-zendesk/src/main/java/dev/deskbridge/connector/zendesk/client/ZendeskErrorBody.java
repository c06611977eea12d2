package dev.deskbridge.connector.zendesk.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads Zendesk's explanation out of an error body. Zendesk answers in a few shapes:
 * {@code {"error": "RecordInvalid", "description": "...", "details": {"field": [{"description": "..."}]}}}
 * (Support API), {@code {"error": {"title": "...", "message": "..."}}} and
 * {@code {"errors": [{"code": "...", "title": "...", "detail": "..."}]}} (newer APIs such as webhooks).
 */
final class ZendeskErrorBody {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_TEXT = 500;

    private ZendeskErrorBody() {}

    /** Zendesk's message, or a shortened raw body when it is not JSON. */
    static String message(String body) {
        if (body == null || body.isBlank()) {
            return "(empty response body)";
        }
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (Exception e) {
            return shorten(body.strip());
        }
        if (root == null || !root.isObject()) {
            return shorten(body.strip());
        }
        List<String> parts = new ArrayList<>();
        JsonNode error = root.path("error");
        if (error.isTextual()) {
            parts.add(error.asText());
        } else if (error.isObject()) {
            addText(parts, error.path("title"));
            addText(parts, error.path("message"));
        }
        addText(parts, root.path("description"));
        JsonNode details = root.path("details");
        if (details.isObject()) {
            for (Map.Entry<String, JsonNode> field : details.properties()) {
                for (JsonNode d : field.getValue().isArray() ? field.getValue() : JSON.createArrayNode().add(field.getValue())) {
                    String text = d.isTextual() ? d.asText() : d.path("description").asText("");
                    if (!text.isBlank()) {
                        parts.add(field.getKey() + ": " + text);
                    }
                }
            }
        }
        JsonNode errors = root.path("errors");
        if (errors.isArray()) {
            for (JsonNode e : errors) {
                List<String> one = new ArrayList<>();
                addText(one, e.path("code"));
                addText(one, e.path("title"));
                addText(one, e.path("detail"));
                if (!one.isEmpty()) {
                    parts.add(String.join(" ", one));
                }
            }
        }
        return parts.isEmpty() ? shorten(body.strip()) : shorten(String.join("; ", parts));
    }

    private static void addText(List<String> parts, JsonNode node) {
        if (node.isValueNode() && !node.asText().isBlank()) {
            parts.add(node.asText());
        }
    }

    private static String shorten(String s) {
        return s.length() <= MAX_TEXT ? s : s.substring(0, MAX_TEXT) + "...";
    }
}
