package dev.deskbridge.host.pricing.simulation;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.deskbridge.connector.api.pricing.OutboundKind;
import dev.deskbridge.connector.api.pricing.TemplateCategory;
import dev.deskbridge.host.pricing.simulation.ScenarioForms.ExpectForm;
import dev.deskbridge.host.pricing.simulation.ScenarioForms.FileForm;
import dev.deskbridge.host.pricing.simulation.ScenarioForms.InboundForm;
import dev.deskbridge.host.pricing.simulation.ScenarioForms.OutboundForm;
import dev.deskbridge.host.pricing.simulation.ScenarioForms.ScenarioForm;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a scenario file in the format of RULES.md onto {@link ScenarioForms} by Jackson, and
 * refuses anything it does not understand (an unknown field, a bad instant, an event that is
 * neither {@code in} nor {@code out}, a template without category, ...) with the file, scenario
 * id, event and field.
 */
public final class ScenarioFileReader {

    private final String file;
    private final ScenarioBinding binding;

    private ScenarioFileReader(String file) {
        this.file = file;
        this.binding = new ScenarioBinding(file);
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
            root = ScenarioBinding.YAML.readTree(in);
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
        FileForm form = binding.bind(root, FileForm.class, null, -1);
        if (form.scenarios() == null) {
            throw fail(null, -1, "scenarios", "expected a list of scenarios");
        }
        List<Scenario> out = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < form.scenarios().size(); i++) {
            Scenario s = scenario(form.scenarios().get(i), i);
            if (!ids.add(s.id())) {
                throw fail(s.id(), -1, "id", "two scenarios have this id");
            }
            out.add(s);
        }
        return out;
    }

    private Scenario scenario(JsonNode node, int position) {
        String label = "#" + (position + 1);
        if (node == null || !node.isObject()) {
            throw fail(label, -1, null, "expected a mapping with id, customer and events");
        }
        // The id names the scenario in every later message, so it is looked at before binding.
        JsonNode idNode = node.get("id");
        if (idNode == null || !idNode.isTextual() || idNode.asText().isBlank()) {
            throw fail(label, -1, "id", "missing (every scenario needs a short name)");
        }
        String id = idNode.asText();
        ScenarioForm form = binding.bind(node, ScenarioForm.class, id, -1);
        String customer = text(form.customer(), "customer", id, -1, true);
        Optional<String> business = Optional.ofNullable(text(form.business(), "business", id, -1, false));
        if (form.events() == null) {
            throw fail(id, -1, "events", "expected a list of events");
        }
        List<ScenarioEvent> out = new ArrayList<>();
        for (int i = 0; i < form.events().size(); i++) {
            out.add(event(form.events().get(i), id, i));
        }
        return new Scenario(id, customer, business, out);
    }

    private ScenarioEvent event(JsonNode node, String id, int index) {
        if (node == null || !node.isObject()) {
            throw fail(id, index, null, "expected a mapping such as {at: ..., in: text} or {at: ..., out: freeform}");
        }
        boolean in = node.has("in");
        if (in == node.has("out")) {
            throw fail(id, index, in ? "out" : "in",
                    in ? "an event is either a customer message (in) or a business message (out), not both"
                            : "missing: an event needs 'in' (customer message) or 'out' (business message)");
        }
        if (in) {
            InboundForm form = binding.bind(node, InboundForm.class, id, index);
            Instant at = instant(form.at(), id, index);
            return new ScenarioEvent.Inbound(index, at, text(form.in(), "in", id, index, true),
                    Boolean.TRUE.equals(form.referral()));
        }
        OutboundForm form = binding.bind(node, OutboundForm.class, id, index);
        Instant at = instant(form.at(), id, index);
        String outKind = text(form.out(), "out", id, index, true);
        OutboundKind kind;
        if (outKind.equals("freeform")) {
            kind = OutboundKind.FREEFORM;
        } else if (outKind.equals("template")) {
            kind = OutboundKind.TEMPLATE;
        } else {
            throw fail(id, index, "out", "expected freeform or template, found '" + outKind + "'");
        }
        String categoryText = text(form.category(), "category", id, index, false);
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
        boolean delivered = form.delivered() == null || form.delivered();
        return new ScenarioEvent.Outbound(index, at, kind, category, delivered, expect(form.expect(), id, index));
    }

    /** The fields given, in the order of {@link ScenarioForms.ExpectForm}. */
    private Map<String, Object> expect(ExpectForm form, String id, int index) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (form == null) {
            return out;
        }
        putIfGiven(out, "allowed", form.allowed());
        putIfGiven(out, "billable", form.billable());
        putWord(out, "category", form.category(), id, index);
        putWord(out, "type", form.type(), id, index);
        putWord(out, "market", form.market(), id, index);
        if (form.price() != null && !form.price().isNull()) {
            out.put("price", price(form.price(), id, index).toPlainString());
        }
        putWord(out, "currency", form.currency(), id, index);
        putWord(out, "error", form.error(), id, index);
        return out;
    }

    private static void putIfGiven(Map<String, Object> out, String field, Boolean value) {
        if (value != null) {
            out.put(field, value);
        }
    }

    private void putWord(Map<String, Object> out, String field, String value, String id, int index) {
        if (value == null) {
            return;
        }
        if (value.isBlank()) {
            throw fail(id, index, "expect." + field, "expected a word such as " + ScenarioBinding.example(field));
        }
        out.put(field, value);
    }

    private BigDecimal price(JsonNode v, String id, int index) {
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
        throw fail(id, index, "expect.price", "expected a decimal such as \"0.0250\", found '" + v.asText() + "'");
    }

    private Instant instant(String text, String id, int index) {
        String at = text(text, "at", id, index, true);
        try {
            return Instant.parse(at);
        } catch (DateTimeParseException e) {
            throw fail(id, index, "at", "not an instant: '" + at + "' (expected UTC ISO-8601 such as 2025-09-01T10:00:00Z)");
        }
    }

    private String text(String value, String field, String id, int index, boolean required) {
        if (value == null) {
            if (required) {
                throw fail(id, index, field, "missing");
            }
            return null;
        }
        if (value.isBlank()) {
            throw fail(id, index, field, "expected a text value");
        }
        return value;
    }

    private ScenarioFormatException fail(String id, int index, String field, String reason) {
        return new ScenarioFormatException(file, id, index, field, reason);
    }
}
