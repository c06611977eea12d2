package dev.deskbridge.host.config;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A whole, validated DeskBridge configuration (see {@code CONFIG-SCHEMA}). Built by
 * {@link ConfigSource#validate}; immutable.
 *
 * @param host public address, HTTP server, admin token
 * @param database the JDBC database
 * @param plugins where plugin files come from and which are trusted
 * @param pricing rate card and free allowance
 * @param engine delivery workers, retries, window warnings
 * @param channels the configured WhatsApp senders
 * @param crms the configured ticket systems
 * @param routes which channel's conversations go to which CRM
 * @param templates how the template catalogue is kept current
 * @param messaging messages the business starts: the send token, the campaign pace
 */
public record DeskBridgeConfig(
        HostConfig host,
        DatabaseConfig database,
        PluginsConfig plugins,
        PricingConfig pricing,
        EngineConfig engine,
        List<ConnectorInstance> channels,
        List<ConnectorInstance> crms,
        List<RouteConfig> routes,
        TemplatesConfig templates,
        MessagingConfig messaging) {

    public DeskBridgeConfig(HostConfig host, DatabaseConfig database, PluginsConfig plugins, PricingConfig pricing,
            EngineConfig engine, List<ConnectorInstance> channels, List<ConnectorInstance> crms, List<RouteConfig> routes) {
        this(host, database, plugins, pricing, engine, channels, crms, routes, TemplatesConfig.DEFAULTS,
                MessagingConfig.defaults());
    }

    public DeskBridgeConfig {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(plugins, "plugins");
        Objects.requireNonNull(pricing, "pricing");
        Objects.requireNonNull(engine, "engine");
        channels = List.copyOf(Objects.requireNonNull(channels, "channels"));
        crms = List.copyOf(Objects.requireNonNull(crms, "crms"));
        routes = List.copyOf(Objects.requireNonNull(routes, "routes"));
        Objects.requireNonNull(templates, "templates");
        Objects.requireNonNull(messaging, "messaging");
    }

    /** The channel with that id. */
    public Optional<ConnectorInstance> channel(String id) {
        return channels.stream().filter(c -> c.id().equals(id)).findFirst();
    }

    /** The CRM with that id. */
    public Optional<ConnectorInstance> crm(String id) {
        return crms.stream().filter(c -> c.id().equals(id)).findFirst();
    }

    /** The route of a channel (a channel has at most one). */
    public Optional<RouteConfig> routeOfChannel(String channelId) {
        return routes.stream().filter(r -> r.channel().equals(channelId)).findFirst();
    }

    /** The routes handled in a CRM. */
    public List<RouteConfig> routesOfCrm(String crmId) {
        return routes.stream().filter(r -> r.crm().equals(crmId)).toList();
    }
}
