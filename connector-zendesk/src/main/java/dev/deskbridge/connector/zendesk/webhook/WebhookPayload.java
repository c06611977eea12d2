package dev.deskbridge.connector.zendesk.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.deskbridge.connector.api.error.WebhookRejectedException;
import dev.deskbridge.connector.api.error.WebhookRejectedException.Reason;
import java.io.IOException;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The body DeskBridge's trigger sends: {@code {"ticket_id": "{{ticket.id}}", "comment_id":
 * "{{ticket.latest_comment.id}}", "requester_id": "{{ticket.requester.id}}", "tags":
 * "{{ticket.tags}}", ...}}. Zendesk renders placeholders as strings ({@code ticket.tags} as the tags
 * joined by spaces); numbers and a list of tags are accepted too. The body is signed by Zendesk and
 * its template set by {@code zendesk setup}, so once verified the ticket's facts in it are trusted
 * and the ticket is not read back. A trigger set up by an older DeskBridge sends only the ids
 * ({@link #ticket} empty): the ticket is read then.
 *
 * @param ticketId the ticket
 * @param commentId the comment, when the placeholder gave one
 * @param ticket what the body says of the ticket, when it is the current template's body
 */
public record WebhookPayload(long ticketId, Optional<Long> commentId, Optional<TicketFacts> ticket) {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Longest {@code tags} value read (Zendesk tags are short; thousands of them are not a WhatsApp ticket). */
    static final int MAX_TAGS_CHARS = 32_768;
    /** Longest {@code external_id} read: DeskBridge's conversation ids are far shorter. */
    static final int MAX_EXTERNAL_ID_CHARS = 255;

    /**
     * The ticket as the trigger's placeholders rendered it, at the moment of the update.
     *
     * @param tags the ticket's tags
     * @param requesterId the requester's user id
     * @param externalId the ticket's external id (DeskBridge's conversation id), when it has one
     */
    public record TicketFacts(Set<String> tags, long requesterId, Optional<String> externalId) {
        public TicketFacts {
            tags = Set.copyOf(Objects.requireNonNull(tags, "tags"));
            if (requesterId <= 0) {
                throw new IllegalArgumentException("requester id must be positive");
            }
            Objects.requireNonNull(externalId, "externalId");
        }
    }

    public WebhookPayload {
        if (ticketId <= 0) {
            throw new IllegalArgumentException("ticket id must be positive");
        }
        Objects.requireNonNull(commentId, "commentId");
        Objects.requireNonNull(ticket, "ticket");
    }

    /** The JSON body the trigger is set up to send. */
    public static String template() {
        return "{\"source\":\"deskbridge\",\"ticket_id\":\"{{ticket.id}}\",\"comment_id\":\"{{ticket.latest_comment.id}}\","
                + "\"external_id\":\"{{ticket.external_id}}\",\"requester_id\":\"{{ticket.requester.id}}\","
                + "\"tags\":\"{{ticket.tags}}\",\"updated_by\":\"{{current_user.id}}\"}";
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
        Optional<Long> comment = id(root, "comment_id");
        Optional<String> externalId = externalId(root);
        Optional<Long> requester = id(root, "requester_id");
        Optional<Set<String>> tags = tags(root);
        // Both or neither: an older trigger's body has neither, and then the ticket is read back.
        Optional<TicketFacts> facts = requester.isPresent() && tags.isPresent()
                ? Optional.of(new TicketFacts(tags.get(), requester.get(), externalId))
                : Optional.empty();
        return new WebhookPayload(ticket, comment, facts);
    }

    private static Optional<String> externalId(JsonNode root) {
        JsonNode node = root.path("external_id");
        if (node.isMissingNode() || node.isNull()) {
            return Optional.empty();
        }
        if (!node.isTextual()) {
            throw malformed("external_id is not a string", node);
        }
        String value = node.asText().strip();
        if (value.length() > MAX_EXTERNAL_ID_CHARS) {
            throw new WebhookRejectedException("Zendesk webhook external_id is " + value.length()
                    + " characters long; at most " + MAX_EXTERNAL_ID_CHARS + " are read", Reason.MALFORMED_BODY);
        }
        return value.isEmpty() ? Optional.empty() : Optional.of(value);
    }

    /** The tags as {@code {{ticket.tags}}} renders them (one string, space-separated), or a list of strings. */
    private static Optional<Set<String>> tags(JsonNode root) {
        JsonNode node = root.path("tags");
        if (node.isMissingNode() || node.isNull()) {
            return Optional.empty();
        }
        Set<String> tags = new LinkedHashSet<>();
        if (node.isTextual()) {
            String text = node.asText();
            checkTagsLength(text.length());
            for (String tag : text.strip().split("\\s+")) {
                if (!tag.isEmpty()) {
                    tags.add(tag);
                }
            }
            return Optional.of(tags);
        }
        if (!node.isArray()) {
            throw malformed("tags is neither the space-separated string Zendesk renders nor a list of strings", node);
        }
        int length = 0;
        for (JsonNode tag : node) {
            if (!tag.isTextual()) {
                throw malformed("tags holds a value that is not a string", tag);
            }
            length += tag.asText().length() + 1;
            checkTagsLength(length);
            if (!tag.asText().isBlank()) {
                tags.add(tag.asText().strip());
            }
        }
        return Optional.of(tags);
    }

    private static void checkTagsLength(int length) {
        if (length > MAX_TAGS_CHARS) {
            throw new WebhookRejectedException("Zendesk webhook tags are over " + MAX_TAGS_CHARS
                    + " characters long; not read", Reason.MALFORMED_BODY);
        }
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
        throw malformed(field + " is not a positive id", node);
    }

    private static WebhookRejectedException malformed(String what, JsonNode node) {
        String shown = node.toString();
        return new WebhookRejectedException("Zendesk webhook " + what + ": "
                + (shown.length() > 40 ? shown.substring(0, 40) + "..." : shown), Reason.MALFORMED_BODY);
    }
}
