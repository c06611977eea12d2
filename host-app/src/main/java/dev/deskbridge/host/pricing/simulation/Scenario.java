package dev.deskbridge.host.pricing.simulation;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One scenario of a scenario file: a conversation with one customer and its events in arrival order.
 *
 * @param id the scenario's short name
 * @param customer the customer's number as written (an invalid one yields {@code invalid_number} results)
 * @param business the business number the free service allowance is counted for, if given
 * @param events the events in arrival order
 */
public record Scenario(String id, String customer, Optional<String> business, List<ScenarioEvent> events) {
    public Scenario {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(customer, "customer");
        Objects.requireNonNull(business, "business");
        events = List.copyOf(events);
    }
}
