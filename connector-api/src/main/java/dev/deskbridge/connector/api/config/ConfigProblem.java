package dev.deskbridge.connector.api.config;

import java.util.Objects;

/**
 * One problem found while validating a configuration.
 *
 * @param path the setting's name, or a longer path once the host prefixes it
 *     ({@code crms[0].config.token})
 * @param message what is wrong; never contains a secret value
 */
public record ConfigProblem(String path, String message) {
    public ConfigProblem {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(message, "message");
    }

    /** The same problem under a parent path. */
    public ConfigProblem under(String prefix) {
        return new ConfigProblem(prefix + "." + path, message);
    }

    @Override
    public String toString() {
        return path + ": " + message;
    }
}
