package dev.deskbridge.host.templates;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.deskbridge.connector.api.template.TemplateButtonSpec;
import dev.deskbridge.connector.api.template.TemplateDefinition;
import java.util.Locale;

/** A catalogue entry as JSON, the same for the admin API and {@code deskbridge templates show --format json}. */
public final class TemplateViews {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private TemplateViews() {}

    public static ObjectNode json(CatalogueTemplate t, boolean withComponents) {
        TemplateDefinition d = t.definition();
        ObjectNode n = MAPPER.createObjectNode();
        n.put("channel", t.channelId());
        n.put("name", d.name());
        n.put("language", d.language());
        n.put("status", d.status().name());
        d.category().ifPresentOrElse(c -> n.put("category", c.name()), () -> n.putNull("category"));
        t.quality().ifPresent(q -> n.put("quality", q));
        t.statusReason().ifPresent(r -> n.put("statusReason", r));
        n.put("providerId", d.providerId());
        n.put("parameterFormat", d.parameterFormat().name().toLowerCase(Locale.ROOT));
        ArrayNode params = n.putArray("bodyParameters");
        d.bodyParameters().forEach(params::add);
        d.header().ifPresent(h -> n.put("header", h.name().toLowerCase(Locale.ROOT)));
        ArrayNode buttons = n.putArray("buttons");
        for (TemplateButtonSpec b : d.buttons()) {
            buttons.addObject().put("index", b.index()).put("type", b.type()).put("takesParameter", b.takesParameter());
        }
        n.put("body", d.body());
        n.put("syncedAt", t.syncedAt().toString());
        n.put("updatedAt", t.updatedAt().toString());
        if (withComponents) {
            try {
                n.set("components", MAPPER.readTree(d.components()));
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                n.put("components", d.components());
            }
        }
        return n;
    }
}
