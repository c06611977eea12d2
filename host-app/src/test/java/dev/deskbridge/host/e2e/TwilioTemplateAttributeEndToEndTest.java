package dev.deskbridge.host.e2e;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.deskbridge.host.e2e.TwilioApiStub.AUTH_TOKEN;
import static dev.deskbridge.host.e2e.TwilioApiStub.CONVERSATION;
import static dev.deskbridge.host.e2e.TwilioApiStub.CONVERSATION_SID;
import static dev.deskbridge.host.e2e.TwilioApiStub.MESSAGES_API;
import static dev.deskbridge.host.e2e.TwilioApiStub.form;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.deskbridge.connector.api.model.PhoneNumber;
import dev.deskbridge.connector.api.pricing.TemplateCategory;
import dev.deskbridge.connector.api.template.ParameterFormat;
import dev.deskbridge.connector.api.template.TemplateDefinition;
import dev.deskbridge.connector.api.template.TemplateStatus;
import dev.deskbridge.connector.testkit.ManualClock;
import dev.deskbridge.host.plugins.TestJars;
import dev.deskbridge.host.store.Conversation;
import dev.deskbridge.host.templates.TemplateCatalogue;
import dev.deskbridge.host.testing.HostProbe;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14, a template from a Twilio Conversation with the real host and the built Twilio plugin:
 * an agent's message whose attributes ask for a template is sent as that Content template through
 * the Messages API, its quote posted first as a marked note; attributes asking wrongly are answered
 * by a note with the reason code, and nothing is sent for them.
 */
class TwilioTemplateAttributeEndToEndTest {
    private static final Instant T0 = Instant.parse("2026-10-05T08:00:00Z");
    private static final PhoneNumber SENDER = PhoneNumber.of("+14155238886");
    private static final PhoneNumber CUSTOMER = PhoneNumber.of("+5511987654321");
    private static final String CONTENT_SID = "HX0123456789abcdef0123456789abcdef";
    private static final String CHANNEL_WEBHOOK = "/webhooks/channels/twilio-wa";
    private static final String CRM_WEBHOOK = "/webhooks/crms/flex";

    @TempDir
    Path home;

    private final ManualClock clock = new ManualClock(T0);
    private TwilioApiStub twilio;
    private RunningHost host;
    private HostProbe probe;

    @BeforeEach
    void start() throws IOException {
        twilio = new TwilioApiStub();
        twilio.acceptEverything("SM0f9e8d7c6b5a49382716a5b4c3d2e1f0");
        host = RunningHost.start(home, RunningHost.hostSections() + twilio.routeConfig(SENDER, CHANNEL_WEBHOOK),
                Map.of("TWILIO_AUTH_TOKEN", AUTH_TOKEN), clock, TestJars.realPlugin("deskbridge-twilio"));
        probe = host.probe();
        new TemplateCatalogue(host.database()).replace("twilio-wa", List.of(new TemplateDefinition(CONTENT_SID,
                "order_update", CONTENT_SID, "en", TemplateStatus.APPROVED, Optional.of(TemplateCategory.UTILITY),
                ParameterFormat.POSITIONAL, "Hi {{1}}, order {{2}} ships today.", List.of("1", "2"),
                Optional.empty(), List.of(), List.of(), "[]")), T0);
    }

    @AfterEach
    void stop() {
        Received.closeAll(host, twilio);
    }

    @Test
    void anAgentsTemplateAttributeGoesOutQuotedAndWrongOnesAreAnsweredWithTheirReason() {
        assertThat(TwilioWebhooks.post(probe, CHANNEL_WEBHOOK, TwilioWebhooks.inboundText(
                "SMa1b2c3d4e5f60718293a4b5c6d7e8f90", CUSTOMER, SENDER, "Ana Souza", "Oi")).statusCode())
                .isEqualTo(200);
        probe.await("the Conversation recorded", () -> probe.conversation(SENDER, CUSTOMER)
                .flatMap(Conversation::ticket).isPresent());
        clock.set(T0.plus(Duration.ofHours(30))); // the service window closed: the template is billed

        agentAsks("IM00000000000000000000000000000001", "{\"deskbridge\": {\"template\": \"order_update\", "
                + "\"language\": \"en\", \"parameters\": [\"Ana\", \"A-1042\"]}}");
        probe.await("the template sent", () -> !posts(MESSAGES_API).isEmpty());
        assertThat(notes("TEMPLATE_QUOTED")).as("the quote is posted as soon as the send is").singleElement()
                .satisfies(n -> assertThat(form(n.getBodyAsString()).get("Body")).contains("order_update", "utility"));
        Map<String, String> send = form(posts(MESSAGES_API).get(0).getBodyAsString());
        assertThat(send).containsEntry("ContentSid", CONTENT_SID).containsEntry("To", "whatsapp:" + CUSTOMER.e164());
        assertThat(send.get("ContentVariables")).isEqualTo("{\"1\":\"Ana\",\"2\":\"A-1042\"}");

        agentAsks("IM00000000000000000000000000000002", "{\"deskbridge\": {\"template\": \"order_update\", "
                + "\"language\": \"en\", \"parameters\": [\"Ana\"]}}");
        agentAsks("IM00000000000000000000000000000003", "{\"deskbridge\": {\"template\": \"order_update\", "
                + "\"parameters\": {\"name\": {\"first\": \"Ana\"}}}}");
        probe.await("two refusals noted", () -> notes("TEMPLATE_REFUSED").size() == 2
                && probe.count("SELECT COUNT(*) FROM inbox WHERE status <> 'DONE'") == 0);
        List<String> refusals = notes("TEMPLATE_REFUSED").stream().map(r -> form(r.getBodyAsString()).get("Body"))
                .toList();
        assertThat(refusals).anySatisfy(b -> assertThat(b).contains("[parameter_missing]", "body.2"));
        assertThat(refusals).anySatisfy(b -> assertThat(b).contains("[template_command_invalid]",
                "attributes.deskbridge.parameters.name"));
        assertThat(posts(MESSAGES_API)).as("nothing sent for the wrong ones").hasSize(1);
        assertThat(posts(CONVERSATION + "/Messages")).as("the customer's message and the notes, each marked as "
                + "DeskBridge's own so that none is read back as an agent's reply")
                .allSatisfy(r -> assertThat(form(r.getBodyAsString()).get("Attributes")).contains("\"origin\":"));
        assertThat(probe.count("SELECT COUNT(*) FROM dead_letters")).isZero();
    }

    private void agentAsks(String messageSid, String attributes) {
        assertThat(TwilioWebhooks.post(probe, CRM_WEBHOOK, TwilioWebhooks.messageAdded(CONVERSATION_SID, messageSid,
                "agent.maria@example.com", "SDK", attributes, "Sending a template")).statusCode()).isEqualTo(200);
    }

    /** Notes of one kind DeskBridge posted on the Conversation. */
    private List<LoggedRequest> notes(String kind) {
        return posts(CONVERSATION + "/Messages").stream()
                .filter(r -> form(r.getBodyAsString()).getOrDefault("Attributes", "").contains("\"" + kind + "\""))
                .toList();
    }

    private List<LoggedRequest> posts(String path) {
        return twilio.server.findAll(postRequestedFor(urlPathEqualTo(path)));
    }
}
