package dev.deskbridge.host.config;

import dev.deskbridge.connector.api.config.ConfigProblem;
import dev.deskbridge.connector.api.config.InvalidConfigException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of reading and validating a configuration: the configuration when it is valid,
 * otherwise every problem found, each with its path. Messages never contain a secret value.
 *
 * @param config present exactly when there are no problems
 * @param problems every problem, in file order
 */
public record ConfigResult(Optional<DeskBridgeConfig> config, List<ConfigProblem> problems) {
    public ConfigResult {
        Objects.requireNonNull(config, "config");
        problems = List.copyOf(Objects.requireNonNull(problems, "problems"));
        if (config.isPresent() != problems.isEmpty()) {
            throw new IllegalArgumentException("a result has a config or problems, not both");
        }
    }

    public boolean valid() {
        return problems.isEmpty();
    }

    /**
     * The configuration.
     *
     * @throws InvalidConfigException carrying every problem, when it is not valid
     */
    public DeskBridgeConfig orThrow() {
        return config.orElseThrow(() -> new InvalidConfigException(problems));
    }
}
