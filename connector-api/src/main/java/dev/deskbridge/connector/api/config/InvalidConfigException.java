package dev.deskbridge.connector.api.config;

import java.util.List;
import java.util.stream.Collectors;

/** Thrown when a configuration does not satisfy its {@link ConfigSpec}. Carries every problem. */
public final class InvalidConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final List<ConfigProblem> problems;

    public InvalidConfigException(List<ConfigProblem> problems) {
        super(problems.stream().map(ConfigProblem::toString).collect(Collectors.joining("; ")));
        this.problems = List.copyOf(problems);
    }

    public List<ConfigProblem> problems() {
        return problems;
    }
}
