package dev.deskbridge.host.plugins.testplugin;

import dev.deskbridge.connector.api.ChannelSession;
import dev.deskbridge.connector.api.ConnectorContext;
import dev.deskbridge.connector.api.MessagingChannel;
import dev.deskbridge.connector.api.config.ConfigSpec;

/** A channel found through a test-only {@code META-INF/services} file, as the host's built-ins are. */
public final class BuiltInTestChannel implements MessagingChannel {
    @Override
    public String type() {
        return "builtin-test";
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
