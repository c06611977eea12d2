package dev.deskbridge.connector.zendesk;

import static org.assertj.core.api.Assertions.assertThat;

import dev.deskbridge.connector.api.CrmConnector;
import dev.deskbridge.connector.api.webhook.WebhookRequest;
import dev.deskbridge.connector.api.model.TicketRef;
import dev.deskbridge.connector.testkit.CrmConnectorContract;
import dev.deskbridge.connector.testkit.CrmProbe;
import dev.deskbridge.connector.testkit.FakeConnectorContext;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The CRM contract suite, against a Zendesk stand-in that remembers tickets and comments. */
class ZendeskConnectorContractTest extends CrmConnectorContract {
    private final ZendeskStub zendesk = new ZendeskStub();
    private final ZendeskStandIn standIn = new ZendeskStandIn();

    @AfterEach
    void stop() {
        zendesk.close();
        standIn.close();
    }

    @Override
    protected CrmProbe crm() {
        return standIn;
    }

    @Override
    protected CrmConnector connector() {
        return new ZendeskConnector();
    }

    @Override
    protected Map<String, String> validSettings() {
        Map<String, String> s = zendesk.settings();
        s.put("url", standIn.baseUrl());
        return s;
    }

    @Override
    protected Optional<WebhookRequest> signedAgentReplyWebhook(FakeConnectorContext context) {
        TicketRef ticket;
        // The ticket is made on the stand-in, whichever CRM the given context reaches.
        try (var session = connector().open(context())) {
            ticket = session.appendCustomerMessage(message("sample-1", "Where is my order?").build());
        }
        standIn.agentAnswers(ticket, "Your parcel ships today.");
        return standIn.webhookForNewestComment(ticket);
    }

    @Override
    protected Optional<FakeConnectorContext> unreachableContext() {
        Map<String, String> down = new java.util.HashMap<>(validSettings());
        // A port nothing listens on: the stub's, once stopped.
        down.put("url", closedPortUrl());
        return Optional.of(zendesk.context(down));
    }

    private static String closedPortUrl() {
        var server = dev.deskbridge.connector.testkit.WireMockSupport.startLoopback();
        String url = dev.deskbridge.connector.testkit.WireMockSupport.baseUrl(server);
        server.stop();
        return url;
    }

    @Test
    void anEmailThatIsNotOneIsRefusedAtValidation() {
        Map<String, String> s = new java.util.HashMap<>(validSettings());
        s.put("email", "not an email");
        // Before: accepted, and every API call was then refused with 401.
        assertThat(ZendeskSettings.SPEC.validate(s)).extracting(Object::toString)
                .containsExactly("email: must be an email address, got 'not an email'");
    }

    @Test
    void subdomainBecomesTheZendeskUrl() {
        Map<String, String> s = new java.util.HashMap<>(validSettings());
        s.remove("url");
        s.put("subdomain", "acme");
        assertThat(ZendeskSettings.access(ZendeskSettings.SPEC.resolve(s)).baseUrl())
                .isEqualTo("https://acme.zendesk.com");
        try (var session = connector().open(FakeConnectorContext.of(connector().configSpec(), s))) {
            assertThat(session.toString()).contains("https://acme.zendesk.com").doesNotContain(ZendeskStub.API_TOKEN);
        }
    }
}
