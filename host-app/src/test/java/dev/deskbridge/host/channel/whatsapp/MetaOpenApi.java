package dev.deskbridge.host.channel.whatsapp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactoryBuilder;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.yaml.snakeyaml.LoaderOptions;

/**
 * Meta's OpenAPI 3.1 description of the WhatsApp Business Platform (the copy under
 * {@code specs/meta/}), able to say whether an HTTP request is one the description accepts:
 * path and method, header, query and path parameters, content type and JSON body (JSON Schema
 * 2020-12, as OpenAPI 3.1 uses). Corrections of the description's own contradictions are listed in
 * {@link MetaSpecErrata}.
 */
final class MetaOpenApi {
    static final String RESOURCE = "/specs/meta/business-messaging-api_v23.0.yaml";
    private static final String DOC_IRI = "https://deskbridge.test/specs/meta/business-messaging-api.json";
    private static volatile MetaOpenApi shared;

    /** One HTTP request as a client sent it. */
    record Call(String method, String path, Map<String, List<String>> query, Map<String, List<String>> headers,
            byte[] body) {
        Optional<String> header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .flatMap(e -> e.getValue().stream()).findFirst();
        }
    }

    private final JsonNode raw;
    private final ObjectNode spec;
    private final List<String> errata;
    private final JsonSchemaFactory factory;
    private final SchemaValidatorsConfig config;
    private final Map<String, JsonSchema> schemas = new ConcurrentHashMap<>();
    private final ObjectMapper json = new ObjectMapper();

    private MetaOpenApi(JsonNode raw, boolean corrected) {
        this.raw = raw;
        this.spec = raw.deepCopy();
        this.errata = corrected ? MetaSpecErrata.apply(spec) : List.of();
        String document = spec.toString();
        this.factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012,
                b -> b.schemaLoaders(l -> l.schemas(Map.of(DOC_IRI, document))));
        this.config = SchemaValidatorsConfig.builder().pathType(com.networknt.schema.PathType.JSON_POINTER).build();
    }

    /** The description, parsed once per test run. */
    static MetaOpenApi load() {
        MetaOpenApi s = shared;
        if (s == null) {
            synchronized (MetaOpenApi.class) {
                if (shared == null) {
                    shared = new MetaOpenApi(readYaml(), true);
                }
                s = shared;
            }
        }
        return s;
    }

    /** The description exactly as published, without {@link MetaSpecErrata}: to show what each correction is for. */
    static MetaOpenApi uncorrected() {
        return new MetaOpenApi(readYaml(), false);
    }

    /** The description exactly as published, for walking its examples. */
    JsonNode raw() {
        return raw;
    }

    List<String> errata() {
        return errata;
    }

    static JsonNode readYaml() {
        LoaderOptions options = new LoaderOptions();
        options.setCodePointLimit(16 * 1024 * 1024);
        ObjectMapper yaml = new ObjectMapper(new YAMLFactoryBuilder(new YAMLFactory()).loaderOptions(options).build());
        try (InputStream in = MetaOpenApi.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("test resource missing: " + RESOURCE);
            }
            return yaml.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The operations whose path template matches, with their problems; an empty problem list accepts. */
    Map<String, List<String>> check(Call call) {
        Map<String, List<String>> byOperation = new LinkedHashMap<>();
        String method = call.method().toLowerCase(Locale.ROOT);
        List<String> templates = bestTemplates(call.path());
        for (String template : templates) {
            JsonNode op = spec.path("paths").path(template).path(method);
            if (op.isObject()) {
                byOperation.put(op.path("operationId").asText(method + " " + template),
                        checkParametersAndBody(template, method, call, true));
            }
        }
        if (byOperation.isEmpty()) {
            byOperation.put("(none)", List.of("no operation of the description matches " + call.method() + " "
                    + call.path() + " (templates tried: " + templates + ")"));
        }
        return byOperation;
    }

    /** Problems of a call against one named operation, wherever its path (for opaque URLs Meta hands out). */
    List<String> checkAs(String operationId, Call call) {
        for (Iterator<Map.Entry<String, JsonNode>> it = spec.path("paths").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> path = it.next();
            for (Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields(); ops.hasNext(); ) {
                Map.Entry<String, JsonNode> op = ops.next();
                if (operationId.equals(op.getValue().path("operationId").asText())) {
                    if (!op.getKey().equalsIgnoreCase(call.method())) {
                        return List.of(operationId + " is a " + op.getKey().toUpperCase(Locale.ROOT) + ", not a "
                                + call.method());
                    }
                    return checkParametersAndBody(path.getKey(), op.getKey(), call, false);
                }
            }
        }
        throw new IllegalArgumentException("no operation " + operationId + " in the description");
    }

    /**
     * Problems of a call; empty when at least one matching operation accepts it. Ambiguous path
     * templates ({@code /{Version}/{Media-ID}} and {@code /{Version}/{Business-ID}} look alike) are
     * all tried.
     */
    List<String> problems(Call call) {
        Map<String, List<String>> results = check(call);
        if (results.values().stream().anyMatch(List::isEmpty)) {
            return List.of();
        }
        List<String> all = new ArrayList<>();
        results.forEach((op, problems) -> problems.forEach(p -> all.add(op + ": " + p)));
        return all;
    }

    private List<String> bestTemplates(String path) {
        String[] segments = path.split("/", -1);
        List<String> best = new ArrayList<>();
        int bestScore = -1;
        for (Iterator<String> it = spec.path("paths").fieldNames(); it.hasNext(); ) {
            String template = it.next();
            String[] t = template.split("/", -1);
            if (t.length != segments.length) {
                continue;
            }
            int score = 0;
            boolean match = true;
            for (int i = 0; i < t.length && match; i++) {
                if (t[i].startsWith("{") && t[i].endsWith("}")) {
                    match = !segments[i].isEmpty();
                } else if (t[i].equals(segments[i])) {
                    score++;
                } else {
                    match = false;
                }
            }
            if (match && score > bestScore) {
                best.clear();
                bestScore = score;
            }
            if (match && score == bestScore) {
                best.add(template);
            }
        }
        return best;
    }

    /**
     * @param pathParams false for an opaque URL checked as a named operation: its path and query
     *     are the provider's own and only headers and body are compared
     */
    private List<String> checkParametersAndBody(String template, String method, Call call, boolean pathParams) {
        List<String> problems = new ArrayList<>();
        JsonNode pathItem = spec.path("paths").path(template);
        JsonNode op = pathItem.path(method);
        List<JsonNode> params = new ArrayList<>();
        Map<String, String> pointers = new LinkedHashMap<>();
        collectParameters(pathItem.path("parameters"), pointerOf("paths", template, "parameters"), params, pointers);
        collectParameters(op.path("parameters"), pointerOf("paths", template, method, "parameters"), params, pointers);
        Map<String, String> pathValues = pathParams ? pathValues(template, call.path()) : Map.of();
        for (JsonNode p : params) {
            String name = p.path("name").asText();
            String in = p.path("in").asText();
            Optional<String> value = switch (in) {
                case "header" -> call.header(name);
                case "query" -> Optional.ofNullable(call.query().get(name)).flatMap(v -> v.stream().findFirst());
                case "path" -> pathParams ? Optional.ofNullable(pathValues.get(name)) : Optional.of("opaque");
                default -> Optional.empty();
            };
            if (value.isEmpty()) {
                if (p.path("required").asBoolean(false)) {
                    problems.add(in + " parameter " + name + " is required but missing");
                }
                continue;
            }
            String pointer = pointers.get(in + ":" + name) + "/schema";
            JsonNode schemaNode = at(pointer);
            JsonNode valueNode = scalar(value.get(), schemaNode);
            for (ValidationMessage m : schema(pointer).validate(valueNode)) {
                problems.add(in + " parameter " + name + " ('" + redact(name, value.get()) + "'): " + m.getMessage());
            }
        }
        for (Map.Entry<String, List<String>> q : pathParams ? call.query().entrySet()
                : Map.<String, List<String>>of().entrySet()) {
            boolean declared = params.stream().anyMatch(p -> "query".equals(p.path("in").asText())
                    && q.getKey().equals(p.path("name").asText()));
            if (!declared) {
                problems.add("query parameter " + q.getKey() + " is not declared by the operation");
            }
        }
        JsonNode requestBody = op.path("requestBody");
        boolean hasBody = call.body() != null && call.body().length > 0;
        if (requestBody.isMissingNode()) {
            if (hasBody) {
                problems.add("the operation takes no request body, but one was sent");
            }
            return problems;
        }
        if (!hasBody) {
            if (requestBody.path("required").asBoolean(false)) {
                problems.add("a request body is required but none was sent");
            }
            return problems;
        }
        String contentType = call.header("Content-Type").map(v -> v.split(";")[0].trim().toLowerCase(Locale.ROOT))
                .orElse("");
        if (!requestBody.path("content").has(contentType)) {
            problems.add("content type '" + contentType + "' is not one of " + fieldNames(requestBody.path("content")));
            return problems;
        }
        JsonNode body;
        try {
            body = json.readTree(new String(call.body(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            problems.add("the body is not JSON: " + e.getMessage());
            return problems;
        }
        String pointer = pointerOf("paths", template, method, "requestBody", "content", contentType, "schema");
        for (ValidationMessage m : schema(pointer).validate(body)) {
            problems.add("body " + m.getMessage());
        }
        return List.copyOf(new java.util.LinkedHashSet<>(problems));
    }

    private void collectParameters(JsonNode list, String listPointer, List<JsonNode> out, Map<String, String> pointers) {
        int i = 0;
        for (JsonNode p : list) {
            String pointer = listPointer + "/" + i++;
            if (p.has("$ref")) {
                pointer = p.get("$ref").asText().substring(1);
                p = at(pointer);
            }
            out.add(p);
            pointers.put(p.path("in").asText() + ":" + p.path("name").asText(), pointer);
        }
    }

    private static Map<String, String> pathValues(String template, String path) {
        String[] t = template.split("/", -1);
        String[] s = path.split("/", -1);
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < t.length && i < s.length; i++) {
            if (t[i].startsWith("{")) {
                values.put(t[i].substring(1, t[i].length() - 1), s[i]);
            }
        }
        return values;
    }

    private static JsonNode scalar(String value, JsonNode schema) {
        String type = schema.path("type").asText("string");
        try {
            return switch (type) {
                case "integer" -> com.fasterxml.jackson.databind.node.LongNode.valueOf(Long.parseLong(value));
                case "number" -> com.fasterxml.jackson.databind.node.DecimalNode.valueOf(new java.math.BigDecimal(value));
                case "boolean" -> com.fasterxml.jackson.databind.node.BooleanNode.valueOf(Boolean.parseBoolean(value));
                default -> TextNode.valueOf(value);
            };
        } catch (NumberFormatException e) {
            return TextNode.valueOf(value);
        }
    }

    private static String redact(String name, String value) {
        return name.equalsIgnoreCase("Authorization") ? value.replaceAll("(?i)^(bearer\\s+).*", "$1****") : value;
    }

    private JsonSchema schema(String pointer) {
        return schemas.computeIfAbsent(pointer, p -> factory.getSchema(SchemaLocation.of(DOC_IRI + "#" + p), config));
    }

    private JsonNode at(String pointer) {
        return spec.at(pointer);
    }

    private static String pointerOf(String... tokens) {
        StringBuilder sb = new StringBuilder();
        for (String t : tokens) {
            sb.append('/').append(t.replace("~", "~0").replace("/", "~1"));
        }
        return sb.toString();
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
