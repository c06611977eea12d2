package dev.deskbridge.host.config;

import com.fasterxml.jackson.databind.JsonNode;
import dev.deskbridge.connector.api.config.ConfigSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Reads {@code channels:} or {@code crms:} onto {@link ConnectorInstance}s, each {@code config:}
 * checked against the spec of its type.
 */
final class ConnectorInstancesSection {
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    /** One entry as bound ({@code config} is checked against its type's spec, read here). */
    record Fields(String id, String type) {}

    private ConnectorInstancesSection() {}

    /**
     * @param path {@code channels} or {@code crms}
     * @param kind {@code channel} or {@code crm}, for messages
     * @param specOf the spec of a type, empty when no plugin provides it
     * @param known every known type, for messages
     */
    static List<ConnectorInstance> read(JsonNode node, String path, String kind,
            Function<String, Optional<ConfigSpec>> specOf, Set<String> known, ConfigContext ctx) {
        List<ConnectorInstance> out = new ArrayList<>();
        if (node == null || node.isNull()) {
            return out;
        }
        if (!node.isArray()) {
            ctx.problem(path, "must be a list of " + kind + "s");
            return out;
        }
        Map<String, String> firstPathOfId = new HashMap<>();
        for (int i = 0; i < node.size(); i++) {
            String at = Paths.index(path, i);
            JsonNode entry = node.get(i);
            if (!entry.isObject()) {
                ctx.problem(at, "must be a mapping with id, type and config");
                continue;
            }
            Bound<Fields> s = ctx.bind(entry, at, HostSettings.CONNECTOR_INSTANCE, Set.of("config"), Fields.class);
            String id = s.fields().id();
            if (id != null) {
                if (!ID.matcher(id).matches()) {
                    ctx.problem(Paths.child(at, "id"), "must be 1 to 64 letters, digits, '.', '_' or '-', got '" + id + "'");
                    id = null;
                } else if (firstPathOfId.containsKey(id)) {
                    ctx.problem(Paths.child(at, "id"), "duplicate id '" + id + "' (also " + firstPathOfId.get(id) + ")");
                    id = null;
                } else {
                    firstPathOfId.put(id, at);
                }
            }
            String type = s.fields().type();
            Optional<ConfigSpec> spec = type == null ? Optional.empty() : specOf.apply(type);
            if (type != null && spec.isEmpty()) {
                ctx.problem(Paths.child(at, "type"), "no plugin provides " + kind + " type '" + type + "' (known: "
                        + (known.isEmpty() ? "none" : String.join(", ", known)) + ")");
            }
            String configPath = Paths.child(at, "config");
            ConfigContext.Values values = ctx.scalars(entry.get("config"), configPath, Set.of());
            if (values != null && spec.isPresent()) {
                ctx.check(spec.get(), values, configPath);
            }
            if (s.valid() && id != null && type != null && values != null) {
                out.add(new ConnectorInstance(id, type, values.single()));
            }
        }
        return out;
    }

    /** Ids as written, even of entries with other problems, so routes are checked against them. */
    static Set<String> ids(JsonNode list) {
        Set<String> ids = new HashSet<>();
        if (list != null && list.isArray()) {
            for (JsonNode entry : list) {
                JsonNode id = entry.isObject() ? entry.get("id") : null;
                if (id != null && id.isValueNode() && !id.isNull()) {
                    ids.add(id.asText().trim());
                }
            }
        }
        return ids;
    }
}
