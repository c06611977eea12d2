package dev.deskbridge.host.config.answering;

import com.fasterxml.jackson.databind.JsonNode;
import dev.deskbridge.connector.api.config.ConfigProblem;
import dev.deskbridge.connector.api.config.Durations;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/** Where the answering readers report problems, and whether any was reported; the checks they share. */
final class ReadProblems {
    private final Consumer<ConfigProblem> problems;
    private boolean ok = true;

    ReadProblems(Consumer<ConfigProblem> problems) {
        this.problems = problems;
    }

    boolean ok() {
        return ok;
    }

    Optional<Duration> duration(JsonNode node, String at) {
        try {
            Duration d = Durations.parse(node.asText());
            if (!d.isNegative() && !d.isZero()) {
                return Optional.of(d);
            }
        } catch (RuntimeException e) {
            // reported below
        }
        problem(at, "must be a positive duration such as 30m, 1h or PT1H, got '" + node.asText() + "'");
        return Optional.empty();
    }

    /**
     * Whether {@code node} is a mapping, to be read further; keys other than {@code known} (any
     * keys when null) are reported, and the known ones still read, so one run tells everything.
     */
    boolean mapping(JsonNode node, String at, Set<String> known) {
        if (!node.isObject()) {
            problem(at, "must be a mapping" + (known == null ? "" : " with " + String.join(", ", sorted(known))));
            return false;
        }
        if (known != null) {
            for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
                String key = it.next();
                if (!known.contains(key)) {
                    problem(at + "." + key, "unknown setting; expected one of " + String.join(", ", sorted(known)));
                }
            }
        }
        return true;
    }

    private static List<String> sorted(Set<String> keys) {
        return keys.stream().sorted().toList();
    }

    static boolean present(JsonNode node) {
        return node != null && !node.isNull() && !node.isMissingNode();
    }

    void problem(String path, String message) {
        ok = false;
        problems.accept(new ConfigProblem(path, message));
    }
}
