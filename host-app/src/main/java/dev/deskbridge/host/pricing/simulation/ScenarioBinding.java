package dev.deskbridge.host.pricing.simulation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Jackson's binding of one level of a scenario file onto its {@link ScenarioForms} record, strict
 * (unknown keys and values of the wrong shape refused); a refusal becomes a
 * {@link ScenarioFormatException} naming the scenario, event and field, with what was expected.
 */
final class ScenarioBinding {
    static final ObjectMapper YAML = YAMLMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            // "yes" or "true" in quotes is not a boolean, and a list is not a text.
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .build();

    private final String file;

    ScenarioBinding(String file) {
        this.file = file;
    }

    /** Binds one level; a refusal by Jackson is told with the field it is about. */
    <T> T bind(JsonNode node, Class<T> type, String id, int index) {
        try {
            return YAML.treeToValue(node, type);
        } catch (UnrecognizedPropertyException e) {
            boolean inExpect = e.getPath().size() > 1;
            Set<String> known = new TreeSet<>();
            e.getKnownPropertyIds().forEach(k -> known.add(k.toString()));
            throw inExpect
                    ? fail(id, index, "expect." + e.getPropertyName(),
                            "unknown result field (expected one of " + String.join(", ", known) + ")")
                    : fail(id, index, e.getPropertyName(), "unknown field (expected " + String.join(", ", known) + ")");
        } catch (JsonMappingException e) {
            throw refused(node, e, id, index);
        } catch (JsonProcessingException e) {
            throw fail(id, index, null, "cannot be read: " + e.getOriginalMessage());
        }
    }

    /** A value of the wrong shape: what was expected at that field, and what was found. */
    private ScenarioFormatException refused(JsonNode node, JsonMappingException e, String id, int index) {
        List<String> path = new ArrayList<>();
        JsonNode value = node;
        for (JsonMappingException.Reference r : e.getPath()) {
            if (r.getFieldName() == null) {
                break;
            }
            path.add(r.getFieldName());
            value = value == null ? null : value.get(r.getFieldName());
        }
        String field = path.isEmpty() ? null : String.join(".", path);
        String found = value == null ? "" : value.isValueNode() ? value.asText() : value.isArray() ? "a list" : "a mapping";
        String last = path.isEmpty() ? "" : path.get(path.size() - 1);
        String reason = switch (last) {
            case "scenarios" -> "expected a list of scenarios";
            case "events" -> "expected a list of events";
            case "expect" -> "expected a mapping of result fields";
            case "allowed", "billable", "referral", "delivered" -> "expected true or false, found '" + found + "'";
            default -> path.size() > 1 ? "expected a word such as " + example(last) : "expected a text value";
        };
        return fail(id, index, field, reason);
    }

    private ScenarioFormatException fail(String id, int index, String field, String reason) {
        return new ScenarioFormatException(file, id, index, field, reason);
    }

    /** An example of a word-valued result field, for messages. */
    static String example(String field) {
        switch (field) {
            case "category":
                return "service";
            case "type":
                return "regular";
            case "market":
                return "NORTH_AMERICA";
            case "currency":
                return "USD";
            default:
                return "no_schedule";
        }
    }
}
