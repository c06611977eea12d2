package dev.deskbridge.connector.api.config;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A check across several settings (for example "a subdomain or a URL"). It sees the values with
 * defaults applied, leaving out every setting that has a problem of its own, and is reported in the
 * same pass as those problems. A rule that names its {@link #settings()} is skipped when one of them
 * has a problem of its own (its finding would be about a value already reported); a rule that names
 * none runs only once every setting has passed. Declare a setting's own format as a
 * {@link SettingCheck}, not as a rule.
 */
@FunctionalInterface
public interface ConfigRule {

    /** Returns every problem found; an empty list when the values are acceptable. */
    List<ConfigProblem> check(Map<String, String> values);

    /** What the rule asks, for the configuration reference. */
    default String description() {
        return "a check across settings";
    }

    /** The settings the rule reads; empty when it does not say (it then waits for every setting to pass). */
    default List<String> settings() {
        return List.of();
    }

    /** A rule of your own, described for the reference, reading the named settings. */
    static ConfigRule of(String description, ConfigRule check, String... settings) {
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(check, "check");
        List<String> names = List.of(settings);
        return new ConfigRule() {
            @Override
            public List<ConfigProblem> check(Map<String, String> values) {
                return check.check(values);
            }

            @Override
            public String description() {
                return description;
            }

            @Override
            public List<String> settings() {
                return names;
            }
        };
    }

    /** At least one of the named settings must be given. */
    static ConfigRule atLeastOneOf(String... names) {
        return of("give at least one of " + String.join(", ", names),
                values -> Arrays.stream(names).anyMatch(values::containsKey)
                        ? List.of()
                        : List.of(new ConfigProblem(names[0], "required: give one of " + String.join(", ", names))),
                names);
    }

    /** At most one of the named settings may be given. */
    static ConfigRule atMostOneOf(String... names) {
        return of("give at most one of " + String.join(", ", names),
                values -> Arrays.stream(names).filter(values::containsKey).count() > 1
                        ? List.of(new ConfigProblem(names[0], "give only one of " + String.join(", ", names)))
                        : List.of(),
                names);
    }

    /** When {@code name} is given, {@code requires} must be given too. */
    static ConfigRule requiresWith(String name, String requires) {
        return of(requires + " is required when " + name + " is set",
                values -> values.containsKey(name) && !values.containsKey(requires)
                        ? List.of(new ConfigProblem(requires, "required when " + name + " is set"))
                        : List.of(),
                name, requires);
    }
}
