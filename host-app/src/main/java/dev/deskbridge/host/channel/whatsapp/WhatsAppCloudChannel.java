package dev.deskbridge.host.channel.whatsapp;

import dev.deskbridge.connector.api.ChannelSession;
import dev.deskbridge.connector.api.ConnectorContext;
import dev.deskbridge.connector.api.MessagingChannel;
import dev.deskbridge.connector.api.config.ConfigSpec;
import java.util.Objects;

/**
 * The host's built-in sender of type {@code whatsapp-cloud}: Meta's WhatsApp Business Cloud API
 * (Graph API), called directly. Registered for {@link java.util.ServiceLoader} in
 * {@code META-INF/services}. Stateless: every session holds its own client and limits.
 */
public final class WhatsAppCloudChannel implements MessagingChannel {
    /** The type name used in configuration files. */
    public static final String TYPE = "whatsapp-cloud";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public ConfigSpec configSpec() {
        return WhatsAppSettings.SPEC;
    }

    @Override
    public ChannelSession open(ConnectorContext context) {
        Objects.requireNonNull(context, "context");
        return new WhatsAppCloudSession(context, WhatsAppSettings.from(context.settings()));
    }
}
