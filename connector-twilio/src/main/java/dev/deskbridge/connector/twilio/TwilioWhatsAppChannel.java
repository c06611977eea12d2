package dev.deskbridge.connector.twilio;

import dev.deskbridge.connector.api.ChannelSession;
import dev.deskbridge.connector.api.ConnectorContext;
import dev.deskbridge.connector.api.MessagingChannel;
import dev.deskbridge.connector.api.config.ConfigSpec;
import dev.deskbridge.connector.twilio.rest.TwilioAccount;
import dev.deskbridge.connector.twilio.rest.TwilioApi;
import dev.deskbridge.connector.twilio.rest.TwilioSignatureVerifier;
import dev.deskbridge.connector.twilio.whatsapp.TwilioWhatsAppSession;
import org.pf4j.Extension;

/**
 * A WhatsApp sender whose number lives at Twilio ({@code twilio-whatsapp}). Twilio's own fee per
 * message is reported next to Meta's price.
 */
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
        TwilioAccount account = TwilioSettings.account(context.settings());
        return new TwilioWhatsAppSession(context, new TwilioApi(account, context.clock(), TwilioSettings.SENDER),
                new TwilioSignatureVerifier(account.authToken(), context.metrics(), "channel", type()), TwilioSettings.channel(context.settings()));
    }
}
