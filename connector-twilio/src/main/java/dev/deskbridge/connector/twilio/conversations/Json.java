package dev.deskbridge.connector.twilio.conversations;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.deskbridge.connector.api.pricing.Money;
import java.util.Optional;

/** The JSON plumbing of Twilio's string-typed {@code Attributes}. */
final class Json {
    static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {}

    /** The attributes as an object; empty when absent, not JSON, or not an object. */
    static Optional<ObjectNode> object(String json) {
        if (json == null || json.isBlank()) {
            return Optional.empty();
        }
        try {
            JsonNode node = MAPPER.readTree(json);
            return node instanceof ObjectNode o ? Optional.of(o) : Optional.empty();
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }

    static String write(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serializes", e);
        }
    }

    static ObjectNode money(Money m) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("amount", m.amount().stripTrailingZeros().toPlainString()); // 0.010 and 0.01 are one amount
        n.put("currency", m.currency().getCurrencyCode());
        return n;
    }
}
