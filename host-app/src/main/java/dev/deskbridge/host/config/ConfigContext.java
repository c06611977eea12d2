package dev.deskbridge.host.config;

import com.fasterxml.jackson.databind.JsonNode;
import dev.deskbridge.connector.api.config.ConfigProblem;
import dev.deskbridge.connector.api.config.ConfigSpec;
import dev.deskbridge.connector.api.config.Setting;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What the section readers share while one file is read: where problems go, where relative
 * paths resolve, and the binding of a mapping onto a section's record after its spec has
 * checked it. Messages quote a value only when it cannot be a secret.
 */
final class ConfigContext {
    private final ConnectorSpecs specs;
    private final Path baseDir;
    private final Path home;
    private final List<ConfigProblem> problems = new ArrayList<>();

    /** {@code specs} may be null when a single host section is read. */
    ConfigContext(ConnectorSpecs specs, Path baseDir, Path home) {
        this.specs = specs;
        this.baseDir = baseDir;
        this.home = home;
    }

    ConnectorSpecs specs() {
        return specs;
    }

    Path home() {
        return home;
    }

    List<ConfigProblem> problems() {
        return List.copyOf(problems);
    }

    boolean hasProblems() {
        return !problems.isEmpty();
    }

    void problem(String path, String message) {
        problems.add(new ConfigProblem(path, message));
    }

    /**
     * Checks a mapping against its spec and binds the usable values onto {@code type}. Keys in
     * {@code structured} hold lists or mappings and are read by the caller.
     */
    <T> Bound<T> bind(JsonNode node, String path, ConfigSpec spec, Set<String> structured, Class<T> type) {
        Values values = scalars(node, path, structured);
        if (values == null) {
            return new Bound<>(false, ConfigBinding.bind(Map.of(), type));
        }
        boolean valid = check(spec, values, path);
        // Values that pass their own check, defaults applied: range checks still run on them,
        // so one run reports every problem.
        Map<String, String> usable = new LinkedHashMap<>();
        for (Setting setting : spec.settings()) {
            String v = values.single().get(setting.name());
            if (v != null && !v.isBlank()) {
                if (setting.type().check(v, setting.secret()).isEmpty()) {
                    usable.put(setting.name(), v.trim());
                }
            } else {
                setting.defaultValue().ifPresent(d -> usable.put(setting.name(), d));
            }
        }
        return new Bound<>(valid, ConfigBinding.bind(usable, type));
    }

    /** Validates values against a spec, reporting under a path; true when they are all valid. */
    boolean check(ConfigSpec spec, Values values, String path) {
        List<ConfigProblem> found = spec.validate(values.single());
        for (ConfigProblem p : found) {
            // A value that was a list or mapping is already reported; it is not also "required".
            if (!values.notSingle().contains(p.path())) {
                problems.add(new ConfigProblem(Paths.child(path, p.path()), p.message()));
            }
        }
        return found.isEmpty() && values.notSingle().isEmpty();
    }

    /**
     * The values of a mapping.
     *
     * @param single the single values as strings
     * @param notSingle keys whose value is a list or mapping where a single value belongs
     */
    record Values(Map<String, String> single, Set<String> notSingle) {}

    /**
     * The single values of a mapping (absent or null node: none). Reports and returns null when
     * the node is not a mapping; reports values that are lists or mappings.
     */
    Values scalars(JsonNode node, String path, Set<String> structured) {
        Map<String, String> values = new LinkedHashMap<>();
        Set<String> notSingle = new HashSet<>();
        if (node == null || node.isNull()) {
            return new Values(values, notSingle);
        }
        if (!node.isObject()) {
            problem(path, "must be a mapping");
            return null;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (structured.contains(e.getKey()) || e.getValue().isNull()) {
                continue;
            }
            if (!e.getValue().isValueNode()) {
                problem(Paths.child(path, e.getKey()),
                        "must be a single value, not a " + (e.getValue().isArray() ? "list" : "mapping"));
                notSingle.add(e.getKey());
                continue;
            }
            values.put(e.getKey(), e.getValue().asText());
        }
        return new Values(values, notSingle);
    }

    /** A key's value when the node is a mapping and the value is not null. */
    static JsonNode child(JsonNode node, String key) {
        if (node == null || !node.isObject()) {
            return null;
        }
        JsonNode c = node.get(key);
        return c == null || c.isNull() ? null : c;
    }

    /** The integer when within bounds; null otherwise (reported) or when absent. */
    Long between(String path, Long value, long min, long max) {
        if (value != null && (value < min || value > max)) {
            problem(path, "must be between " + min + " and " + max + ", got " + value);
            return null;
        }
        return value;
    }

    /** The duration when positive; null otherwise (reported) or when absent. */
    Duration positive(String path, Duration d) {
        if (d != null && (d.isNegative() || d.isZero())) {
            problem(path, "must be a positive duration");
            return null;
        }
        return d;
    }

    /** Empty when not given, null when given but wrong (reported). */
    Optional<Path> existingFile(String path, String value) {
        if (value == null) {
            return Optional.empty();
        }
        Path p = path(path, value);
        if (p == null) {
            return null;
        }
        if (!Files.isRegularFile(p)) {
            problem(path, "file not found: " + p);
            return null;
        }
        return Optional.of(p);
    }

    /** The value resolved against the configuration file's folder; null when it is no path (reported). */
    Path path(String at, String value) {
        try {
            return baseDir.resolve(value).normalize();
        } catch (InvalidPathException e) {
            problem(at, "not a valid path: '" + value + "'");
            return null;
        }
    }
}
