package dev.deskbridge.connector.api.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The settings a connector declares, so the host can validate an instance's configuration
 * without starting anything (in the manner of Kafka Connect's {@code ConfigDef}).
 *
 * <p>Validation returns every problem at once, each naming its setting: a setting's problems
 * never hide another's, and rules across settings are reported in the same pass. Secret values
 * never appear in a problem's message.
 *
 * @param settings the declared settings, in the order the reference documents them
 * @param rules checks across settings, each run with the settings that passed their own checks
 */
public record ConfigSpec(List<Setting> settings, List<ConfigRule> rules) {

    public ConfigSpec {
        settings = List.copyOf(Objects.requireNonNull(settings, "settings"));
        rules = List.copyOf(Objects.requireNonNull(rules, "rules"));
        long distinct = settings.stream().map(Setting::name).distinct().count();
        if (distinct != settings.size()) {
            throw new IllegalArgumentException("setting names must be unique");
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The declared setting of that name. */
    public Optional<Setting> setting(String name) {
        return settings.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    /**
     * Checks raw values against the declared settings, in one pass: each setting's type and
     * {@link SettingCheck}s, unknown keys, and the {@link ConfigRule}s, each rule with the values
     * of the settings that passed (see {@link ConfigRule} for when a rule waits).
     *
     * @param raw values as given in the configuration; absent keys are "not given"
     * @return every problem found, in declaration order, then unknown keys, then rule problems
     */
    public List<ConfigProblem> validate(Map<String, String> raw) {
        Objects.requireNonNull(raw, "raw");
        List<ConfigProblem> problems = new ArrayList<>();
        Set<String> failed = new HashSet<>();
        for (Setting s : settings) {
            String value = raw.get(s.name());
            if (value == null || value.isBlank()) {
                if (s.required() && s.defaultValue().isEmpty()) {
                    problems.add(new ConfigProblem(s.name(), "required"));
                    failed.add(s.name());
                }
                continue;
            }
            for (String m : s.problems(value)) {
                problems.add(new ConfigProblem(s.name(), m));
                failed.add(s.name());
            }
        }
        for (String key : raw.keySet()) {
            if (setting(key).isEmpty()) {
                problems.add(new ConfigProblem(key, "unknown setting"));
            }
        }
        Map<String, String> passed = withDefaults(raw);
        passed.keySet().removeAll(failed);
        boolean allPassed = problems.isEmpty();
        for (ConfigRule rule : rules) {
            boolean runs = rule.settings().isEmpty() ? allPassed : rule.settings().stream().noneMatch(failed::contains);
            if (runs) {
                problems.addAll(rule.check(Collections.unmodifiableMap(passed)));
            }
        }
        return List.copyOf(problems);
    }

    /**
     * Validates and returns typed settings.
     *
     * @throws InvalidConfigException carrying every problem, when the values are not valid
     */
    public Settings resolve(Map<String, String> raw) {
        List<ConfigProblem> problems = validate(raw);
        if (!problems.isEmpty()) {
            throw new InvalidConfigException(problems);
        }
        return new Settings(this, withDefaults(raw));
    }

    private Map<String, String> withDefaults(Map<String, String> raw) {
        Map<String, String> values = new LinkedHashMap<>();
        for (Setting s : settings) {
            String value = raw.get(s.name());
            if (value != null && !value.isBlank()) {
                values.put(s.name(), value.trim());
            } else {
                s.defaultValue().ifPresent(d -> values.put(s.name(), d));
            }
        }
        return values;
    }

    /** Collects settings and rules. */
    public static final class Builder {
        private final List<Setting> settings = new ArrayList<>();
        private final List<ConfigRule> rules = new ArrayList<>();

        public Builder add(Setting setting) {
            settings.add(Objects.requireNonNull(setting, "setting"));
            return this;
        }

        public Builder rule(ConfigRule rule) {
            rules.add(Objects.requireNonNull(rule, "rule"));
            return this;
        }

        public ConfigSpec build() {
            return new ConfigSpec(settings, rules);
        }
    }
}
