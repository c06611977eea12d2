package dev.deskbridge.host.pricing.simulation;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.deskbridge.connector.api.pricing.OutboundKind;
import dev.deskbridge.connector.api.pricing.TemplateCategory;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a scenario file in the format of RULES.md and refuses anything it does not understand
 * (an unknown field, a bad instant, an event that is neither {@code in} nor {@code out}, a
 * template without category, ...) with the file, scenario id, event and field.
 */
public final class ScenarioFileReader {

    /** The result fields an {@code expect} may check. */
    public static final Set<String> EXPECTABLE =
            Set.of("allowed", "billable", "category", "type", "market", "price", "currency", "error");
    private static final Set<String> BOOLEAN_FIELDS = Set.of("allowed", "billable");
    private static final Set<String> TOP_FIELDS = Set.of("scenarios");
    private static final Set<String> SCENARIO_FIELDS = Set.of("id", "customer", "business", "events");
    private static final Set<String> INBOUND_FIELDS = Set.of("at", "in", "referral");
    private static final Set<String> OUTBOUND_FIELDS = Set.of("at", "out", "category", "delivered", "expect");

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    private final String file;

    private ScenarioFileReader(String file) {
        this.file = file;
    }

    /** Reads a scenario file from disk. */
    public static List<Scenario> read(Path path) {
        String name = path.toString();
        try (InputStream in = Files.newInputStream(path)) {
            return read(name, in);
        } catch (NoSuchFileException e) {
            throw new ScenarioFormatException(name, null, -1, null, "no such file");
        } catch (IOException e) {
            throw new ScenarioFormatException(name, null, -1, null, "cannot be read: " + e.getMessage());
        }
    }

    /**
     * Reads a scenario file.
     *
     * @param name the file's name, for messages
     * @throws ScenarioFormatException when the file is malformed
     */
    public static List<Scenario> read(String name, InputStream in) throws IOException {
        JsonNode root;
        try {
            root = YAML.readTree(in);
        } catch (JsonProcessingException e) {
            JsonLocation where = e.getLocation();
            throw new ScenarioFormatException(name, null, -1, null, "not valid YAML"
                    + (where != null ? " at line " + where.getLineNr() : "") + ": " + e.getOriginalMessage());
        }
        return new ScenarioFileReader(name).scenarios(root);
    }

    private List<Scenario> scenarios(JsonNode root) {
        if (root == null || !root.isObject()) {
            throw fail(null, -1, null, "expected a mapping with a 'scenarios' list");
        }
        unknownFields(root, TOP_FIELDS, null, -1);
        JsonNode list = root.get("scenarios");
        if (list == null || !list.isArray()) {
            throw fail(null, -1, "scenarios", "expected a list of scenarios");
        }
        List<Scenario> out = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < list.size(); i++) {
            Scenario s = scenario(list.get(i), i);
            if (!ids.add(s.id())) {
                throw fail(s.id(), -1, "id", "two scenarios have this id");
            }
            out.add(s);
        }
        return out;
    }

    private Scenario scenario(JsonNode node, int position) {
        String label = "#" + (position + 1);
        if (!node.isObject()) {
            throw fail(label, -1, null, "expected a mapping with id, customer and events");
        }
        JsonNode idNode = node.get("id");
        if (idNode == null || !idNode.isTextual() || idNode.asText().isBlank()) {
            throw fail(label, -1, "id", "missing (every scenario needs a short name)");
        }
        String id = idNode.asText();
        unknownFields(node, SCENARIO_FIELDS, id, -1);
        String customer = text(node, "customer", id, -1, true);
        Optional<String> business = Optional.ofNullable(text(node, "business", id, -1, false));
        JsonNode events = node.get("events");
        if (events == null || !events.isArray()) {
            throw fail(id, -1, "events", "expected a list of events");
        }
        List<ScenarioEvent> out = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            out.add(event(events.get(i), id, i));
        }
        return new Scenario(id, customer, business, out);
    }

    private ScenarioEvent event(JsonNode node, String id, int index) {
        if (!node.isObject()) {
            throw fail(id, index, null, "expected a mapping such as {at: ..., in: text} or {at: ..., out: freeform}");
        }
        boolean in = node.has("in");
        boolean out = node.has("out");
        if (in == out) {
            throw fail(id, index, in ? "out" : "in",
                    in ? "an event is either a customer message (in) or a business message (out), not both"
                            : "missing: an event needs 'in' (customer message) or 'out' (business message)");
        }
        unknownFields(node, in ? INBOUND_FIELDS : OUTBOUND_FIELDS, id, index);
        Instant at = instant(node, id, index);
        if (in) {
            String kind = text(node, "in", id, index, true);
            return new ScenarioEvent.Inbound(index, at, kind, bool(node, "referral", id, index, false));
        }
        String outKind = text(node, "out", id, index, true);
        OutboundKind kind;
        if (outKind.equals("freeform")) {
            kind = OutboundKind.FREEFORM;
        } else if (outKind.equals("template")) {
            kind = OutboundKind.TEMPLATE;
        } else {
            throw fail(id, index, "out", "expected freeform or template, found '" + outKind + "'");
        }
        String categoryText = text(node, "category", id, index, false);
        Optional<TemplateCategory> category = Optional.empty();
        if (kind == OutboundKind.TEMPLATE) {
            if (categoryText == null) {
                throw fail(id, index, "category", "missing: a template needs its category (marketing, utility or authentication)");
            }
            try {
                category = Optional.of(TemplateCategory.fromWire(categoryText));
            } catch (IllegalArgumentException e) {
                throw fail(id, index, "category",
                        "expected marketing, utility or authentication, found '" + categoryText + "'");
            }
        } else if (categoryText != null) {
            throw fail(id, index, "category", "only a template has a category");
        }
        boolean delivered = bool(node, "delivered", id, index, true);
        return new ScenarioEvent.Outbound(index, at, kind, category, delivered, expect(node.get("expect"), id, index));
    }

    private Map<String, Object> expect(JsonNode node, String id, int index) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (node == null || node.isNull()) {
            return out;
        }
        if (!node.isObject()) {
            throw fail(id, index, "expect", "expected a mapping of result fields");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String field = e.getKey();
            JsonNode v = e.getValue();
            String where = "expect." + field;
            if (!EXPECTABLE.contains(field)) {
                throw fail(id, index, where, "unknown result field (expected one of " + String.join(", ", sorted(EXPECTABLE)) + ")");
            }
            if (BOOLEAN_FIELDS.contains(field)) {
                if (!v.isBoolean()) {
                    throw fail(id, index, where, "expected true or false, found '" + v.asText() + "'");
                }
                out.put(field, v.booleanValue());
            } else if (field.equals("price")) {
                out.put(field, price(v, id, index, where).toPlainString());
            } else {
                if (!v.isTextual() || v.asText().isBlank()) {
                    throw fail(id, index, where, "expected a word such as " + example(field));
                }
                out.put(field, v.asText());
            }
        }
        return out;
    }

    private BigDecimal price(JsonNode v, String id, int index, String where) {
        if (v.isNumber()) {
            return v.decimalValue();
        }
        if (v.isTextual()) {
            try {
                return new BigDecimal(v.asText().trim());
            } catch (NumberFormatException e) {
                // reported below
            }
        }
        throw fail(id, index, where, "expected a decimal such as \"0.0250\", found '" + v.asText() + "'");
    }

    private Instant instant(JsonNode node, String id, int index) {
        String at = text(node, "at", id, index, true);
        try {
            return Instant.parse(at);
        } catch (DateTimeParseException e) {
            throw fail(id, index, "at", "not an instant: '" + at + "' (expected UTC ISO-8601 such as 2025-09-01T10:00:00Z)");
        }
    }

    private String text(JsonNode node, String field, String id, int index, boolean required) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            if (required) {
                throw fail(id, index, field, "missing");
            }
            return null;
        }
        if (!v.isValueNode() || v.isBoolean() || v.asText().isBlank()) {
            throw fail(id, index, field, "expected a text value");
        }
        return v.asText();
    }

    private boolean bool(JsonNode node, String field, String id, int index, boolean absent) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return absent;
        }
        if (!v.isBoolean()) {
            throw fail(id, index, field, "expected true or false, found '" + v.asText() + "'");
        }
        return v.booleanValue();
    }

    private void unknownFields(JsonNode node, Set<String> known, String id, int index) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!known.contains(name)) {
                throw fail(id, index, name, "unknown field (expected " + String.join(", ", sorted(known)) + ")");
            }
        }
    }

    private ScenarioFormatException fail(String id, int index, String field, String reason) {
        return new ScenarioFormatException(file, id, index, field, reason);
    }

    private static List<String> sorted(Set<String> s) {
        List<String> l = new ArrayList<>(s);
        l.sort(null);
        return l;
    }

    private static String example(String field) {
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
