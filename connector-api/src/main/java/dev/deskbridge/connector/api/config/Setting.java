package dev.deskbridge.connector.api.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One declared setting of a connector instance.
 *
 * @param name the key under the instance's {@code config:} map
 * @param type how the raw value is checked and read
 * @param required whether a value (or a default) must be present
 * @param defaultValue the value used when none is given
 * @param secret whether the value is a credential: it is masked everywhere it could be shown
 * @param description one sentence for the configuration reference
 * @param checks checks of the value beyond its type, each run on a value the type accepted
 */
public record Setting(
        String name,
        SettingType type,
        boolean required,
        Optional<String> defaultValue,
        boolean secret,
        String description,
        List<SettingCheck> checks) {

    public Setting {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(defaultValue, "defaultValue");
        Objects.requireNonNull(description, "description");
        checks = List.copyOf(Objects.requireNonNull(checks, "checks"));
        if (name.isBlank()) {
            throw new IllegalArgumentException("setting name must not be blank");
        }
        for (SettingCheck c : checks) {
            if (!c.appliesTo(type)) {
                throw new IllegalArgumentException("setting " + name + " is " + type + ": check '" + c + "' does not apply");
            }
        }
        List<SettingCheck> declared = checks;
        defaultValue.ifPresent(d -> problems(type, secret, declared, d).stream().findFirst().ifPresent(problem -> {
            throw new IllegalArgumentException("default of setting " + name + " " + problem);
        }));
    }

    /** A setting without checks beyond its type. */
    public Setting(String name, SettingType type, boolean required, Optional<String> defaultValue, boolean secret,
            String description) {
        this(name, type, required, defaultValue, secret, description, List.of());
    }

    /** A setting that must be given. */
    public static Setting required(String name, SettingType type, String description) {
        return new Setting(name, type, true, Optional.empty(), false, description);
    }

    /** A setting that may be left out. */
    public static Setting optional(String name, SettingType type, String description) {
        return new Setting(name, type, false, Optional.empty(), false, description);
    }

    /** A setting with a default value. */
    public static Setting withDefault(String name, SettingType type, String defaultValue, String description) {
        return new Setting(name, type, false, Optional.of(defaultValue), false, description);
    }

    /** This setting, marked as a secret. */
    public Setting asSecret() {
        return new Setting(name, type, required, defaultValue, true, description, checks);
    }

    /** This setting with one more check of its value ({@code .check(SettingCheck.range(1, 1000))}). */
    public Setting check(SettingCheck check) {
        List<SettingCheck> more = new ArrayList<>(checks);
        more.add(Objects.requireNonNull(check, "check"));
        return new Setting(name, type, required, defaultValue, secret, description, more);
    }

    /**
     * What is wrong with a given (non-blank) value: its type's problem, or else every failed
     * check's. Empty when the value is acceptable.
     */
    public List<String> problems(String value) {
        return problems(type, secret, checks, value);
    }

    private static List<String> problems(SettingType type, boolean secret, List<SettingCheck> checks, String value) {
        Optional<String> typeProblem = type.check(value, secret);
        if (typeProblem.isPresent()) {
            return List.of(typeProblem.get());
        }
        List<String> found = new ArrayList<>();
        for (SettingCheck c : checks) {
            c.check(value, secret).ifPresent(found::add);
        }
        return List.copyOf(found);
    }
}
