package dev.deskbridge.host.config;

import com.fasterxml.jackson.databind.JsonNode;
import dev.deskbridge.connector.api.config.ConfigProblem;
import dev.deskbridge.connector.api.config.ConfigSpec;
import dev.deskbridge.connector.api.config.Secret;
import dev.deskbridge.connector.api.config.Durations;
import dev.deskbridge.connector.api.config.Setting;
import dev.deskbridge.connector.api.pricing.Money;
import dev.deskbridge.connector.api.pricing.TemplateCategory;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Walks a parsed configuration once, collecting every problem with its path and building the
 * records where a part is valid. Messages quote a value only when it cannot be a secret.
 */
final class ConfigReader {
    private static final List<String> SECTIONS =
            List.of("host", "database", "plugins", "pricing", "engine", "channels", "crms", "routes", "templates",
                    "messaging");
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final Pattern LANGUAGE = Pattern.compile("[a-z]{2,3}(_[A-Z]{2,4})?");
    private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");
    private static final Duration WINDOW = Duration.ofHours(24);
    /** A margin beyond this would turn away most replies near a window's end for no gain. */
    private static final Duration MAX_WINDOW_MARGIN = Duration.ofHours(1);

    private final ConnectorSpecs specs;
    private final Path baseDir;
    private final Path home;
    private final List<ConfigProblem> problems = new ArrayList<>();

    /** {@code specs} may be null when only the plugins section is read. */
    ConfigReader(ConnectorSpecs specs, Path baseDir, Path home) {
        this.specs = specs;
        this.baseDir = baseDir;
        this.home = home;
    }

    List<ConfigProblem> problems() {
        return List.copyOf(problems);
    }

    Optional<DeskBridgeConfig> read(JsonNode root) {
        if (!root.isObject()) {
            problem("(file)", "must be a mapping of sections: " + String.join(", ", SECTIONS));
            return Optional.empty();
        }
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!SECTIONS.contains(key)) {
                problem(key, "unknown section; expected one of " + String.join(", ", SECTIONS));
            }
        }
        HostConfig host = host(root.get("host"));
        DatabaseConfig database = database(root.get("database"));
        PluginsConfig plugins = plugins(root.get("plugins"));
        PricingConfig pricing = pricing(root.get("pricing"));
        EngineConfig engine = engine(root.get("engine"));
        List<ConnectorInstance> channels = instances(root.get("channels"), "channels", "channel", specs::channelSpec,
                specs.channelTypes());
        List<ConnectorInstance> crms = instances(root.get("crms"), "crms", "crm", specs::crmSpec, specs.crmTypes());
        List<RouteConfig> routes = routes(root.get("routes"), ids(root.get("channels")), ids(root.get("crms")));
        TemplatesConfig templates = TemplatesConfig.read(root.get("templates"), problems);
        MessagingConfig messaging = MessagingConfigReader.read(root.get("messaging"), host == null ? List.of()
                : List.of(host.adminToken(), host.appToken()), problems);
        if (!problems.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new DeskBridgeConfig(host, database, plugins, pricing, engine, channels, crms, routes,
                templates, messaging));
    }

    // --- host sections -------------------------------------------------------------------------

    private HostConfig host(JsonNode node) {
        Section s = section(node, "host", HostSettings.HOST, Set.of("http"));
        HttpConfig http = http(child(node, "http"));
        URI url = s.string("public_base_url") == null ? null : URI.create(s.string("public_base_url"));
        if (url != null && (url.getRawQuery() != null || url.getRawFragment() != null)) {
            problem("host.public_base_url", "must not have a query or fragment");
            return null;
        }
        Optional<Secret> adminToken = s.secret("admin_token");
        if (adminToken.isPresent() && !BearerToken.longEnough(adminToken.get())) {
            // Said here, so `config validate` reports it before `run` would refuse to start.
            problem("host.admin_token", "must be at least " + BearerToken.MIN_LENGTH + " characters");
            return null;
        }
        Optional<Secret> appToken = s.secret("app_token");
        if (appToken.isPresent() && !BearerToken.longEnough(appToken.get())) {
            problem("host.app_token", "must be at least " + BearerToken.MIN_LENGTH + " characters");
            return null;
        }
        if (appToken.isPresent() && adminToken.isPresent()
                && appToken.get().reveal().strip().equals(adminToken.get().reveal().strip())) {
            // The app's token sits in the CRM's app settings; it must not open the whole admin API.
            problem("host.app_token", "must differ from host.admin_token");
            return null;
        }
        return s.valid() && http != null ? new HostConfig(url, http, adminToken, appToken) : null;
    }

    private HttpConfig http(JsonNode node) {
        Section s = section(node, "host.http", HostSettings.HTTP, Set.of());
        Long port = between(s, "host.http", "port", 0, 65535);
        Long maxBody = between(s, "host.http", "max_body_bytes", 1, Integer.MAX_VALUE);
        return s.valid() && port != null && maxBody != null
                ? new HttpConfig(s.string("bind"), port.intValue(), maxBody)
                : null;
    }

    /** Null (after reporting why) when the section is invalid. */
    DatabaseConfig database(JsonNode node) {
        Section s = section(node, "database", HostSettings.DATABASE, Set.of());
        String url = s.string("url");
        if (url != null && !url.startsWith("jdbc:")) {
            // The URL is not quoted: it may carry a password.
            problem("database.url", "must be a JDBC URL starting with jdbc:");
            return null;
        }
        if (url != null && !url.startsWith("jdbc:h2:") && !url.startsWith("jdbc:postgresql:")) {
            // Only the driver's name is shown: the rest of the URL may carry a password.
            String[] parts = url.split(":", 3);
            String driver = parts.length > 1 && parts[1].matches("[A-Za-z0-9_-]{1,32}") ? "jdbc:" + parts[1] : "this URL";
            problem("database.url", driver + " is not supported; use jdbc:h2:... (embedded) or jdbc:postgresql://...");
            return null;
        }
        return s.valid() ? new DatabaseConfig(url, s.string("user"), s.secret("password").orElse(new Secret(""))) : null;
    }

    /** Never null: falls back to defaults, dropping what is invalid, after reporting it. */
    PluginsConfig plugins(JsonNode node) {
        Section s = section(node, "plugins", HostSettings.PLUGINS, Set.of("trusted"));
        Path dir = s.string("dir") == null ? null : path("plugins.dir", s.string("dir"));
        if (dir == null) {
            dir = home.resolve("plugins");
        }
        JsonNode trustedNode = child(node, "trusted");
        if (trustedNode == null) {
            return new PluginsConfig(dir, Optional.empty());
        }
        Set<String> trusted = new LinkedHashSet<>();
        if (!trustedNode.isArray()) {
            problem("plugins.trusted", "must be a list of SHA-256 digests");
        } else {
            for (int i = 0; i < trustedNode.size(); i++) {
                JsonNode d = trustedNode.get(i);
                Optional<String> digest = d.isValueNode() ? PluginsConfig.normalizeDigest(d.asText()) : Optional.empty();
                if (digest.isEmpty()) {
                    problem(Paths.index("plugins.trusted", i), "must be a SHA-256 digest (64 hex characters)");
                }
                digest.ifPresent(trusted::add);
            }
        }
        return new PluginsConfig(dir, Optional.of(trusted));
    }

    /** Null (after reporting why) when the section is invalid. */
    PricingConfig pricing(JsonNode node) {
        Section s = section(node, "pricing", HostSettings.PRICING, Set.of());
        Optional<Path> markets = existingFile(s, "pricing", "markets");
        Optional<Path> rates = existingFile(s, "pricing", "rates");
        Long allowance = between(s, "pricing", "free_service_allowance", 0, Integer.MAX_VALUE);
        return s.valid() && allowance != null && markets != null && rates != null
                ? new PricingConfig(markets, rates, allowance)
                : null;
    }

    /** Null (after reporting why) when the section is invalid. */
    EngineConfig engine(JsonNode node) {
        Section s = section(node, "engine", HostSettings.ENGINE, Set.of());
        Long workers = between(s, "engine", "workers", 1, 256);
        Long attempts = between(s, "engine", "max_attempts", 1, 1000);
        Duration maxAge = positive(s, "engine", "max_age");
        Duration warnBefore = positive(s, "engine", "warn_before");
        if (warnBefore != null && warnBefore.compareTo(WINDOW) >= 0) {
            problem("engine.warn_before", "must be shorter than the 24h customer service window");
            warnBefore = null;
        }
        Duration margin = s.duration("window_margin");
        if (margin != null && (margin.isNegative() || margin.compareTo(MAX_WINDOW_MARGIN) > 0)) {
            problem("engine.window_margin", "must be between 0s and " + MAX_WINDOW_MARGIN.toMinutes() + "m");
            margin = null;
        }
        return s.valid() && workers != null && attempts != null && maxAge != null && warnBefore != null
                && margin != null
                ? new EngineConfig(workers.intValue(), attempts.intValue(), maxAge, warnBefore, margin)
                : null;
    }

    // --- connector instances -------------------------------------------------------------------

    private List<ConnectorInstance> instances(
            JsonNode node, String path, String kind, Function<String, Optional<ConfigSpec>> specOf, Set<String> known) {
        List<ConnectorInstance> out = new ArrayList<>();
        if (node == null || node.isNull()) {
            return out;
        }
        if (!node.isArray()) {
            problem(path, "must be a list of " + kind + "s");
            return out;
        }
        Map<String, String> firstPathOfId = new HashMap<>();
        for (int i = 0; i < node.size(); i++) {
            String at = Paths.index(path, i);
            JsonNode entry = node.get(i);
            if (!entry.isObject()) {
                problem(at, "must be a mapping with id, type and config");
                continue;
            }
            Section s = section(entry, at, HostSettings.CONNECTOR_INSTANCE, Set.of("config"));
            String id = s.string("id");
            if (id != null) {
                if (!ID.matcher(id).matches()) {
                    problem(Paths.child(at, "id"), "must be 1 to 64 letters, digits, '.', '_' or '-', got '" + id + "'");
                    id = null;
                } else if (firstPathOfId.containsKey(id)) {
                    problem(Paths.child(at, "id"), "duplicate id '" + id + "' (also " + firstPathOfId.get(id) + ")");
                    id = null;
                } else {
                    firstPathOfId.put(id, at);
                }
            }
            String type = s.string("type");
            Optional<ConfigSpec> spec = type == null ? Optional.empty() : specOf.apply(type);
            if (type != null && spec.isEmpty()) {
                problem(Paths.child(at, "type"), "no plugin provides " + kind + " type '" + type + "' (known: "
                        + (known.isEmpty() ? "none" : String.join(", ", known)) + ")");
            }
            String configPath = Paths.child(at, "config");
            JsonNode configNode = entry.get("config");
            Values values = scalars(configNode, configPath, Set.of());
            if (values != null && spec.isPresent()) {
                check(spec.get(), values, configPath);
            }
            if (s.valid() && id != null && type != null && values != null) {
                out.add(new ConnectorInstance(id, type, values.single()));
            }
        }
        return out;
    }

    /** Ids as written, even of entries with other problems, so routes are checked against them. */
    private static Set<String> ids(JsonNode list) {
        Set<String> ids = new HashSet<>();
        if (list != null && list.isArray()) {
            for (JsonNode entry : list) {
                JsonNode id = entry.isObject() ? entry.get("id") : null;
                if (id != null && id.isValueNode() && !id.isNull()) {
                    ids.add(id.asText().trim());
                }
            }
        }
        return ids;
    }

    // --- routes --------------------------------------------------------------------------------

    private List<RouteConfig> routes(JsonNode node, Set<String> channelIds, Set<String> crmIds) {
        List<RouteConfig> out = new ArrayList<>();
        if (node == null || node.isNull()) {
            return out;
        }
        if (!node.isArray()) {
            problem("routes", "must be a list of routes");
            return out;
        }
        Map<String, String> routeOfChannel = new HashMap<>();
        for (int i = 0; i < node.size(); i++) {
            String at = Paths.index("routes", i);
            JsonNode entry = node.get(i);
            if (!entry.isObject()) {
                problem(at, "must be a mapping with channel, crm and policy");
                continue;
            }
            Section s = section(entry, at, HostSettings.ROUTE, Set.of("reengage_template", "monthly_budget", "opt_out"));
            boolean ok = s.valid();
            String channel = s.string("channel");
            if (channel != null && !channelIds.contains(channel)) {
                problem(Paths.child(at, "channel"), "no channel with id '" + channel + "'");
                ok = false;
            } else if (channel != null && routeOfChannel.containsKey(channel)) {
                problem(Paths.child(at, "channel"), "channel '" + channel + "' already has a route ("
                        + routeOfChannel.get(channel) + "); a channel's conversations go to one CRM");
                ok = false;
            } else if (channel != null) {
                routeOfChannel.put(channel, at);
            }
            String crm = s.string("crm");
            if (crm != null && !crmIds.contains(crm)) {
                problem(Paths.child(at, "crm"), "no crm with id '" + crm + "'");
                ok = false;
            }
            ReplyPolicy policy = null;
            String name = s.string("policy");
            if (name != null) {
                policy = ReplyPolicy.fromConfig(name).orElse(null);
                if (policy == null) {
                    problem(Paths.child(at, "policy"), "must be hold-and-reengage or refuse, got '" + name + "'");
                    ok = false;
                }
            }
            String templatePath = Paths.child(at, "reengage_template");
            JsonNode templateNode = entry.get("reengage_template");
            ReengageTemplate template = null;
            if (templateNode == null || templateNode.isNull()) {
                if (policy == ReplyPolicy.HOLD_AND_REENGAGE) {
                    problem(templatePath, "required when policy is hold-and-reengage");
                    ok = false;
                }
            } else {
                template = template(templateNode, templatePath);
                ok &= template != null;
            }
            JsonNode budgetNode = entry.get("monthly_budget");
            Money budget = null;
            if (budgetNode != null && !budgetNode.isNull()) {
                budget = budget(budgetNode, Paths.child(at, "monthly_budget"));
                ok &= budget != null;
            }
            int before = problems.size();
            ConsentConfig optOut = ConsentConfig.read(entry.get("opt_out"), Paths.child(at, "opt_out"), problems);
            if (ok && problems.size() == before) {
                out.add(new RouteConfig(channel, crm, policy, Optional.ofNullable(template), Optional.ofNullable(budget),
                        optOut));
            }
        }
        return out;
    }

    private ReengageTemplate template(JsonNode node, String path) {
        Section s = section(node, path, HostSettings.TEMPLATE, Set.of("body_parameters"));
        boolean ok = s.valid();
        TemplateCategory category = null;
        String language = s.string("language");
        if (language != null && !LANGUAGE.matcher(language).matches()) {
            problem(Paths.child(path, "language"), "must be a language code such as en or en_US, got '"
                    + language + "'");
            ok = false;
        }
        String c = s.string("category");
        if (c != null) {
            try {
                category = TemplateCategory.fromWire(c);
            } catch (IllegalArgumentException e) {
                problem(Paths.child(path, "category"), "must be utility, marketing or authentication, got '" + c + "'");
                ok = false;
            }
        }
        List<String> parameters = new ArrayList<>();
        JsonNode params = child(node, "body_parameters");
        String paramsPath = Paths.child(path, "body_parameters");
        if (params != null && !params.isArray()) {
            problem(paramsPath, "must be a list of values");
            ok = false;
        } else if (params != null) {
            for (int i = 0; i < params.size(); i++) {
                if (!params.get(i).isValueNode() || params.get(i).isNull()) {
                    problem(Paths.index(paramsPath, i), "must be a single value");
                    ok = false;
                } else {
                    parameters.add(params.get(i).asText());
                }
            }
        }
        return ok ? new ReengageTemplate(s.string("name"), language, category, parameters) : null;
    }

    private Money budget(JsonNode node, String path) {
        Section s = section(node, path, HostSettings.BUDGET, Set.of());
        boolean ok = s.valid();
        BigDecimal amount = s.decimal("amount");
        if (amount != null && amount.signum() < 0) {
            problem(Paths.child(path, "amount"), "must not be negative");
            ok = false;
        }
        String code = s.string("currency");
        Currency currency = null;
        if (code != null && CURRENCY.matcher(code).matches()) {
            try {
                currency = Currency.getInstance(code);
            } catch (IllegalArgumentException e) {
                currency = null;
            }
        }
        if (code != null && currency == null) {
            problem(Paths.child(path, "currency"), "must be an ISO 4217 currency code such as USD, got '" + code + "'");
            ok = false;
        }
        return ok ? new Money(amount, currency) : null;
    }

    // --- helpers -------------------------------------------------------------------------------

    /**
     * Checks a mapping against a spec. Keys in {@code structured} hold lists or mappings and are
     * read by the caller. Returns the settings when the section is valid.
     */
    private Section section(JsonNode node, String path, ConfigSpec spec, Set<String> structured) {
        Values values = scalars(node, path, structured);
        if (values == null) {
            return new Section(false, Map.of());
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
        return new Section(valid, usable);
    }

    /**
     * A checked mapping: whether all of it is valid, and the values that are usable on their own.
     * Typed getters return null for a value that is absent or not usable (already reported).
     */
    private record Section(boolean valid, Map<String, String> usable) {
        String string(String name) {
            return usable.get(name);
        }

        Long integer(String name) {
            String v = usable.get(name);
            return v == null ? null : Long.valueOf(v);
        }

        BigDecimal decimal(String name) {
            String v = usable.get(name);
            return v == null ? null : new BigDecimal(v);
        }

        Duration duration(String name) {
            String v = usable.get(name);
            return v == null ? null : Durations.parse(v);
        }

        Optional<Secret> secret(String name) {
            return Optional.ofNullable(usable.get(name)).map(Secret::new);
        }
    }

    /** Validates values against a spec, reporting under a path; true when they are all valid. */
    private boolean check(ConfigSpec spec, Values values, String path) {
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
    private record Values(Map<String, String> single, Set<String> notSingle) {}

    /**
     * The single values of a mapping (absent or null node: none). Reports and returns null when
     * the node is not a mapping; reports values that are lists or mappings.
     */
    private Values scalars(JsonNode node, String path, Set<String> structured) {
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
                problem(Paths.child(path, e.getKey()), "must be a single value, not a " + shape(e.getValue()));
                notSingle.add(e.getKey());
                continue;
            }
            values.put(e.getKey(), e.getValue().asText());
        }
        return new Values(values, notSingle);
    }

    private static String shape(JsonNode node) {
        return node.isArray() ? "list" : "mapping";
    }

    private static JsonNode child(JsonNode node, String key) {
        if (node == null || !node.isObject()) {
            return null;
        }
        JsonNode c = node.get(key);
        return c == null || c.isNull() ? null : c;
    }

    /** The integer when usable and within bounds; null otherwise (reported). */
    private Long between(Section s, String path, String name, long min, long max) {
        Long v = s.integer(name);
        if (v != null && (v < min || v > max)) {
            problem(Paths.child(path, name), "must be between " + min + " and " + max + ", got " + v);
            return null;
        }
        return v;
    }

    private Duration positive(Section s, String path, String name) {
        Duration d = s.duration(name);
        if (d != null && (d.isNegative() || d.isZero())) {
            problem(Paths.child(path, name), "must be a positive duration");
            return null;
        }
        return d;
    }

    /** Empty when not given, null when given but wrong (reported). */
    private Optional<Path> existingFile(Section s, String path, String name) {
        String value = s.string(name);
        if (value == null) {
            return Optional.empty();
        }
        Path p = path(Paths.child(path, name), value);
        if (p == null) {
            return null;
        }
        if (!Files.isRegularFile(p)) {
            problem(Paths.child(path, name), "file not found: " + p);
            return null;
        }
        return Optional.of(p);
    }

    private Path path(String at, String value) {
        try {
            return baseDir.resolve(value).normalize();
        } catch (InvalidPathException e) {
            problem(at, "not a valid path: '" + value + "'");
            return null;
        }
    }

    private void problem(String path, String message) {
        problems.add(new ConfigProblem(path, message));
    }
}
