package dev.deskbridge.host.demo.zendesk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.deskbridge.host.demo.standin.Hmac;
import dev.deskbridge.host.demo.standin.WebhookPoster;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the account's triggers after a ticket update, as Zendesk does: a trigger whose conditions
 * hold notifies its webhook with its JSON body, placeholders rendered, signed like Zendesk signs
 * (base64 HMAC-SHA256 of the timestamp followed by the body, with the webhook's signing secret).
 *
 * <p>The conditions DeskBridge's setup uses are understood ({@code update_type},
 * {@code comment_is_public}, {@code current_tags}); a trigger with any other condition does not fire.
 */
final class ZendeskTriggers {
    private static final Logger LOG = LoggerFactory.getLogger(ZendeskTriggers.class);

    private final ZendeskAccount account;
    private final Clock clock;
    private final String accountId;
    private final WebhookPoster poster = new WebhookPoster();

    ZendeskTriggers(ZendeskAccount account, Clock clock, String accountId) {
        this.account = Objects.requireNonNull(account, "account");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.accountId = Objects.requireNonNull(accountId, "accountId");
    }

    /** What one webhook call of a trigger got back. */
    record Delivery(String trigger, String endpoint, WebhookPoster.Answer answer) {}

    /** The facts of an update that conditions test. */
    private record Update(long ticketId, long commentId, boolean publicComment, long updaterId, Set<String> tags) {}

    /** Runs the triggers after a comment was added to an existing ticket. */
    List<Delivery> afterComment(long ticketId, long commentId, boolean publicComment, long updaterId) {
        Update update = new Update(ticketId, commentId, publicComment, updaterId, account.tags(ticketId));
        List<Delivery> deliveries = new ArrayList<>();
        for (ObjectNode trigger : account.activeTriggers()) {
            if (!matches(trigger.path("conditions"), update)) {
                continue;
            }
            for (JsonNode action : trigger.path("actions")) {
                if ("notification_webhook".equals(action.path("field").asText())) {
                    notify(trigger.path("title").asText(), action.path("value"), update).ifPresent(deliveries::add);
                }
            }
        }
        return deliveries;
    }

    private boolean matches(JsonNode conditions, Update update) {
        List<JsonNode> all = list(conditions.path("all"));
        List<JsonNode> any = list(conditions.path("any"));
        return all.stream().allMatch(c -> holds(c, update)) && (any.isEmpty() || any.stream().anyMatch(c -> holds(c, update)));
    }

    private boolean holds(JsonNode condition, Update update) {
        String field = condition.path("field").asText();
        String operator = condition.path("operator").asText();
        String value = condition.path("value").asText();
        switch (field) {
            case "update_type":
                // A comment on an existing ticket is a Change.
                return "is".equals(operator) == "Change".equals(value);
            case "comment_is_public":
                if ("not_relevant".equals(value)) {
                    return true;
                }
                boolean wantPublic = "true".equals(value);
                return "is".equals(operator) ? update.publicComment() == wantPublic : update.publicComment() != wantPublic;
            case "current_tags":
                boolean anyPresent = Arrays.stream(value.split("\\s+")).anyMatch(update.tags()::contains);
                return "includes".equals(operator) ? anyPresent : !anyPresent;
            default:
                LOG.info("Zendesk stand-in: trigger condition '{}' is not simulated; the trigger does not fire", field);
                return false;
        }
    }

    private Optional<Delivery> notify(String trigger, JsonNode value, Update update) {
        if (!value.isArray() || value.size() < 2) {
            return Optional.empty();
        }
        Optional<Map.Entry<String, String>> webhook = account.activeWebhook(value.get(0).asText());
        if (webhook.isEmpty()) {
            LOG.info("Zendesk stand-in: trigger '{}' names webhook {}, which is not active", trigger, value.get(0).asText());
            return Optional.empty();
        }
        byte[] body = render(value.get(1).asText(), update).getBytes(StandardCharsets.UTF_8);
        String timestamp = clock.instant().truncatedTo(ChronoUnit.SECONDS).toString();
        String signature = Base64.getEncoder().encodeToString(Hmac.sha256(webhook.get().getValue(),
                timestamp.getBytes(StandardCharsets.UTF_8), body));
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json; charset=utf-8");
        headers.put("User-Agent", "Zendesk Webhook");
        headers.put("X-Zendesk-Account-Id", accountId);
        headers.put("X-Zendesk-Webhook-Id", value.get(0).asText());
        headers.put("X-Zendesk-Webhook-Invocation-Id", UUID.randomUUID().toString().replace("-", ""));
        headers.put("X-Zendesk-Webhook-Signature", signature);
        headers.put("X-Zendesk-Webhook-Signature-Timestamp", timestamp);
        String endpoint = webhook.get().getKey();
        return Optional.of(new Delivery(trigger, endpoint, poster.post(endpoint, body, headers)));
    }

    /** Renders the placeholders DeskBridge's body uses; values are JSON-escaped as Zendesk's JSON bodies do. */
    private String render(String template, Update update) {
        // ticket.tags renders as Zendesk renders it: the tags joined by spaces.
        Map<String, String> values = Map.of(
                "ticket.id", String.valueOf(update.ticketId()),
                "ticket.latest_comment.id", String.valueOf(update.commentId()),
                "ticket.external_id", account.externalId(update.ticketId()).orElse(""),
                "ticket.requester.id", String.valueOf(account.requesterId(update.ticketId())),
                "ticket.tags", String.join(" ", new java.util.TreeSet<>(update.tags())),
                "current_user.id", String.valueOf(update.updaterId()));
        String out = template;
        for (Map.Entry<String, String> v : values.entrySet()) {
            String escaped = TextNode.valueOf(v.getValue()).toString();
            out = out.replace("{{" + v.getKey() + "}}", escaped.substring(1, escaped.length() - 1));
        }
        return out;
    }

    private static List<JsonNode> list(JsonNode array) {
        List<JsonNode> out = new ArrayList<>();
        array.forEach(out::add);
        return out;
    }
}
