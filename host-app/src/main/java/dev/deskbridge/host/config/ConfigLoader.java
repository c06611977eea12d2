package dev.deskbridge.host.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.deskbridge.connector.api.config.ConfigProblem;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Reads a YAML configuration file and substitutes {@code ${NAME}} / {@code ${NAME:-default}}
 * from the environment.
 *
 * <p>Substitution happens in each value after the YAML structure is read, so a secret holding
 * YAML characters ({@code #}, {@code :}, quotes) is taken literally and can never change the
 * file's structure or appear in a syntax error. Syntax errors are reported with line and column
 * only: the offending text is never quoted, as it may be a secret written inline.
 */
public final class ConfigLoader {
    private static final ObjectMapper YAML = new ObjectMapper(YAMLFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build());

    private final EnvSubstitution substitution;
    private final Path home;

    /**
     * @param env where environment references are looked up
     * @param home the DeskBridge home; the default plugins folder is {@code home/plugins}
     */
    public ConfigLoader(EnvLookup env, Path home) {
        this.substitution = new EnvSubstitution(env);
        this.home = Objects.requireNonNull(home, "home").toAbsolutePath().normalize();
    }

    /** A loader using the process environment and {@link DeskBridgeHome#dir()}. */
    public static ConfigLoader fromSystem() {
        return new ConfigLoader(EnvLookup.system(), DeskBridgeHome.dir());
    }

    /** Reads a file; relative paths inside it are resolved against the file's folder. */
    public ConfigSource read(Path file) {
        Path absolute = file.toAbsolutePath().normalize();
        String text;
        try {
            text = Files.readString(absolute, StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            return ConfigSource.unreadable(List.of(new ConfigProblem(file.toString(),
                    "cannot read the configuration file (" + e.getClass().getSimpleName() + ")")), home);
        }
        return parse(text, absolute.getParent() == null ? home : absolute.getParent());
    }

    /**
     * Reads configuration text.
     *
     * @param baseDir the folder relative paths inside the text are resolved against
     */
    public ConfigSource parse(String yaml, Path baseDir) {
        Objects.requireNonNull(yaml, "yaml");
        Objects.requireNonNull(baseDir, "baseDir");
        JsonNode root;
        try {
            root = YAML.readTree(yaml);
        } catch (JsonProcessingException e) {
            return ConfigSource.unreadable(List.of(syntaxProblem(e)), home);
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            root = JsonNodeFactory.instance.objectNode();
        }
        List<ConfigProblem> problems = new ArrayList<>();
        Map<String, String> taken = new java.util.HashMap<>();
        JsonNode substituted = substitute(root, "", problems, taken);
        return new ConfigSource(substituted, problems, baseDir.toAbsolutePath().normalize(), home, taken);
    }

    private JsonNode substitute(JsonNode node, String path, List<ConfigProblem> problems, Map<String, String> taken) {
        if (node.isTextual()) {
            return TextNode.valueOf(substitution.substitute(node.textValue(), path, problems, taken));
        }
        if (node.isObject()) {
            ObjectNode copy = JsonNodeFactory.instance.objectNode();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                copy.set(e.getKey(), substitute(e.getValue(), Paths.child(path, e.getKey()), problems, taken));
            }
            return copy;
        }
        if (node.isArray()) {
            ArrayNode copy = JsonNodeFactory.instance.arrayNode();
            for (int i = 0; i < node.size(); i++) {
                copy.add(substitute(node.get(i), Paths.index(path, i), problems, taken));
            }
            return copy;
        }
        return node;
    }

    private static ConfigProblem syntaxProblem(JsonProcessingException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof MarkedYAMLException) {
                MarkedYAMLException y = (MarkedYAMLException) t;
                Mark mark = y.getProblemMark() != null ? y.getProblemMark() : y.getContextMark();
                String what = y.getProblem() == null ? "invalid YAML" : y.getProblem();
                if (y.getContext() != null) {
                    what = what + " (" + y.getContext() + ")";
                }
                return mark == null
                        ? new ConfigProblem("yaml", what)
                        : new ConfigProblem(at(mark.getLine() + 1, mark.getColumn() + 1), what);
            }
        }
        JsonLocation where = e.getLocation();
        String what = e.getOriginalMessage() == null ? "invalid YAML" : firstLine(e.getOriginalMessage());
        return where == null || where.getLineNr() < 1
                ? new ConfigProblem("yaml", what)
                : new ConfigProblem(at(where.getLineNr(), where.getColumnNr()), what);
    }

    private static String at(int line, int column) {
        return "line " + line + ", column " + column;
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
