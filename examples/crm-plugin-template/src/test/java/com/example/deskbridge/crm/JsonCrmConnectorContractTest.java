package com.example.deskbridge.crm;

import dev.deskbridge.connector.api.CrmConnector;
import dev.deskbridge.connector.api.webhook.WebhookRequest;
import dev.deskbridge.connector.testkit.CrmConnectorContract;
import dev.deskbridge.connector.testkit.CrmProbe;
import dev.deskbridge.connector.testkit.FakeConnectorContext;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;

/** The CRM contract suite every DeskBridge CRM plugin must pass. */
class JsonCrmConnectorContractTest extends CrmConnectorContract {
    private final CrmStandIn crm = new CrmStandIn();

    @AfterEach
    void stop() {
        crm.close();
    }

    /** TEMPLATE: the suite reads what landed in the CRM through your stand-in. */
    @Override
    protected CrmProbe crm() {
        return crm;
    }

    @Override
    protected CrmConnector connector() {
        return new JsonCrmConnector();
    }

    @Override
    protected Map<String, String> validSettings() {
        return crm.settings();
    }

    /** TEMPLATE: settings whose CRM cannot be reached; verifying a webhook must still work. */
    @Override
    protected Optional<FakeConnectorContext> unreachableContext() {
        Map<String, String> down = new java.util.HashMap<>(validSettings());
        down.put("base_url", "http://127.0.0.1:9");
        return Optional.of(FakeConnectorContext.of(connector().configSpec(), down));
    }

    @Override
    protected Optional<WebhookRequest> signedAgentReplyWebhook(FakeConnectorContext context) {
        var now = context.clock().instant();
        return Optional.of(CrmStub.signed(CrmStub.replyBody("reply-1", "T-42", "Your parcel ships today.",
                now.minusSeconds(30)), now.minusSeconds(10), CrmStub.WEBHOOK_SECRET));
    }
}
