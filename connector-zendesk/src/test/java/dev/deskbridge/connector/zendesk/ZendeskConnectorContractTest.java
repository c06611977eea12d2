package dev.deskbridge.connector.zendesk;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import dev.deskbridge.connector.api.CrmConnector;
import dev.deskbridge.connector.api.webhook.WebhookRequest;
import dev.deskbridge.connector.testkit.CrmConnectorContract;
import dev.deskbridge.connector.testkit.FakeConnectorContext;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The CRM contract suite, with agent replies served by a WireMock Zendesk. */
class ZendeskConnectorContractTest extends CrmConnectorContract {
    private final ZendeskStub zendesk = new ZendeskStub();

    @AfterEach
    void stop() {
        zendesk.close();
    }

    @Override
    protected CrmConnector connector() {
        return new ZendeskConnector();
    }

    @Override
    protected Map<String, String> validSettings() {
        return zendesk.settings();
    }

    @Override
    protected Optional<WebhookRequest> signedAgentReplyWebhook(FakeConnectorContext context) {
        zendesk.stubTicket(700, "open", "whatsapp", "wa_window_open");
        zendesk.stubUser(ZendeskStub.AGENT, "Bea Agent", "agent");
        zendesk.server.stubFor(get(urlPathEqualTo("/api/v2/tickets/700/comments.json"))
                .withQueryParam("sort_order", equalTo("desc"))
                .willReturn(okJson(ZendeskStub.comments(
                        ZendeskStub.comment(8002, ZendeskStub.AGENT, true, "Your parcel ships today."),
                        ZendeskStub.comment(8001, ZendeskStub.REQUESTER, true, "Where is my order?")))));
        return Optional.of(ZendeskStub.signedWebhook(ZendeskStub.webhookBody(700, 8002),
                context.clock().instant().minusSeconds(30)));
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
