package dev.deskbridge.host.config;

import com.fasterxml.jackson.databind.JsonNode;
import dev.deskbridge.connector.api.config.ConfigProblem;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/**
 * Reads a parsed configuration section by section, collecting every problem with its path and
 * building the records where a part is valid. Each section is a record bound by Jackson plus the
 * class that checks it ({@code HostSection}, {@code RoutesSection}, ...); a new section is a
 * name in {@link #SECTIONS}, its class, and one line in {@link #read}.
 */
final class ConfigReader {
    private static final List<String> SECTIONS =
            List.of("host", "database", "plugins", "pricing", "engine", "channels", "crms", "routes", "templates",
                    "messaging");

    private final ConfigContext ctx;

    ConfigReader(ConnectorSpecs specs, Path baseDir, Path home) {
        this.ctx = new ConfigContext(specs, baseDir, home);
    }

    List<ConfigProblem> problems() {
        return ctx.problems();
    }

    Optional<DeskBridgeConfig> read(JsonNode root) {
        if (!root.isObject()) {
            ctx.problem("(file)", "must be a mapping of sections: " + String.join(", ", SECTIONS));
            return Optional.empty();
        }
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!SECTIONS.contains(key)) {
                ctx.problem(key, "unknown section; expected one of " + String.join(", ", SECTIONS));
            }
        }
        ConnectorSpecs specs = ctx.specs();
        HostConfig host = HostSection.read(root.get("host"), ctx);
        DatabaseConfig database = DatabaseSection.read(root.get("database"), ctx);
        PluginsConfig plugins = PluginsSection.read(root.get("plugins"), ctx);
        PricingConfig pricing = PricingSection.read(root.get("pricing"), ctx);
        EngineConfig engine = EngineSection.read(root.get("engine"), ctx);
        List<ConnectorInstance> channels = ConnectorInstancesSection.read(root.get("channels"), "channels", "channel",
                specs::channelSpec, specs.channelTypes(), ctx);
        List<ConnectorInstance> crms = ConnectorInstancesSection.read(root.get("crms"), "crms", "crm",
                specs::crmSpec, specs.crmTypes(), ctx);
        List<RouteConfig> routes = RoutesSection.read(root.get("routes"),
                ConnectorInstancesSection.ids(root.get("channels")), ConnectorInstancesSection.ids(root.get("crms")), ctx);
        List<ConfigProblem> found = new ArrayList<>();
        TemplatesConfig templates = TemplatesConfig.read(root.get("templates"), found);
        MessagingConfig messaging = MessagingConfigReader.read(root.get("messaging"), host == null ? List.of()
                : List.of(host.adminToken(), host.appToken()), found);
        found.forEach(p -> ctx.problem(p.path(), p.message()));
        if (ctx.hasProblems()) {
            return Optional.empty();
        }
        return Optional.of(new DeskBridgeConfig(host, database, plugins, pricing, engine, channels, crms, routes,
                templates, messaging));
    }
}
