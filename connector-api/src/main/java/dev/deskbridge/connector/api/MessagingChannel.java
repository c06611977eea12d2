package dev.deskbridge.connector.api;

import dev.deskbridge.connector.api.config.ConfigSpec;
import org.pf4j.ExtensionPoint;

/**
 * A WhatsApp sender type ({@code whatsapp-cloud}, {@code twilio-whatsapp}). Stateless and
 * thread-safe: one instance serves every configured channel of its type.
 *
 * <p>Lifecycle: the host reads {@link #type()} and {@link #configSpec()}, validates each
 * configured instance against the spec before anything starts, then calls
 * {@link #open(ConnectorContext)} once per instance.
 */
public interface MessagingChannel extends ExtensionPoint {

    /** The type name used in configuration files; lower-case, stable across versions. */
    String type();

    /** The settings an instance of this type takes. Must not touch the network. */
    ConfigSpec configSpec();

    /**
     * Opens a session for one configured instance. Must not block on the network for long; a
     * connectivity check belongs in the first real call.
     *
     * @param context the instance's settings (already validated) and the host's narrow services
     * @throws dev.deskbridge.connector.api.error.ConfigurationException when the settings cannot work
     */
    ChannelSession open(ConnectorContext context);
}
