package dev.deskbridge.host.pricing.simulation;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The result of one business message of a scenario: its position and the result fields of
 * RULES.md ({@code allowed}, {@code billable}, {@code category}, {@code type}, {@code market},
 * {@code price}, {@code currency}, or {@code error} and {@code message}), in output order.
 *
 * @param scenario the scenario's id
 * @param event the event's index in the scenario's events list, from 0
 * @param fields the result fields: values are {@code Boolean} or {@code String} (prices as decimal strings)
 */
public record SimulatedResult(String scenario, int event, Map<String, Object> fields) {
    public SimulatedResult {
        Objects.requireNonNull(scenario, "scenario");
        fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }

    /** Scenario, event and the result fields, in the order they are printed. */
    public Map<String, Object> asJsonObject() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("scenario", scenario);
        out.put("event", event);
        out.putAll(fields);
        return out;
    }
}
