package dev.deskbridge.host.pricing.simulation;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * A scenario file as Jackson binds it, one level at a time so a problem is told with the scenario
 * and event it is in. Components are null when absent; lists of {@link JsonNode} are bound one
 * by one by the reader. An unknown key is refused by the binding.
 */
final class ScenarioForms {
    private ScenarioForms() {}

    /** The whole file. */
    record FileForm(List<JsonNode> scenarios) {}

    /** One scenario. */
    record ScenarioForm(String id, String customer, String business, List<JsonNode> events) {}

    /** A customer message: {@code {at: ..., in: text, referral: true}}. */
    record InboundForm(String at, String in, Boolean referral) {}

    /** A business message: {@code {at: ..., out: template, category: utility, expect: {...}}}. */
    record OutboundForm(String at, String out, String category, Boolean delivered, ExpectForm expect) {}

    /** The result fields an outbound event checks; {@code price} is a number or its text. */
    record ExpectForm(Boolean allowed, Boolean billable, String category, String type, String market,
            JsonNode price, String currency, String error) {}
}
