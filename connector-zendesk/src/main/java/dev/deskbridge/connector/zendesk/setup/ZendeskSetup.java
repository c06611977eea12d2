package dev.deskbridge.connector.zendesk.setup;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.deskbridge.connector.api.CrmSetup;
import dev.deskbridge.connector.api.config.Secret;
import dev.deskbridge.connector.api.error.PermanentException;
import dev.deskbridge.connector.zendesk.client.Listings;
import dev.deskbridge.connector.zendesk.client.ZendeskApi;
import dev.deskbridge.connector.zendesk.status.TicketFields;
import dev.deskbridge.connector.zendesk.ticket.TicketWriter;
import dev.deskbridge.connector.zendesk.webhook.WebhookPayload;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.zendesk.client.v2.model.Action;
import org.zendesk.client.v2.model.Field;
import org.zendesk.client.v2.model.Trigger;

/**
 * Creates what DeskBridge needs in Zendesk, or finds it when run again: the ticket fields, the
 * webhook that reports agent comments, the trigger that calls it on an agent's public comment on a
 * WhatsApp ticket, and the macro agents apply to send a WhatsApp template. A dry run only reads.
 * The signing secret is read back to check the configuration; it never appears in a step.
 */
public final class ZendeskSetup implements CrmSetup {
    private final ZendeskApi api;
    private final String instanceId;
    private final Secret configuredSecret;

    public ZendeskSetup(ZendeskApi api, String instanceId, Secret configuredSecret) {
        this.api = Objects.requireNonNull(api, "api");
        this.instanceId = Objects.requireNonNull(instanceId, "instanceId");
        this.configuredSecret = Objects.requireNonNull(configuredSecret, "configuredSecret");
    }

    /** The name of this instance's webhook in Zendesk. */
    public String webhookName() {
        return "DeskBridge agent replies (" + instanceId + ")";
    }

    /** The title of this instance's trigger in Zendesk. */
    public String triggerTitle() {
        return "DeskBridge: agent comment on a WhatsApp ticket (" + instanceId + ")";
    }

    @Override
    public List<Step> setUp(String webhookUrl, boolean dryRun) {
        requireHttpUrl(webhookUrl);
        List<Step> steps = new ArrayList<>();
        List<Field> fields = api.call("list ticket fields", z -> Listings.upTo(z.getTicketFields(), 2000));
        field(steps, fields, TicketFields.WINDOW_TITLE, "window_field_id",
                "When free-form WhatsApp replies stop being possible (UTC); set by DeskBridge.", dryRun);
        field(steps, fields, TicketFields.COST_TITLE, "cost_field_id",
                "What this WhatsApp conversation has cost so far; set by DeskBridge.", dryRun);
        field(steps, fields, TicketFields.LINK_TITLE, "link_field_id",
                "The click-to-chat link or QR code the customer came from (name and source); set by DeskBridge.",
                dryRun);
        Optional<String> webhookId = webhook(steps, webhookUrl, dryRun);
        signingSecret(steps, webhookId);
        trigger(steps, webhookId, dryRun);
        new TemplateMacro(api, instanceId).setUp(steps, dryRun);
        return List.copyOf(steps);
    }

    private void field(List<Step> steps, List<Field> fields, String title, String setting, String description,
            boolean dryRun) {
        String what = "ticket field '" + title + "'";
        Optional<Long> existing = TicketFields.byTitle(fields, title);
        if (existing.isPresent()) {
            steps.add(new Step(Step.Action.EXISTS, what, "id " + existing.get()
                    + " (found by title; optionally set " + setting + ": " + existing.get() + ")"));
            return;
        }
        if (dryRun) {
            steps.add(new Step(Step.Action.PLAN, what, "would create a text field visible to agents only"));
            return;
        }
        Field field = new Field();
        field.setType("text");
        field.setTitle(title);
        field.setDescription(description);
        field.setActive(true);
        field.setRequired(false);
        field.setVisibleInPortal(false);
        field.setEditableInPortal(false);
        Field created = api.call("create ticket field '" + title + "'", z -> z.createTicketField(field));
        steps.add(new Step(Step.Action.CREATE, what, "id " + created.getId() + " (optionally set " + setting + ": "
                + created.getId() + "; add it to your ticket forms if you use several)"));
    }

    private Optional<String> webhook(List<Step> steps, String url, boolean dryRun) {
        String what = "webhook '" + webhookName() + "'";
        String query = URLEncoder.encode("filter[name_contains]", StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(webhookName(), StandardCharsets.UTF_8);
        JsonNode listed = api.get("list webhooks", "/webhooks?" + query);
        Optional<JsonNode> existing = stream(listed.path("webhooks"))
                .filter(w -> webhookName().equals(w.path("name").asText()))
                .findFirst();
        if (existing.isPresent()) {
            String id = existing.get().path("id").asText();
            String endpoint = existing.get().path("endpoint").asText();
            if (url.equals(endpoint)) {
                steps.add(new Step(Step.Action.EXISTS, what, "id " + id + ", calls " + url));
            } else if (dryRun) {
                steps.add(new Step(Step.Action.PLAN, what, "would change id " + id + " to call " + url
                        + " instead of " + endpoint));
            } else {
                api.put("update webhook " + id, "/webhooks/" + id, webhookBody(url));
                steps.add(new Step(Step.Action.UPDATE, what, "id " + id + " now calls " + url
                        + " (was " + endpoint + ")"));
            }
            return Optional.of(id);
        }
        if (dryRun) {
            steps.add(new Step(Step.Action.PLAN, what, "would create it to POST JSON to " + url));
            return Optional.empty();
        }
        JsonNode created = api.post("create webhook", "/webhooks", webhookBody(url));
        String id = created.path("webhook").path("id").asText("");
        if (id.isEmpty()) {
            throw new PermanentException("Zendesk answered the webhook creation without an id");
        }
        steps.add(new Step(Step.Action.CREATE, what, "id " + id + ", calls " + url));
        return Optional.of(id);
    }

    private void signingSecret(List<Step> steps, Optional<String> webhookId) {
        String what = "webhook signing secret";
        String where = "the webhook_signing_secret setting of crm '" + instanceId + "' (crms: - id: " + instanceId
                + " > config > webhook_signing_secret)";
        String reveal = "Admin Center > Apps and integrations > Webhooks > " + webhookName() + " > Reveal secret";
        if (webhookId.isEmpty()) {
            steps.add(new Step(Step.Action.PLAN, what, "after the webhook is created, copy its secret (" + reveal
                    + ") into " + where));
            return;
        }
        JsonNode answer = api.get("read webhook signing secret", "/webhooks/" + webhookId.get() + "/signing_secret");
        String secret = answer.path("signing_secret").path("secret").asText("");
        if (!secret.isEmpty() && configuredSecret.equals(new Secret(secret))) {
            steps.add(new Step(Step.Action.EXISTS, what, "read back from Zendesk; matches " + where));
        } else {
            steps.add(new Step(Step.Action.PLAN, what, "to do: copy the webhook's secret (" + reveal + ") into "
                    + where + "; the configured value differs, so agent replies would be rejected"));
        }
    }

    private void trigger(List<Step> steps, Optional<String> webhookId, boolean dryRun) {
        String what = "trigger '" + triggerTitle() + "'";
        List<Trigger> found = api.call("search triggers", z -> Listings.upTo(z.searchTriggers(triggerTitle()), 100));
        Optional<Trigger> existing = found.stream().filter(t -> triggerTitle().equals(t.getTitle())).findFirst();
        if (existing.isPresent()) {
            Trigger t = existing.get();
            boolean olderBody = webhookId.isPresent() && callsWebhook(t, webhookId.get(), Optional.empty())
                    && !callsWebhook(t, webhookId.get(), Optional.of(WebhookPayload.template()));
            // An older DeskBridge's body names only the comment: each reply then costs a ticket read more.
            String why = olderBody ? " with the current JSON body (it sends an older DeskBridge's, without the"
                    + " ticket's tags and requester, so each agent reply costs one more Zendesk request)"
                    : " with DeskBridge's JSON body";
            if (webhookId.isPresent() && callsWebhook(t, webhookId.get(), Optional.of(WebhookPayload.template()))
                    && t.isActive()) {
                steps.add(new Step(Step.Action.EXISTS, what, "id " + t.getId() + ", notifies webhook " + webhookId.get()));
            } else if (dryRun) {
                steps.add(new Step(Step.Action.PLAN, what, "would update id " + t.getId()
                        + " to notify the webhook above" + why));
            } else {
                Trigger wanted = wantedTrigger(webhookId.orElseThrow());
                api.call("update trigger " + t.getId(), z -> z.updateTrigger(t.getId(), wanted));
                steps.add(new Step(Step.Action.UPDATE, what, "id " + t.getId() + " now notifies webhook "
                        + webhookId.get() + why));
            }
            return;
        }
        if (dryRun) {
            steps.add(new Step(Step.Action.PLAN, what, "would create it: on an agent's public comment on a ticket"
                    + " tagged " + TicketWriter.WHATSAPP_TAG + ", notify the webhook with " + WebhookPayload.template()));
            return;
        }
        Trigger created = api.call("create trigger", z -> z.createTrigger(wantedTrigger(webhookId.orElseThrow())));
        steps.add(new Step(Step.Action.CREATE, what, "id " + created.getId() + ", notifies webhook " + webhookId.get()
                + " on public comments on tickets tagged " + TicketWriter.WHATSAPP_TAG));
    }

    private Trigger wantedTrigger(String webhookId) {
        Trigger trigger = new Trigger();
        trigger.setTitle(triggerTitle());
        trigger.setActive(true);
        Trigger.Conditions conditions = new Trigger.Conditions();
        conditions.setAll(List.of(
                new Trigger.Condition("update_type", "is", "Change"),
                new Trigger.Condition("comment_is_public", "is", "true"),
                new Trigger.Condition("current_tags", "includes", TicketWriter.WHATSAPP_TAG)));
        conditions.setAny(List.of());
        trigger.setConditions(conditions);
        trigger.setActions(List.of(new Action("notification_webhook",
                new String[] {webhookId, WebhookPayload.template()})));
        return trigger;
    }

    /** Whether the trigger notifies the webhook, with exactly {@code body} when one is given. */
    private static boolean callsWebhook(Trigger trigger, String webhookId, Optional<String> body) {
        return trigger.getActions() != null && trigger.getActions().stream()
                .anyMatch(a -> "notification_webhook".equals(a.getField()) && a.getValue() != null
                        && a.getValue().length >= 2 && webhookId.equals(String.valueOf(a.getValue()[0]))
                        && body.map(b -> b.equals(String.valueOf(a.getValue()[1]))).orElse(true));
    }

    private ObjectNode webhookBody(String url) {
        ObjectNode webhook = api.json().createObjectNode()
                .put("name", webhookName())
                .put("endpoint", url)
                .put("http_method", "POST")
                .put("request_format", "json")
                .put("status", "active");
        webhook.putArray("subscriptions").add("conditional_ticket_events");
        ObjectNode root = api.json().createObjectNode();
        root.set("webhook", webhook);
        return root;
    }

    private static java.util.stream.Stream<JsonNode> stream(JsonNode array) {
        List<JsonNode> items = new ArrayList<>();
        array.forEach(items::add);
        return items.stream();
    }

    private static void requireHttpUrl(String url) {
        Objects.requireNonNull(url, "webhookUrl");
        try {
            URI uri = new URI(url);
            if (uri.getHost() == null || !Arrays.asList("http", "https").contains(String.valueOf(uri.getScheme()))) {
                throw new IllegalArgumentException("webhook URL must be an absolute http(s) URL: " + url);
            }
        } catch (java.net.URISyntaxException e) {
            throw new IllegalArgumentException("webhook URL is not a valid URL: " + url, e);
        }
    }
}
