package dev.deskbridge.connector.twilio;

import dev.deskbridge.connector.api.CrmConnector;
import dev.deskbridge.connector.api.webhook.WebhookRequest;
import dev.deskbridge.connector.testkit.CrmConnectorContract;
import dev.deskbridge.connector.testkit.FakeConnectorContext;
import dev.deskbridge.connector.twilio.stub.TwilioSamples;
import dev.deskbridge.connector.twilio.stub.TwilioSigner;
import java.util.Map;
import java.util.Optional;

/** The test kit's CRM contract for {@code twilio-conversations}. */
class TwilioConversationsContractTest extends CrmConnectorContract {

    @Override
    protected CrmConnector connector() {
        return new TwilioConversationsConnector();
    }

    @Override
    protected Map<String, String> validSettings() {
        return TwilioSamples.conversationsSettings(TwilioSamples.UNUSED_LOOPBACK);
    }

    /** The valid settings already point at a closed port (the discard port on loopback). */
    @Override
    protected Optional<FakeConnectorContext> unreachableContext() {
        return Optional.of(context());
    }

    @Override
    protected Optional<WebhookRequest> signedAgentReplyWebhook(FakeConnectorContext context) {
        return Optional.of(TwilioSigner.signedForm(TwilioSamples.AUTH_TOKEN, TwilioSamples.CRM_WEBHOOK_URL,
                TwilioSamples.agentMessageAdded("IM0123456789abcdef0123456789abcdef", "On its way")));
    }
}
