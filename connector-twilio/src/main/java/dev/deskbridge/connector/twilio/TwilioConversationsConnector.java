package dev.deskbridge.connector.twilio;

import dev.deskbridge.connector.api.ConnectorContext;
import dev.deskbridge.connector.api.CrmConnector;
import dev.deskbridge.connector.api.CrmSession;
import dev.deskbridge.connector.api.config.ConfigSpec;
import dev.deskbridge.connector.twilio.conversations.TwilioConversationsSession;
import dev.deskbridge.connector.twilio.rest.TwilioAccount;
import dev.deskbridge.connector.twilio.rest.TwilioApi;
import dev.deskbridge.connector.twilio.rest.TwilioSignatureVerifier;
import org.pf4j.Extension;

/**
 * Twilio Conversations (Flex or any Conversations client) as the agents' workspace
 * ({@code twilio-conversations}): one Twilio Conversation per DeskBridge conversation, in the
 * account's default Conversations service.
 */
@Extension
public final class TwilioConversationsConnector implements CrmConnector {

    @Override
    public String type() {
        return "twilio-conversations";
    }

    @Override
    public ConfigSpec configSpec() {
        return TwilioSettings.CONVERSATIONS_SPEC;
    }

    @Override
    public CrmSession open(ConnectorContext context) {
        TwilioAccount account = TwilioSettings.account(context.settings());
        return new TwilioConversationsSession(context, new TwilioApi(account, context.clock(), null),
                new TwilioSignatureVerifier(account.authToken(), context.metrics(), "crm", type()), TwilioSettings.conversations(context.settings()));
    }
}
