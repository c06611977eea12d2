package dev.deskbridge.connector.twilio;

import dev.deskbridge.connector.api.CrmConnector;
import dev.deskbridge.connector.api.webhook.WebhookRequest;
import dev.deskbridge.connector.testkit.CrmConnectorContract;
import dev.deskbridge.connector.testkit.CrmProbe;
import dev.deskbridge.connector.testkit.FakeConnectorContext;
import dev.deskbridge.connector.twilio.stub.TwilioConversationsStandIn;
import dev.deskbridge.connector.twilio.stub.TwilioSamples;
import dev.deskbridge.connector.twilio.stub.TwilioSigner;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;

/** The test kit's CRM contract for {@code twilio-conversations}. */
class TwilioConversationsContractTest extends CrmConnectorContract {
    private final TwilioConversationsStandIn standIn = new TwilioConversationsStandIn("DeskBridge");

    @AfterEach
    void stop() {
        standIn.close();
    }

    @Override
    protected CrmProbe crm() {
        return standIn;
    }

    @Override
    protected CrmConnector connector() {
        return new TwilioConversationsConnector();
    }

    @Override
    protected Map<String, String> validSettings() {
        return TwilioSamples.conversationsSettings(standIn.baseUrl());
    }

    /** Settings pointing at a closed port (the discard port on loopback). */
    @Override
    protected Optional<FakeConnectorContext> unreachableContext() {
        return Optional.of(FakeConnectorContext.of(connector().configSpec(),
                TwilioSamples.conversationsSettings(TwilioSamples.UNUSED_LOOPBACK)));
    }

    @Override
    protected Optional<WebhookRequest> signedAgentReplyWebhook(FakeConnectorContext context) {
        return Optional.of(TwilioSigner.signedForm(TwilioSamples.AUTH_TOKEN, TwilioSamples.CRM_WEBHOOK_URL,
                TwilioSamples.agentMessageAdded("IM0123456789abcdef0123456789abcdef", "On its way")));
    }
}
