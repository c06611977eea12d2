package dev.deskbridge.connector.twilio;

import static org.assertj.core.api.Assertions.assertThat;

import dev.deskbridge.connector.api.ChannelSession;
import dev.deskbridge.connector.api.CrmConnector;
import dev.deskbridge.connector.api.MessagingChannel;
import dev.deskbridge.connector.testkit.FakeConnectorContext;
import dev.deskbridge.connector.testkit.LoadedPlugin;
import dev.deskbridge.connector.testkit.PluginArchiveAssert;
import dev.deskbridge.connector.twilio.stub.TwilioSamples;
import dev.deskbridge.connector.twilio.stub.TwilioSigner;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
        try (LoadedPlugin plugin = LoadedPlugin.load(pluginFile(), "deskbridge-twilio", plugins, "0.1.0")) {
            List<MessagingChannel> channels = plugin.extensions(MessagingChannel.class);
            List<CrmConnector> crms = plugin.extensions(CrmConnector.class);
            assertThat(channels).extracting(MessagingChannel::type).containsExactly("twilio-whatsapp");
            assertThat(crms).extracting(CrmConnector::type).containsExactly("twilio-conversations");
            MessagingChannel channel = channels.get(0);

            // The bundled SDK runs inside the plugin's class loader: verify and parse a webhook.
            FakeConnectorContext ctx = FakeConnectorContext.of(channel.configSpec(),
                    TwilioSamples.channelSettings(TwilioSamples.UNUSED_LOOPBACK));
            try (ChannelSession session = channel.open(ctx)) {
                assertThat(session.receive(TwilioSigner.signedForm(TwilioSamples.AUTH_TOKEN,
                        TwilioSamples.CHANNEL_WEBHOOK_URL, TwilioSamples.inboundText(
                                "SM0123456789abcdef0123456789abcdef", "Oi")))).hasSize(1);
            }
        }
    }
}
