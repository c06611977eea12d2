package dev.deskbridge.connector.twilio;

import dev.deskbridge.connector.api.ConnectorContext;
import dev.deskbridge.connector.api.CrmConnector;
import dev.deskbridge.connector.api.CrmSession;
import dev.deskbridge.connector.api.config.ConfigSpec;
import org.pf4j.Extension;

/** Twilio Conversations (Flex or any Conversations client) as the agents' workspace. */
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
        throw new UnsupportedOperationException("Twilio Conversations sessions are built by the Twilio connector issue");
    }
}
