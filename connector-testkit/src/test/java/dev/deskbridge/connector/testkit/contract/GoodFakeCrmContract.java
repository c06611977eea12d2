package dev.deskbridge.connector.testkit.contract;

import dev.deskbridge.connector.api.CrmConnector;
import dev.deskbridge.connector.api.model.TicketRef;
import dev.deskbridge.connector.api.webhook.WebhookRequest;
import dev.deskbridge.connector.testkit.CrmConnectorContract;
import dev.deskbridge.connector.testkit.CrmProbe;
import dev.deskbridge.connector.testkit.FakeConnectorContext;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The contract suite over the well-behaved fake CRM plugin: the baseline every broken fake differs
 * from by one mistake. Run by {@link ContractSuiteCatchesMistakesTest}, not by Surefire directly.
 */
class GoodFakeCrmContract extends CrmConnectorContract {
    static final String WEBHOOK_SECRET = "webhook-secret-1234";
    private final String name = "crm-" + UUID.randomUUID();
    private final FakeCrm crm = FakeCrm.create(name, WEBHOOK_SECRET);

    @Override
    protected CrmConnector connector() {
        return new FakeCrmConnector();
    }

    /** Whether the plugin is configured for polling instead of webhooks. */
    boolean polling() {
        return false;
    }

    @Override
    protected Map<String, String> validSettings() {
        return Map.of("crm", name, "api_key", "api-key-5678", "webhook_secret", WEBHOOK_SECRET,
                "polling", Boolean.toString(polling()));
    }

    @Override
    protected CrmProbe crm() {
        return crm;
    }

    @Override
    protected Optional<WebhookRequest> signedAgentReplyWebhook(FakeConnectorContext context) {
        TicketRef ticket = TicketRef.of(crm.ticketFor("conv-sample"));
        crm.agentAnswers(ticket, "Your parcel ships today.");
        return crm.webhookForNewestComment(ticket);
    }

    @Override
    protected Optional<FakeConnectorContext> unreachableContext() {
        FakeCrm down = FakeCrm.create(name + "-down", WEBHOOK_SECRET);
        TicketRef ticket = TicketRef.of(down.ticketFor("conv-sample"));
        down.agentAnswers(ticket, "Your parcel ships today.");
        down.down = true;
        Map<String, String> settings = new HashMap<>(validSettings());
        settings.put("crm", down.name);
        return Optional.of(FakeConnectorContext.of(connector().configSpec(), settings));
    }
}
