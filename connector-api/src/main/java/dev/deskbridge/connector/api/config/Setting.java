package dev.deskbridge.connector.api.config;

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
 */
public record Setting(
        String name,
        SettingType type,
        boolean required,
        Optional<String> defaultValue,
        boolean secret,
        String description) {

    public Setting {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(defaultValue, "defaultValue");
        Objects.requireNonNull(description, "description");
        if (name.isBlank()) {
            throw new IllegalArgumentException("setting name must not be blank");
        }
        defaultValue.ifPresent(d -> type.check(d, secret).ifPresent(problem -> {
            throw new IllegalArgumentException("default of setting " + name + " " + problem);
        }));
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
        return new Setting(name, type, required, defaultValue, true, description);
    }
}
