package dev.deskbridge.connector.twilio.whatsapp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.twilio.rest.content.v1.ContentAndApprovals;
import dev.deskbridge.connector.api.pricing.TemplateCategory;
import dev.deskbridge.connector.api.template.ParameterFormat;
import dev.deskbridge.connector.api.template.TemplateDefinition;
import dev.deskbridge.connector.api.template.TemplateStatus;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Reads Twilio's Content API listing ({@code GET /v1/ContentAndApprovals}: contents with their
 * WhatsApp approval) into template definitions. A Content template is sent by its SID with its
 * variables ({@code {"1": ...}} or by name), header and button values included, so the definition
 * lists every variable as a body parameter and no header or button parameters.
 */
final class ContentTemplates {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ContentTemplates() {}

    static TemplateDefinition definition(ContentAndApprovals c) {
        String sid = Optional.ofNullable(c.getSid()).orElseThrow(() -> new IllegalArgumentException("a content has no sid"));
        Map<?, ?> approval = c.getApprovalRequests() instanceof Map<?, ?> m ? m : Map.of();
        String name = firstNonBlank(c.getFriendlyName(), text(approval.get("name")), sid);
        List<String> variables = new ArrayList<>();
        if (c.getVariables() instanceof Map<?, ?> vars) {
            vars.keySet().forEach(k -> variables.add(String.valueOf(k)));
        }
        boolean positional = variables.stream().allMatch(v -> v.matches("\\d{1,3}"));
        variables.sort(positional ? Comparator.comparingInt(Integer::parseInt) : Comparator.naturalOrder());
        return new TemplateDefinition(sid, name, sid, firstNonBlank(c.getLanguage(), "und", "und"),
                TemplateStatus.fromWire(text(approval.get("status"))), category(text(approval.get("category"))),
                positional ? ParameterFormat.POSITIONAL : ParameterFormat.NAMED, body(c.getTypes()), variables,
                Optional.empty(), List.of(), List.of(), json(c.getTypes()));
    }

    /** Twilio's categories: Meta's three, and TRANSACTIONAL from before Meta renamed it utility. */
    static Optional<TemplateCategory> category(String wire) {
        String w = wire.trim().toUpperCase(Locale.ROOT);
        if (w.equals("TRANSACTIONAL")) {
            return Optional.of(TemplateCategory.UTILITY);
        }
        try {
            return w.isEmpty() ? Optional.empty() : Optional.of(TemplateCategory.fromWire(w));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static String body(Object types) {
        if (types instanceof Map<?, ?> m) {
            for (Object type : m.values()) {
                if (type instanceof Map<?, ?> t && t.get("body") != null) {
                    return String.valueOf(t.get("body"));
                }
            }
        }
        return "";
    }

    private static String json(Object types) {
        try {
            return types == null ? "{}" : JSON.writeValueAsString(types);
        } catch (JsonProcessingException e) {
            return "{}";
        }
    }

    private static String text(Object o) {
        return o == null ? "" : String.valueOf(o);
    }

    private static String firstNonBlank(String a, String b, String c) {
        return a != null && !a.isBlank() ? a : b != null && !b.isBlank() ? b : c;
    }
}
