package dev.deskbridge.host.pricing.simulation;

import java.util.Objects;
import java.util.Optional;

/** A scenario file is malformed: says which file, scenario, event and field, and what is wrong. */
public final class ScenarioFormatException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String file;
    private final String scenario;
    private final String field;

    /**
     * @param scenario the scenario's id (or {@code #n} when it has none), null for the file as a whole
     * @param event the event's index in its scenario, or -1
     * @param field the offending field, null when none
     */
    public ScenarioFormatException(String file, String scenario, int event, String field, String reason) {
        super(describe(file, scenario, event, field) + ": " + reason);
        this.file = Objects.requireNonNull(file, "file");
        this.scenario = scenario;
        this.field = field;
    }

    public String file() {
        return file;
    }

    public Optional<String> scenario() {
        return Optional.ofNullable(scenario);
    }

    public Optional<String> field() {
        return Optional.ofNullable(field);
    }

    private static String describe(String file, String scenario, int event, String field) {
        StringBuilder b = new StringBuilder(file);
        if (scenario != null) {
            b.append(": scenario '").append(scenario).append('\'');
        }
        if (event >= 0) {
            b.append(", event ").append(event);
        }
        if (field != null) {
            b.append(", field '").append(field).append('\'');
        }
        return b.toString();
    }
}
