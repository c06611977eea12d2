package dev.deskbridge.connector.twilio.conversations;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.deskbridge.connector.api.CrmSession;
import dev.deskbridge.connector.api.CrmSetup;
import dev.deskbridge.connector.api.CrmSetup.Step;
import dev.deskbridge.connector.api.error.ConfigurationException;
import dev.deskbridge.connector.testkit.FakeConnectorContext;
import dev.deskbridge.connector.twilio.TwilioConversationsConnector;
import dev.deskbridge.connector.twilio.stub.SpecExamples;
import dev.deskbridge.connector.twilio.stub.TwilioSamples;
import dev.deskbridge.connector.twilio.stub.TwilioStub;
import dev.deskbridge.connector.twilio.stub.TwilioStubExtension;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Setting up the account's Conversations webhook: created once, found after, never stolen. */
class ConversationsWebhookSetupTest {
    private static final String PATH = "/v1/Configuration/Webhooks";

    @RegisterExtension
    final TwilioStubExtension twilio = new TwilioStubExtension();
    private TwilioStub stub;
    private CrmSetup setup;

    @BeforeEach
    void start() {
        stub = twilio.stub();
        TwilioConversationsConnector connector = new TwilioConversationsConnector();
        CrmSession session = twilio.closeAfter(connector.open(FakeConnectorContext.of(connector.configSpec(),
                TwilioSamples.conversationsSettings(stub.baseUrl()))));
        setup = session.setup().orElseThrow();
        ObjectNode updated = SpecExamples.example(SpecExamples.CONVERSATIONS, PATH, "post", "200", "update");
        stub.server().stubFor(post(urlPathEqualTo(PATH)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody(updated.toString())));
    }

    private void current(String postUrl, String method, String... filters) {
        ObjectNode c = SpecExamples.example(SpecExamples.CONVERSATIONS, PATH, "get", "200", "fetch");
        c.put("account_sid", TwilioSamples.ACCOUNT_SID);
        if (postUrl == null) {
            c.putNull("post_webhook_url");
        } else {
            c.put("post_webhook_url", postUrl);
        }
        c.putNull("pre_webhook_url");
        c.put("method", method);
        ArrayNode f = c.putArray("filters");
        for (String filter : filters) {
            f.add(filter);
        }
        stub.server().stubFor(get(urlPathEqualTo(PATH)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody(c.toString())));
    }

    private String sentForm() {
        return URLDecoder.decode(stub.server().findAll(postRequestedFor(urlPathEqualTo(PATH))).get(0).getBodyAsString(),
                StandardCharsets.UTF_8);
    }

    @Test
    void anUnsetWebhookIsCreatedForAgentMessages() {
        current(null, "GET", "onConversationAdded");

        List<Step> steps = setup.setUp(TwilioSamples.CRM_WEBHOOK_URL, false);

        assertThat(steps).extracting(Step::action).containsExactly(Step.Action.CREATE);
        assertThat(sentForm()).contains("PostWebhookUrl=" + TwilioSamples.CRM_WEBHOOK_URL).contains("Method=POST")
                .contains("Filters=onConversationAdded").contains("Filters=onMessageAdded");
    }

    @Test
    void aDryRunOnlyPlans() {
        current(null, "POST");

        assertThat(setup.setUp(TwilioSamples.CRM_WEBHOOK_URL, true)).extracting(Step::action)
                .containsExactly(Step.Action.PLAN);
        assertThat(stub.server().findAll(postRequestedFor(urlPathEqualTo(PATH)))).isEmpty();
    }

    @Test
    void runningAgainFindsItInPlace() {
        current(TwilioSamples.CRM_WEBHOOK_URL, "POST", "onMessageAdded");

        assertThat(setup.setUp(TwilioSamples.CRM_WEBHOOK_URL, false)).extracting(Step::action)
                .containsExactly(Step.Action.EXISTS);
        assertThat(stub.server().findAll(postRequestedFor(urlPathEqualTo(PATH)))).isEmpty();
    }

    @Test
    void ourWebhookWithoutTheEventIsUpdated() {
        current(TwilioSamples.CRM_WEBHOOK_URL, "POST", "onConversationAdded");

        assertThat(setup.setUp(TwilioSamples.CRM_WEBHOOK_URL, false)).extracting(Step::action)
                .containsExactly(Step.Action.UPDATE);
    }

    @Test
    void someoneElsesWebhookIsNeverReplaced() {
        current("https://studio.example.com/hook", "POST", "onMessageAdded");

        assertThatThrownBy(() -> setup.setUp(TwilioSamples.CRM_WEBHOOK_URL, false))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("https://studio.example.com/hook");
        assertThat(stub.server().findAll(postRequestedFor(urlPathEqualTo(PATH)))).isEmpty();
    }
}
