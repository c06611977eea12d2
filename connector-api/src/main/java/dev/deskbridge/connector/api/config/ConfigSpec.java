package dev.deskbridge.connector.api.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The settings a connector declares, so the host can validate an instance's configuration
 * without starting anything (in the manner of Kafka Connect's {@code ConfigDef}).
 *
 * <p>Validation returns every problem at once, each naming its setting. Secret values never
 * appear in a problem's message.
 *
 * @param settings the declared settings, in the order the reference documents them
 * @param rules checks across settings, run once every setting passes on its own
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
     * Checks raw values against the declared settings.
     *
     * @param raw values as given in the configuration; absent keys are "not given"
     * @return every problem found, in declaration order, then unknown keys, then rule problems
     */
    public List<ConfigProblem> validate(Map<String, String> raw) {
        Objects.requireNonNull(raw, "raw");
        List<ConfigProblem> problems = new ArrayList<>();
        for (Setting s : settings) {
            String value = raw.get(s.name());
            if (value == null || value.isBlank()) {
                if (s.required() && s.defaultValue().isEmpty()) {
                    problems.add(new ConfigProblem(s.name(), "required"));
                }
                continue;
            }
            s.type().check(value, s.secret()).ifPresent(m -> problems.add(new ConfigProblem(s.name(), m)));
        }
        for (String key : raw.keySet()) {
            if (setting(key).isEmpty()) {
                problems.add(new ConfigProblem(key, "unknown setting"));
            }
        }
        if (problems.isEmpty()) {
            Map<String, String> effective = withDefaults(raw);
            for (ConfigRule rule : rules) {
                problems.addAll(rule.check(effective));
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
