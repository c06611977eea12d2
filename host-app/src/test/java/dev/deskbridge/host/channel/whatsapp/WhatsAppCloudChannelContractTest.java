package dev.deskbridge.host.channel.whatsapp;

import dev.deskbridge.connector.api.MessagingChannel;
import dev.deskbridge.connector.api.webhook.WebhookRequest;
import dev.deskbridge.connector.testkit.FakeConnectorContext;
import dev.deskbridge.connector.testkit.MessagingChannelContract;
import java.util.Map;
import java.util.Optional;

/** The test kit's contract for every messaging channel, run against {@code whatsapp-cloud}. */
class WhatsAppCloudChannelContractTest extends MessagingChannelContract {
    private final WhatsAppCloudChannel channel = new WhatsAppCloudChannel();

    @Override
    protected MessagingChannel channel() {
        return channel;
    }

    @Override
    protected Map<String, String> validSettings() {
        // Opening a session must not touch the network, so Meta's real address is fine here.
        return MetaStub.validSettings("https://graph.facebook.com");
    }

    @Override
    protected Optional<WebhookRequest> signedInboundWebhook(FakeConnectorContext context) {
        String text = "[{\"from\":\"16505551234\",\"id\":\"wamid.CONTRACT-1\",\"timestamp\":\"1749416383\","
                + "\"type\":\"text\",\"text\":{\"body\":\"Does it come in another color?\"}}]";
        String status = "[{\"id\":\"wamid.CONTRACT-2\",\"status\":\"delivered\",\"timestamp\":\"1749416390\","
                + "\"recipient_id\":\"16505551234\"}]";
        return Optional.of(SignedWebhooks.signed(SignedWebhooks.envelope(SignedWebhooks.value(
                "[{\"profile\":{\"name\":\"Sheena Nelson\"},\"wa_id\":\"16505551234\"}]", text, status))));
    }

    @Override
    protected Optional<WebhookRequest> signedStatusOfSend(FakeConnectorContext context, String sendKey) {
        // Meta echoes the send's biz_opaque_callback_data (OutboundPayloads puts the key there) in each status.
        String status = "[{\"id\":\"wamid.CONTRACT-3\",\"status\":\"sent\",\"timestamp\":\"1749416391\","
                + "\"recipient_id\":\"16505551234\",\"biz_opaque_callback_data\":\"" + sendKey + "\"}]";
        return Optional.of(SignedWebhooks.signed(SignedWebhooks.envelope(SignedWebhooks.value(null, null, status))));
    }
}
