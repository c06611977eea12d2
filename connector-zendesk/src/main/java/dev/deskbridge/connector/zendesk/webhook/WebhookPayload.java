package dev.deskbridge.connector.zendesk.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.deskbridge.connector.api.error.WebhookRejectedException;
import dev.deskbridge.connector.api.error.WebhookRejectedException.Reason;
import java.io.IOException;
import java.util.Optional;

/**
 * The body DeskBridge's trigger sends: {@code {"ticket_id": "{{ticket.id}}", "comment_id":
 * "{{ticket.latest_comment.id}}", ...}}. Zendesk renders placeholders as strings; numbers are
 * accepted too. Only the ids are taken: everything else is read back from the API.
 *
 * @param ticketId the ticket
 * @param commentId the comment, when the placeholder gave one
 */
public record WebhookPayload(long ticketId, Optional<Long> commentId) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public WebhookPayload {
        if (ticketId <= 0) {
            throw new IllegalArgumentException("ticket id must be positive");
        }
        java.util.Objects.requireNonNull(commentId, "commentId");
    }

    /** The JSON body the trigger is set up to send. */
    public static String template() {
        return "{\"source\":\"deskbridge\",\"ticket_id\":\"{{ticket.id}}\",\"comment_id\":\"{{ticket.latest_comment.id}}\","
                + "\"external_id\":\"{{ticket.external_id}}\",\"updated_by\":\"{{current_user.id}}\"}";
    }

    /**
     * Reads a verified body.
     *
     * @throws WebhookRejectedException with {@link Reason#MALFORMED_BODY} saying what is wrong
     */
    public static WebhookPayload parse(byte[] body) {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (IOException e) {
            throw new WebhookRejectedException("Zendesk webhook body is not JSON", Reason.MALFORMED_BODY, e);
        }
        if (root == null || !root.isObject()) {
            throw new WebhookRejectedException("Zendesk webhook body is not a JSON object", Reason.MALFORMED_BODY);
        }
        long ticket = id(root, "ticket_id").orElseThrow(() -> new WebhookRejectedException(
                "Zendesk webhook body has no ticket_id (is the trigger's JSON body DeskBridge's?)",
                Reason.MALFORMED_BODY));
        return new WebhookPayload(ticket, id(root, "comment_id"));
    }

    private static Optional<Long> id(JsonNode root, String field) {
        JsonNode node = root.path(field);
        if (node.isMissingNode() || node.isNull() || (node.isTextual() && node.asText().isBlank())) {
            return Optional.empty();
        }
        if (node.canConvertToLong() && node.isIntegralNumber()) {
            return Optional.of(node.asLong()).filter(v -> v > 0).or(() -> fail(field, node));
        }
        if (node.isTextual()) {
            try {
                long value = Long.parseLong(node.asText().strip());
                return value > 0 ? Optional.of(value) : fail(field, node);
            } catch (NumberFormatException e) {
                return fail(field, node);
            }
        }
        return fail(field, node);
    }

    private static Optional<Long> fail(String field, JsonNode node) {
        String shown = node.toString();
        throw new WebhookRejectedException("Zendesk webhook " + field
                + " is not a positive id: " + (shown.length() > 40 ? shown.substring(0, 40) + "..." : shown),
            Reason.MALFORMED_BODY);
    }
}
