package dev.deskbridge.host.http.admin;

import com.fasterxml.jackson.databind.JsonNode;
import dev.deskbridge.connector.api.model.PhoneNumber;
import dev.deskbridge.connector.api.model.TemplateRequest;
import dev.deskbridge.host.engine.RouteName;
import dev.deskbridge.host.engine.TemplateParameters;
import dev.deskbridge.host.engine.TicketMode;
import dev.deskbridge.host.logging.LogSafe;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The body of {@code POST /api/messages}, read strictly: every problem names its field, unknown
 * fields are refused (a misspelt {@code idempotencyKey} must not send twice).
 */
record MessageRequest(PhoneNumber to, TemplateRequest template, RouteName route, TicketMode ticket,
        Optional<String> idempotencyKey, Optional<String> orderReference) {
    private static final Set<String> FIELDS = Set.of("to", "template", "language", "parameters", "route", "channel",
            "ticket", "idempotencyKey", "orderReference");

    MessageRequest {
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(template, "template");
        Objects.requireNonNull(route, "route");
        Objects.requireNonNull(ticket, "ticket");
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
        Objects.requireNonNull(orderReference, "orderReference");
    }

    /**
     * @param headerKey the {@code Idempotency-Key} header, the same as the body's {@code idempotencyKey}
     * @throws IllegalArgumentException naming the field at fault
     */
    static MessageRequest parse(JsonNode body, Optional<String> headerKey) {
        if (body == null || !body.isObject()) {
            throw new IllegalArgumentException("the body must be a JSON object");
        }
        JsonFields.known(body, FIELDS, "");
        String to = required(body, "to");
        PhoneNumber number;
        try {
            number = PhoneNumber.of(to);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("to: must be a phone number in E.164 form (+ and up to 15 digits, no spaces)");
        }
        TemplateRequest template = TemplateParameters.request(required(body, "template"),
                optional(body, "language", 16), parameters(body.get("parameters")));
        TicketMode ticket;
        try {
            ticket = optional(body, "ticket", 16).map(TicketMode::fromWire).orElse(TicketMode.ATTACH);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("ticket: " + e.getMessage());
        }
        Optional<String> bodyKey = optional(body, "idempotencyKey", MessagesApi.MAX_KEY);
        Optional<String> key = headerKey.map(String::strip).filter(k -> !k.isEmpty());
        if (key.isPresent() && key.get().length() > MessagesApi.MAX_KEY) {
            throw new IllegalArgumentException("Idempotency-Key: at most " + MessagesApi.MAX_KEY + " characters");
        }
        if (key.isPresent() && bodyKey.isPresent() && !key.equals(bodyKey)) {
            throw new IllegalArgumentException("idempotencyKey: differs from the Idempotency-Key header");
        }
        return new MessageRequest(number, template, new RouteName(optional(body, "route", 128),
                optional(body, "channel", 128)), ticket, key.or(() -> bodyKey),
                optional(body, "orderReference", MessagesApi.MAX_REFERENCE));
    }

    /** An object of values by name or position, or a list of positional values (the first is {@code 1}). */
    private static Map<String, String> parameters(JsonNode node) {
        Map<String, String> out = new LinkedHashMap<>();
        if (node == null || node.isNull()) {
            return out;
        }
        if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                out.put(String.valueOf(i + 1), value(node.get(i), "parameters[" + i + "]"));
            }
            return out;
        }
        if (!node.isObject()) {
            throw new IllegalArgumentException("parameters: must be an object of values by name, or a list");
        }
        node.fields().forEachRemaining(e -> out.put(e.getKey(),
                value(e.getValue(), "parameters." + LogSafe.text(e.getKey(), 40))));
        return out;
    }

    private static String value(JsonNode node, String path) {
        if (node == null || !node.isValueNode() || node.isNull()) {
            throw new IllegalArgumentException(path + ": must be a string or a number");
        }
        return node.asText();
    }

    private static String required(JsonNode body, String field) {
        return optional(body, field, 512).orElseThrow(() -> new IllegalArgumentException(field + ": required"));
    }

    private static Optional<String> optional(JsonNode body, String field, int max) {
        return JsonFields.text(body, field, "", max);
    }
}
