package dev.deskbridge.host.config;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Where {@code ${NAME}} references in a configuration are looked up. The process environment in
 * production; a map in tests, so no test depends on the machine's environment.
 */
@FunctionalInterface
public interface EnvLookup {

    /** The variable's value, or empty when it is not set. */
    Optional<String> get(String name);

    /** The process environment. */
    static EnvLookup system() {
        return name -> Optional.ofNullable(System.getenv(name));
    }

    /** A fixed set of variables. */
    static EnvLookup of(Map<String, String> variables) {
        Map<String, String> copy = Map.copyOf(Objects.requireNonNull(variables, "variables"));
        return name -> Optional.ofNullable(copy.get(name));
    }
}
