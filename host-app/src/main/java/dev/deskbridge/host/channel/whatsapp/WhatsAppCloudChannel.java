package dev.deskbridge.host.channel.whatsapp;

import dev.deskbridge.connector.api.ChannelSession;
import dev.deskbridge.connector.api.ConnectorContext;
import dev.deskbridge.connector.api.MessagingChannel;
import dev.deskbridge.connector.api.config.ConfigSpec;
import java.util.Objects;

/**
 * The host's built-in sender of type {@code whatsapp-cloud}: Meta's WhatsApp Business Cloud API
 * (Graph API), called directly. Registered for {@link java.util.ServiceLoader} in
 * {@code META-INF/services}. Holds no configuration: every session has its own client; only the
 * send rate of each phone number is shared, since Meta counts it per number.
 */
public final class WhatsAppCloudChannel implements MessagingChannel {
    /** The type name used in configuration files. */
    public static final String TYPE = "whatsapp-cloud";

    private final SendThrottles throttles = new SendThrottles();

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
        WhatsAppSettings settings = WhatsAppSettings.from(context.settings());
        return new WhatsAppCloudSession(context, settings, throttles.forNumber(settings.phoneNumberId(),
                settings.messagesPerSecond(), settings.rateLimitMaxWait()));
    }
}
