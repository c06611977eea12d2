package dev.deskbridge.connector.twilio;

import dev.deskbridge.connector.api.ChannelSession;
import dev.deskbridge.connector.api.ConnectorContext;
import dev.deskbridge.connector.api.MessagingChannel;
import dev.deskbridge.connector.api.config.ConfigSpec;
import org.pf4j.Extension;

/** A WhatsApp sender whose number lives at Twilio. */
@Extension
public final class TwilioWhatsAppChannel implements MessagingChannel {

    @Override
    public String type() {
        return "twilio-whatsapp";
    }

    @Override
    public ConfigSpec configSpec() {
        return TwilioSettings.CHANNEL_SPEC;
    }

    @Override
    public ChannelSession open(ConnectorContext context) {
        throw new UnsupportedOperationException("Twilio WhatsApp sessions are built by the Twilio connector issue");
    }
}
