package dev.deskbridge.connector.zendesk.setup;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.deskbridge.connector.api.CrmSetup.Step;
import dev.deskbridge.connector.api.error.PermanentException;
import dev.deskbridge.connector.zendesk.client.ZendeskApi;
import dev.deskbridge.connector.zendesk.webhook.TemplateCommand;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The macro agents apply to send a WhatsApp template from a ticket: it writes the skeleton of a
 * {@link TemplateCommand} as a public comment (the trigger reports public comments only), which the
 * agent completes before submitting. Found again by its title, which names the instance, so a
 * second setup creates no second macro; a macro an admin edited is left as it is.
 */
public final class TemplateMacro {
    /** What the macro writes: the command's first line and one parameter a line, to be filled in. */
    public static final String SKELETON = TemplateCommand.PREFIX + " TEMPLATE_NAME en_US\n"
            + "1=first parameter (or name=value for a named template)\n"
            + "2=second parameter\n";

    private final ZendeskApi api;
    private final String title;

    TemplateMacro(ZendeskApi api, String instanceId) {
        this.api = Objects.requireNonNull(api, "api");
        this.title = "DeskBridge: send WhatsApp template (" + Objects.requireNonNull(instanceId, "instanceId") + ")";
    }

    String title() {
        return title;
    }

    void setUp(List<Step> steps, boolean dryRun) {
        String what = "macro '" + title + "'";
        JsonNode found = api.get("search macros", "/macros/search?query="
                + URLEncoder.encode(title, StandardCharsets.UTF_8));
        Optional<JsonNode> existing = java.util.stream.StreamSupport.stream(found.path("macros").spliterator(), false)
                .filter(m -> title.equals(m.path("title").asText()))
                .findFirst();
        if (existing.isPresent()) {
            steps.add(new Step(Step.Action.EXISTS, what, "id " + existing.get().path("id").asText()
                    + (existing.get().path("active").asBoolean(true) ? "" : " (inactive: agents do not see it)")));
            return;
        }
        if (dryRun) {
            steps.add(new Step(Step.Action.PLAN, what, "would create it: a public comment starting '"
                    + TemplateCommand.PREFIX + " TEMPLATE_NAME en_US' with one parameter a line"));
            return;
        }
        JsonNode created = api.post("create macro", "/macros", body());
        String id = created.path("macro").path("id").asText("");
        if (id.isEmpty()) {
            throw new PermanentException("Zendesk answered the macro creation without an id");
        }
        steps.add(new Step(Step.Action.CREATE, what, "id " + id + "; agents apply it, replace TEMPLATE_NAME, the "
                + "language and the parameters, and submit"));
    }

    private ObjectNode body() {
        ObjectNode macro = api.json().createObjectNode()
                .put("title", title)
                .put("active", true)
                .put("description", "Writes the command DeskBridge reads to send an approved WhatsApp template: "
                        + "name, language, then one parameter a line. DeskBridge checks it, notes the price on the "
                        + "ticket and sends it; the comment itself never reaches the customer.");
        ArrayNode actions = macro.putArray("actions");
        actions.addObject().put("field", "comment_value").put("value", SKELETON);
        actions.addObject().put("field", "comment_mode_is_public").put("value", "true");
        ObjectNode root = api.json().createObjectNode();
        root.set("macro", macro);
        return root;
    }
}
