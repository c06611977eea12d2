package dev.deskbridge.host.reports;

import dev.deskbridge.connector.api.config.ConfigSpec;
import java.util.Objects;

/**
 * The declared settings of one connector type, for the configuration reference.
 *
 * @param kind {@link Kind#CHANNEL} or {@link Kind#CRM}
 * @param type the type name used in configuration files ({@code zendesk})
 * @param providedBy {@code host} for a built-in, else the plugin file it comes from
 * @param spec what its {@code config:} map takes
 */
public record ConnectorSettings(Kind kind, String type, String providedBy, ConfigSpec spec) {
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
        Objects.requireNonNull(providedBy, "providedBy");
        Objects.requireNonNull(spec, "spec");
    }
}
