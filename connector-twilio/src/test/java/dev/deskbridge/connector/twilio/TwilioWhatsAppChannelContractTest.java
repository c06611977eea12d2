package dev.deskbridge.connector.twilio;

import dev.deskbridge.connector.api.MessagingChannel;
import dev.deskbridge.connector.api.webhook.WebhookRequest;
import dev.deskbridge.connector.testkit.FakeConnectorContext;
import dev.deskbridge.connector.testkit.MessagingChannelContract;
import dev.deskbridge.connector.twilio.stub.TwilioSamples;
import dev.deskbridge.connector.twilio.stub.TwilioSigner;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

/** The test kit's channel contract for {@code twilio-whatsapp}. */
class TwilioWhatsAppChannelContractTest extends MessagingChannelContract {

    @Override
    protected MessagingChannel channel() {
        return new TwilioWhatsAppChannel();
    }

    @Override
    protected Map<String, String> validSettings() {
        return TwilioSamples.channelSettings(TwilioSamples.UNUSED_LOOPBACK);
    }

    @Override
    protected Optional<WebhookRequest> signedInboundWebhook(FakeConnectorContext context) {
        return Optional.of(TwilioSigner.signedForm(TwilioSamples.AUTH_TOKEN, TwilioSamples.CHANNEL_WEBHOOK_URL,
                TwilioSamples.inboundText("SM0123456789abcdef0123456789abcdef", "Oi")));
    }

    @Override
    protected Optional<WebhookRequest> signedStatusOfSend(FakeConnectorContext context, String sendKey) {
        // Twilio calls the status callback URL the send gave it, query and all.
        return Optional.of(TwilioSigner.signedForm(TwilioSamples.AUTH_TOKEN,
                TwilioSamples.CHANNEL_WEBHOOK_URL + "?deskbridge_send=" + URLEncoder.encode(sendKey, StandardCharsets.UTF_8),
                TwilioSamples.statusCallback("SM22222222222222222222222222222222", "sent")));
    }
}
