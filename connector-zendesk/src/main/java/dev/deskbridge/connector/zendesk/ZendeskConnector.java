package dev.deskbridge.connector.zendesk;

import dev.deskbridge.connector.api.ConnectorContext;
import dev.deskbridge.connector.api.CrmConnector;
import dev.deskbridge.connector.api.CrmSession;
import dev.deskbridge.connector.api.config.ConfigSpec;
import org.pf4j.Extension;

/** Zendesk Support as the ticket system: WhatsApp conversations become Zendesk tickets. */
@Extension
public final class ZendeskConnector implements CrmConnector {

    @Override
    public String type() {
        return "zendesk";
    }

    @Override
    public ConfigSpec configSpec() {
        return ZendeskSettings.SPEC;
    }

    @Override
    public CrmSession open(ConnectorContext context) {
        return ZendeskSession.open(context);
    }
}
