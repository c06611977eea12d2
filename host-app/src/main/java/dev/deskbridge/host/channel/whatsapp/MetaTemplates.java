package dev.deskbridge.host.channel.whatsapp;

import com.fasterxml.jackson.databind.JsonNode;
import dev.deskbridge.connector.api.model.TemplateUpdate;
import dev.deskbridge.connector.api.pricing.TemplateCategory;
import dev.deskbridge.connector.api.template.HeaderFormat;
import dev.deskbridge.connector.api.template.ParameterFormat;
import dev.deskbridge.connector.api.template.TemplateButtonSpec;
import dev.deskbridge.connector.api.template.TemplateDefinition;
import dev.deskbridge.connector.api.template.TemplateStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads Meta's template descriptions: a {@code GET /{WABA-ID}/message_templates} page's
 * {@code data[]} into definitions, and the template webhooks ({@code message_template_status_update},
 * {@code template_category_update}, {@code message_template_quality_update}) into updates.
 */
final class MetaTemplates {
    static final Set<String> WEBHOOK_FIELDS = Set.of("message_template_status_update", "template_category_update",
            "message_template_quality_update");
    /** The fields a listing asks for. */
    static final String FIELDS = "id,name,language,status,category,parameter_format,components";
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([A-Za-z0-9_]{1,64})\\s*}}");
    /** Button types whose send carries a value: a dynamic URL's suffix, a coupon, a one-time code. */
    private static final Set<String> VALUED = Set.of("COPY_CODE", "OTP");

    private MetaTemplates() {}

    /**
     * One listed template.
     *
     * @throws IllegalArgumentException when it has no name or language, naming what is missing
     */
    static TemplateDefinition definition(JsonNode t) {
        String name = t.path("name").asText("");
        String language = t.path("language").asText("");
        if (name.isBlank() || language.isBlank()) {
            throw new IllegalArgumentException("a listed template has no " + (name.isBlank() ? "name" : "language"));
        }
        ParameterFormat format = "NAMED".equalsIgnoreCase(t.path("parameter_format").asText(""))
                ? ParameterFormat.NAMED : ParameterFormat.POSITIONAL;
        String body = "";
        Optional<HeaderFormat> header = Optional.empty();
        List<String> headerParams = List.of();
        List<TemplateButtonSpec> buttons = new ArrayList<>();
        for (JsonNode c : t.path("components")) {
            switch (c.path("type").asText("").toUpperCase(Locale.ROOT)) {
                case "HEADER" -> {
                    header = headerFormat(c.path("format").asText("TEXT"));
                    headerParams = parameters(c.path("text").asText(""), format);
                }
                case "BODY" -> body = c.path("text").asText("");
                case "BUTTONS" -> {
                    int i = 0;
                    for (JsonNode b : c.path("buttons")) {
                        String type = b.path("type").asText("").toUpperCase(Locale.ROOT);
                        boolean valued = VALUED.contains(type)
                                || ("URL".equals(type) && PLACEHOLDER.matcher(b.path("url").asText("")).find());
                        buttons.add(new TemplateButtonSpec(i++, type, valued));
                    }
                }
                default -> { }
            }
        }
        return new TemplateDefinition(t.path("id").asText(name + ":" + language), name, name, language,
                TemplateStatus.fromWire(t.path("status").asText("")), category(t.path("category").asText("")), format,
                body, parameters(body, format), header, headerParams, buttons, t.path("components").toString());
    }

    /** The body's parameters in order of first use; positional ones as {@code 1..n}. */
    static List<String> parameters(String text, ParameterFormat format) {
        Matcher m = PLACEHOLDER.matcher(text);
        if (format == ParameterFormat.NAMED) {
            Set<String> names = new LinkedHashSet<>();
            while (m.find()) {
                names.add(m.group(1));
            }
            return List.copyOf(names);
        }
        TreeSet<Integer> numbers = new TreeSet<>();
        while (m.find()) {
            try {
                numbers.add(Integer.parseInt(m.group(1)));
            } catch (NumberFormatException e) {
                // {{name}} in a positional template: Meta would not have approved it; not a parameter.
            }
        }
        int n = numbers.isEmpty() ? 0 : numbers.last();
        List<String> out = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            out.add(String.valueOf(i));
        }
        return out;
    }

    /**
     * The status a template has after a status event. Most events name it, but three do not: a
     * template REINSTATED (no longer flagged or disabled) or UNARCHIVED can be sent again, and one
     * FLAGGED for its quality still can until Meta disables it; read as statuses, they were UNKNOWN,
     * which refuses every send of an approved template.
     */
    static TemplateStatus statusAfter(String event) {
        String e = event.trim().toUpperCase(java.util.Locale.ROOT);
        return e.equals("REINSTATED") || e.equals("UNARCHIVED") || e.equals("FLAGGED")
                ? TemplateStatus.APPROVED : TemplateStatus.fromWire(event);
    }

    /**
     * A template webhook's change value.
     *
     * @param time the entry's {@code time} (seconds), 0 when absent
     */
    static TemplateUpdate update(String field, JsonNode v, long time, Instant receivedAt) {
        String id = v.path("message_template_id").asText("");
        String name = v.path("message_template_name").asText("");
        String language = v.path("message_template_language").asText("");
        if (id.isBlank() && name.isBlank()) {
            throw new IllegalArgumentException("names no template (message_template_id, message_template_name)");
        }
        Optional<TemplateStatus> status = Optional.empty();
        Optional<TemplateCategory> category = Optional.empty();
        Optional<String> quality = Optional.empty();
        Optional<String> reason = Optional.empty();
        String change;
        switch (field) {
            case "message_template_status_update" -> {
                String event = v.path("event").asText("");
                status = Optional.of(statusAfter(event));
                reason = reason(v);
                change = event;
            }
            case "template_category_update" -> {
                String next = v.path("new_category").asText("");
                category = category(next);
                if (category.isEmpty()) {
                    throw new IllegalArgumentException("new_category '" + abbreviate(next) + "' is not a category");
                }
                change = next;
            }
            default -> {
                String score = v.path("new_quality_score").asText("");
                quality = score.isBlank() ? Optional.empty() : Optional.of(abbreviate(score));
                change = score;
            }
        }
        Instant at = time > 0 && time < 100_000_000_000L ? Instant.ofEpochSecond(time) : receivedAt;
        // Meta sends the same change again on redelivery: the id is what it says, where and when.
        String eventId = "template:" + field + ":" + (id.isBlank() ? name + "/" + language : id) + ":" + change
                + ":" + time;
        return new TemplateUpdate(eventId, id.isBlank() ? name + ":" + language : id, name, language, status,
                category, quality, reason, at);
    }

    private static Optional<String> reason(JsonNode v) {
        String r = v.path("reason").asText("");
        if (!r.isBlank() && !"NONE".equalsIgnoreCase(r)) {
            return Optional.of(abbreviate(r));
        }
        String title = v.path("other_info").path("title").asText("");
        return title.isBlank() ? Optional.empty() : Optional.of(abbreviate(title));
    }

    private static Optional<TemplateCategory> category(String wire) {
        try {
            return wire.isBlank() ? Optional.empty() : Optional.of(TemplateCategory.fromWire(wire));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static Optional<HeaderFormat> headerFormat(String format) {
        try {
            return Optional.of(HeaderFormat.valueOf(format.toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return Optional.of(HeaderFormat.TEXT);
        }
    }

    private static String abbreviate(String s) {
        return s.length() > 200 ? s.substring(0, 200) + "..." : s;
    }
}
