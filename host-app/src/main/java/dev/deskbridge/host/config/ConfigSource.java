package dev.deskbridge.host.config;

import com.fasterxml.jackson.databind.JsonNode;
import dev.deskbridge.connector.api.config.ConfigProblem;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A configuration file that has been read (YAML parsed, environment substituted) but not yet
 * validated. The plugins section can be read first, so the plugins it names can be loaded
 * before the connector instances are validated against their specs.
 */
public final class ConfigSource {
    private final JsonNode root;
    private final List<ConfigProblem> readProblems;
    private final Path baseDir;
    private final Path home;

    /** Environment values the file took (tokens and other long ones), each with the reference it came from. */
    private final Map<String, String> taken;

    ConfigSource(JsonNode root, List<ConfigProblem> readProblems, Path baseDir, Path home, Map<String, String> taken) {
        this.root = root;
        this.readProblems = List.copyOf(readProblems);
        this.baseDir = Objects.requireNonNull(baseDir, "baseDir");
        this.home = Objects.requireNonNull(home, "home");
        this.taken = Map.copyOf(taken);
    }

    static ConfigSource unreadable(List<ConfigProblem> problems, Path home) {
        return new ConfigSource(null, problems, home, home, Map.of());
    }

    /** Problems found while reading: unreadable file, YAML syntax, unset environment variables. */
    public List<ConfigProblem> readProblems() {
        return readProblems;
    }

    /**
     * The plugins section, read leniently: defaults where it is missing or wrong, invalid
     * trusted digests dropped (so fewer files are trusted, never more). {@link #validate}
     * reports its problems.
     */
    public PluginsConfig plugins() {
        return PluginsSection.read(root == null ? null : root.get("plugins"), section());
    }

    /**
     * The database section alone, for commands that only need the store (dead letters); empty
     * when it is invalid. {@link #validate} reports its problems.
     */
    public Optional<DatabaseConfig> database() {
        return Optional.ofNullable(DatabaseSection.read(root == null ? null : root.get("database"), section()));
    }

    /** The pricing section alone, for commands that price without running (cost reports); empty when invalid. */
    public Optional<PricingConfig> pricing() {
        return Optional.ofNullable(PricingSection.read(root == null ? null : root.get("pricing"), section()));
    }

    /** The engine section alone (the window-closing warning lead of reports); empty when invalid. */
    public Optional<EngineConfig> engine() {
        return Optional.ofNullable(EngineSection.read(root == null ? null : root.get("engine"), section()));
    }

    /** Where a single section read on its own reports (its problems are reported by {@link #validate}). */
    private ConfigContext section() {
        return new ConfigContext(null, baseDir, home);
    }

    /**
     * Each route's hours, automatic answers and response target, by channel id, read leniently
     * (a route whose part is invalid counts as having none), for commands that report without
     * running ({@code deskbridge stats}). {@link #validate} reports the problems.
     */
    public java.util.Map<String, dev.deskbridge.host.config.answering.Answering> answering() {
        java.util.Map<String, dev.deskbridge.host.config.answering.Answering> out = new java.util.HashMap<>();
        JsonNode routes = root == null ? null : root.get("routes");
        if (routes != null && routes.isArray()) {
            for (int i = 0; i < routes.size(); i++) {
                JsonNode route = routes.get(i);
                if (route.isObject() && route.path("channel").isTextual()) {
                    out.put(route.get("channel").asText(), dev.deskbridge.host.config.answering.AnsweringReader
                            .read(route, "routes[" + i + "]", p -> { })
                            .orElse(dev.deskbridge.host.config.answering.Answering.NONE));
                }
            }
        }
        return out;
    }

    /**
     * Validates everything: host settings, each channel's and CRM's {@code config:} against its
     * type's spec, ids, routes.
     *
     * @param specs the connector types available (the plugin registry)
     */
    public ConfigResult validate(ConnectorSpecs specs) {
        Objects.requireNonNull(specs, "specs");
        if (root == null) {
            return new ConfigResult(Optional.empty(), readProblems);
        }
        ConfigReader reader = new ConfigReader(specs, baseDir, home);
        Optional<DeskBridgeConfig> config = reader.read(root);
        // A value whose variable is unset is reported once, by its substitution problem.
        Set<String> reported = readProblems.stream().map(ConfigProblem::path).collect(Collectors.toSet());
        List<ConfigProblem> all = new ArrayList<>(readProblems);
        reader.problems().stream().filter(p -> !reported.contains(p.path())).forEach(all::add);
        if (all.isEmpty()) {
            return new ConfigResult(config, List.of());
        }
        // In the order of the file, so the list can be worked through top to bottom.
        Map<String, Integer> positions = new HashMap<>();
        number(root, "", positions);
        all.sort(Comparator.comparingInt(p -> position(positions, p.path())));
        return new ConfigResult(Optional.empty(), all.stream().map(this::withoutTakenValues).toList());
    }

    /**
     * The problem with every environment value it quotes shown as its reference: a secret put into a
     * setting that is not secret (say {@code engine.workers: ${ADMIN_TOKEN}}) would otherwise be
     * printed where a value is quoted, in the terminal and the CI logs {@code config validate} runs in.
     */
    private ConfigProblem withoutTakenValues(ConfigProblem p) {
        String message = p.message();
        // Longest first, so a value holding another is shown whole.
        List<String> values = taken.keySet().stream().sorted(Comparator.comparingInt(String::length).reversed())
                .toList();
        for (String value : values) {
            message = message.replace(value, taken.get(value));
        }
        return message.equals(p.message()) ? p : new ConfigProblem(p.path(), message);
    }

    /** Numbers every path of the document in reading order. */
    private static void number(JsonNode node, String path, Map<String, Integer> positions) {
        positions.put(path, positions.size());
        if (node.isObject()) {
            node.fields().forEachRemaining(e -> number(e.getValue(), Paths.child(path, e.getKey()), positions));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                number(node.get(i), Paths.index(path, i), positions);
            }
        }
    }

    /** The position of a path, or of its nearest ancestor in the document (a missing setting). */
    private static int position(Map<String, Integer> positions, String path) {
        String p = path;
        while (!p.isEmpty()) {
            Integer at = positions.get(p);
            if (at != null) {
                return at;
            }
            p = p.substring(0, Math.max(0, Math.max(p.lastIndexOf('.'), p.lastIndexOf('['))));
        }
        return Integer.MAX_VALUE;
    }
}
