package dev.deskbridge.connector.twilio;

import static org.assertj.core.api.Assertions.assertThat;

import dev.deskbridge.connector.api.ChannelSession;
import dev.deskbridge.connector.api.CrmConnector;
import dev.deskbridge.connector.api.MessagingChannel;
import dev.deskbridge.connector.testkit.FakeConnectorContext;
import dev.deskbridge.connector.testkit.PluginArchiveAssert;
import dev.deskbridge.connector.twilio.stub.TwilioSamples;
import dev.deskbridge.connector.twilio.stub.TwilioSigner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pf4j.DefaultPluginManager;
import org.pf4j.PluginClassLoader;
import org.pf4j.PluginManager;
import org.pf4j.PluginState;

/** The plugin file the build drops into {@code plugins/}: a valid archive that PF4J loads and runs. */
class TwilioPluginArchiveIT {
    private static final String CHANNEL = "dev.deskbridge.connector.twilio.TwilioWhatsAppChannel";
    private static final String CRM = "dev.deskbridge.connector.twilio.TwilioConversationsConnector";

    private static Path pluginFile() throws Exception {
        Path dir = Path.of(System.getProperty("deskbridge.plugins.dir", "../plugins"));
        return PluginArchiveAssert.findPluginFile(dir, "deskbridge-twilio-");
    }

    @Test
    void theFileIsADeskBridgePluginNamingBothExtensions() throws Exception {
        PluginArchiveAssert.assertPluginArchive(pluginFile(), "deskbridge-twilio", CHANNEL, CRM);
    }

    @Test
    void pf4jLoadsBothExtensionsFromTheFileAndTheyWork(@TempDir Path plugins) throws Exception {
        Files.copy(pluginFile(), plugins.resolve(pluginFile().getFileName()));
        PluginManager manager = new DefaultPluginManager(plugins);
        manager.setSystemVersion("0.1.0");
        manager.loadPlugins();
        manager.startPlugins();
        try {
            assertThat(manager.getPlugin("deskbridge-twilio").getPluginState()).isEqualTo(PluginState.STARTED);
            // The plugin's own: the test class path holds the same classes as "system" extensions.
            List<MessagingChannel> channels = manager.getExtensions(MessagingChannel.class, "deskbridge-twilio");
            List<CrmConnector> crms = manager.getExtensions(CrmConnector.class, "deskbridge-twilio");
            assertThat(channels).extracting(MessagingChannel::type).containsExactly("twilio-whatsapp");
            assertThat(crms).extracting(CrmConnector::type).containsExactly("twilio-conversations");
            MessagingChannel channel = channels.get(0);
            assertThat(channel.getClass().getClassLoader()).as("loaded from the plugin file")
                    .isInstanceOf(PluginClassLoader.class);

            // The bundled SDK runs inside the plugin's class loader: verify and parse a webhook.
            FakeConnectorContext ctx = FakeConnectorContext.of(channel.configSpec(),
                    TwilioSamples.channelSettings(TwilioSamples.UNUSED_LOOPBACK));
            try (ChannelSession session = channel.open(ctx)) {
                assertThat(session.receive(TwilioSigner.signedForm(TwilioSamples.AUTH_TOKEN,
                        TwilioSamples.CHANNEL_WEBHOOK_URL, TwilioSamples.inboundText(
                                "SM0123456789abcdef0123456789abcdef", "Oi")))).hasSize(1);
            }
        } finally {
            // One by one: PF4J 3.15's stopPlugins() modifies the list it iterates.
            manager.stopPlugin("deskbridge-twilio");
            manager.unloadPlugin("deskbridge-twilio");
        }
    }
}
