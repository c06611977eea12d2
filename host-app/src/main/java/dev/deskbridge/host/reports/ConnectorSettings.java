package dev.deskbridge.host.reports;

import dev.deskbridge.connector.api.config.ConfigSpec;
import java.util.Objects;
import java.util.Optional;

/**
 * The declared settings of one connector type, for the configuration reference.
 *
 * @param kind {@link Kind#CHANNEL} or {@link Kind#CRM}
 * @param type the type name used in configuration files ({@code zendesk})
 * @param pluginFile the plugin file it comes from; empty for a connector built into the host
 * @param spec what its {@code config:} map takes
 */
public record ConnectorSettings(Kind kind, String type, Optional<String> pluginFile, ConfigSpec spec) {
    /** Which list of the configuration file the type is used in. */
    public enum Kind {
        /** A WhatsApp sender, under {@code channels:}. */
        CHANNEL,
        /** A ticket system, under {@code crms:}. */
        CRM
    }

    public ConnectorSettings {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(pluginFile, "pluginFile");
        Objects.requireNonNull(spec, "spec");
    }
}
