package dev.deskbridge.host.plugins.testplugin;

import dev.deskbridge.connector.api.ChannelSession;
import dev.deskbridge.connector.api.ConnectorContext;
import dev.deskbridge.connector.api.MessagingChannel;
import dev.deskbridge.connector.api.config.ConfigSpec;

/** An extension whose constructor fails, as a plugin with a broken setup would. */
public final class ExplodingChannel implements MessagingChannel {
    public ExplodingChannel() {
        throw new IllegalStateException("exploding on purpose");
    }

    @Override
    public String type() {
        return "exploding";
    }

    @Override
    public ConfigSpec configSpec() {
        return ConfigSpec.builder().build();
    }

    @Override
    public ChannelSession open(ConnectorContext context) {
        throw new UnsupportedOperationException("test connector");
    }
}
