package dev.deskbridge.host.config;

import com.fasterxml.jackson.databind.JsonNode;
import dev.deskbridge.connector.api.pricing.TemplateCategory;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** Reads {@code routes[].reengage_template:} onto {@link ReengageTemplate}. */
final class ReengageTemplateSection {
    private static final Pattern LANGUAGE = Pattern.compile("[a-z]{2,3}(_[A-Z]{2,4})?");

    /** The template as bound ({@code body_parameters} is a list, read here). */
    record Fields(String name, String language, String category) {}

    private ReengageTemplateSection() {}

    /** Null (after reporting why) when the template is invalid. */
    static ReengageTemplate read(JsonNode node, String path, ConfigContext ctx) {
        Bound<Fields> s = ctx.bind(node, path, HostSettings.TEMPLATE, Set.of("body_parameters"), Fields.class);
        boolean ok = s.valid();
        String language = s.fields().language();
        if (language != null && !LANGUAGE.matcher(language).matches()) {
            ctx.problem(Paths.child(path, "language"), "must be a language code such as en or en_US, got '"
                    + language + "'");
            ok = false;
        }
        TemplateCategory category = null;
        String c = s.fields().category();
        if (c != null) {
            try {
                category = TemplateCategory.fromWire(c);
            } catch (IllegalArgumentException e) {
                ctx.problem(Paths.child(path, "category"), "must be utility, marketing or authentication, got '" + c + "'");
                ok = false;
            }
        }
        List<String> parameters = new ArrayList<>();
        JsonNode params = ConfigContext.child(node, "body_parameters");
        String paramsPath = Paths.child(path, "body_parameters");
        if (params != null && !params.isArray()) {
            ctx.problem(paramsPath, "must be a list of values");
            ok = false;
        } else if (params != null) {
            for (int i = 0; i < params.size(); i++) {
                if (!params.get(i).isValueNode() || params.get(i).isNull()) {
                    ctx.problem(Paths.index(paramsPath, i), "must be a single value");
                    ok = false;
                } else {
                    parameters.add(params.get(i).asText());
                }
            }
        }
        return ok ? new ReengageTemplate(s.fields().name(), language, category, parameters) : null;
    }
}
