package dev.deskbridge.connector.twilio.conversations;

import com.fasterxml.jackson.databind.JsonNode;
import dev.deskbridge.connector.api.model.TemplateCommandError;
import dev.deskbridge.connector.api.model.TemplateRequest;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How an agent asks for a WhatsApp template from a Conversations message: the message's
 * attributes (a Flex plugin or the REST API sets them) carry
 *
 * <pre>{"deskbridge": {"template": "order_update", "language": "en_US",
 *                 "parameters": {"first_name": "Ana", "order": "A-1042", "header.image": "https://...",
 *                                "button.0": "A-1042"}}}</pre>
 *
 * {@code language} may be left out when the template has one language; {@code parameters} is an
 * object (named, by number, header and buttons, read as {@link TemplateRequest#fromParameters}) or
 * an array (positional, in order). The message's body never goes to the customer. A request that
 * cannot be read is returned as its error, so that the host tells the agent rather than dropping
 * it. DeskBridge's own messages carry an {@code origin} in the same object and are never read here.
 */
final class TemplateAttribute {
    private static final String AT = "attributes." + MessageMarks.KEY;

    /**
     * What the attributes ask for.
     *
     * @param request the template asked for, when readable
     * @param error what cannot be read, otherwise
     */
    record Asked(Optional<TemplateRequest> request, Optional<TemplateCommandError> error) {
        Asked {
            Objects.requireNonNull(request, "request");
            Objects.requireNonNull(error, "error");
        }

        static Asked error(String where, String problem) {
            return new Asked(Optional.empty(), Optional.of(new TemplateCommandError(where, problem)));
        }
    }

    private TemplateAttribute() {}

    /** The template an agent's message asks for; empty when its attributes ask for none. */
    static Optional<Asked> read(Optional<String> attributes) {
        Optional<JsonNode> mark = attributes.flatMap(Json::object).map(o -> o.get(MessageMarks.KEY))
                .filter(n -> n != null && n.isObject() && !n.has("origin") && n.has("template"));
        return mark.map(TemplateAttribute::asked);
    }

    private static Asked asked(JsonNode mark) {
        JsonNode name = mark.get("template");
        if (!name.isTextual() || name.asText().isBlank()) {
            return Asked.error(AT + ".template", "expected the template's name as a string, got " + shown(name));
        }
        JsonNode language = mark.get("language");
        if (language != null && !language.isNull() && (!language.isTextual() || language.asText().isBlank())) {
            return Asked.error(AT + ".language", "expected a language code such as \"en_US\", got " + shown(language));
        }
        Optional<String> lang = language == null || language.isNull() ? Optional.empty()
                : Optional.of(language.asText());
        JsonNode parameters = mark.get("parameters");
        List<String> positional = new ArrayList<>();
        Map<String, String> keyed = new LinkedHashMap<>();
        if (parameters != null && parameters.isArray()) {
            for (int i = 0; i < parameters.size(); i++) {
                Optional<String> v = scalar(parameters.get(i));
                if (v.isEmpty()) {
                    return Asked.error(AT + ".parameters[" + i + "]", "expected a string or a number, got "
                            + shown(parameters.get(i)));
                }
                positional.add(v.get());
            }
        } else if (parameters != null && parameters.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = parameters.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> e = it.next();
                Optional<String> v = scalar(e.getValue());
                if (v.isEmpty()) {
                    return Asked.error(AT + ".parameters." + e.getKey(), "expected a string or a number, got "
                            + shown(e.getValue()));
                }
                keyed.put(e.getKey(), v.get());
            }
        } else if (parameters != null && !parameters.isNull()) {
            return Asked.error(AT + ".parameters", "expected an object (by name) or an array (in order), got "
                    + shown(parameters));
        }
        TemplateRequest read;
        try {
            read = TemplateRequest.fromParameters(name.asText(), lang, keyed);
        } catch (IllegalArgumentException e) {
            return Asked.error(AT + ".parameters", e.getMessage());
        }
        return new Asked(Optional.of(new TemplateRequest(read.name(), lang, positional, read.named(), read.header(),
                read.buttons())), Optional.empty());
    }

    private static Optional<String> scalar(JsonNode v) {
        return v != null && (v.isTextual() || v.isNumber()) ? Optional.of(v.asText()) : Optional.empty();
    }

    private static String shown(JsonNode v) {
        String s = String.valueOf(v);
        return s.length() > 60 ? s.substring(0, 60) + "..." : s;
    }
}
