package dev.deskbridge.connector.api;

import dev.deskbridge.connector.api.config.ConfigSpec;
import org.pf4j.ExtensionPoint;

/**
 * A ticket system type ({@code zendesk}, {@code twilio-conversations}). Stateless and
 * thread-safe: one instance serves every configured CRM of its type.
 *
 * <p>Lifecycle: the host reads {@link #type()} and {@link #configSpec()}, validates each
 * configured instance before anything starts, then calls {@link #open(ConnectorContext)} once
 * per instance and {@link CrmSession#close()} at shutdown.
 */
public interface CrmConnector extends ExtensionPoint {

    /** The type name used in configuration files; lower-case, stable across versions. */
    String type();

    /** The settings an instance of this type takes. Must not touch the network. */
    ConfigSpec configSpec();

    /**
     * Opens a session for one configured instance.
     *
     * @throws dev.deskbridge.connector.api.error.ConfigurationException when the settings cannot work
     */
    CrmSession open(ConnectorContext context);
}
