package dev.deskbridge.connector.api.config;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * A check across several settings (for example "a subdomain or a URL"). Rules run only after
 * every single setting has passed its own checks, and see the values with defaults applied.
 */
@FunctionalInterface
public interface ConfigRule {

    /** Returns every problem found; an empty list when the values are acceptable. */
    List<ConfigProblem> check(Map<String, String> values);

    /** At least one of the named settings must be given. */
    static ConfigRule atLeastOneOf(String... names) {
        return values -> Arrays.stream(names).anyMatch(values::containsKey)
                ? List.of()
                : List.of(new ConfigProblem(names[0], "required: give one of " + String.join(", ", names)));
    }

    /** At most one of the named settings may be given. */
    static ConfigRule atMostOneOf(String... names) {
        return values -> Arrays.stream(names).filter(values::containsKey).count() > 1
                ? List.of(new ConfigProblem(names[0], "give only one of " + String.join(", ", names)))
                : List.of();
    }

    /** When {@code name} is given, {@code requires} must be given too. */
    static ConfigRule requiresWith(String name, String requires) {
        return values -> values.containsKey(name) && !values.containsKey(requires)
                ? List.of(new ConfigProblem(requires, "required when " + name + " is set"))
                : List.of();
    }
}
