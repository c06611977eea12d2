package dev.deskbridge.connector.twilio;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.deskbridge.connector.api.ChannelSession;
import dev.deskbridge.connector.api.CrmSession;
import dev.deskbridge.connector.api.error.WebhookRejectedException;
import dev.deskbridge.connector.api.webhook.StoredWebhook;
import dev.deskbridge.connector.api.webhook.WebhookRequest;
import dev.deskbridge.connector.testkit.FakeConnectorContext;
import dev.deskbridge.connector.twilio.stub.TwilioSamples;
import dev.deskbridge.connector.twilio.stub.TwilioSigner;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Correctly signed webhooks with arbitrary content: the parsers either give events or reject the
 * request as a {@link WebhookRejectedException}, never anything else. The input is the raw form
 * body, signed over the parameters it decodes to. Runs the seeds beside this class in every build
 * ({@code TwilioWebhookFuzzTestInputs/<method>/}: the parameters of Twilio's documented incoming
 * message, status callback and Conversations {@code onMessageAdded} webhooks); {@code JAZZER_FUZZ=1}
 * fuzzes for real (see FUZZING.md).
 */
class TwilioWebhookFuzzTest {
    private static final TwilioWhatsAppChannel CHANNEL = new TwilioWhatsAppChannel();
    private static final TwilioConversationsConnector CRM = new TwilioConversationsConnector();
    private static final ChannelSession CHANNEL_SESSION = CHANNEL.open(FakeConnectorContext.of(CHANNEL.configSpec(),
            TwilioSamples.channelSettings(TwilioSamples.UNUSED_LOOPBACK)));
    private static final CrmSession CRM_SESSION = CRM.open(FakeConnectorContext.of(CRM.configSpec(),
            TwilioSamples.conversationsSettings(TwilioSamples.UNUSED_LOOPBACK)));

    @FuzzTest(maxDuration = "60s")
    void channelWebhooks(byte[] body) {
        receive(() -> CHANNEL_SESSION.receive(signed(body, TwilioSamples.CHANNEL_WEBHOOK_URL)));
    }

    @FuzzTest(maxDuration = "60s")
    void conversationsWebhooks(byte[] body) {
        receive(() -> {
            // What the host does: verify in the request, then read the stored webhook in a worker.
            WebhookRequest request = signed(body, TwilioSamples.CRM_WEBHOOK_URL);
            CRM_SESSION.verify(request);
            CRM_SESSION.read(new StoredWebhook("fuzz", request));
        });
    }

    /** Raw bytes signed as Twilio signs a form: over the URL and the parameters they decode to. */
    private static WebhookRequest signed(byte[] body, String url) {
        return TwilioSigner.form(url, Map.of()).body(body)
                .header("X-Twilio-Signature", TwilioSigner.signature(TwilioSamples.AUTH_TOKEN, url,
                        lenientForm(new String(body, StandardCharsets.UTF_8))))
                .build();
    }

    /** The parameters a body would give, ignoring what does not decode; good enough for a signature. */
    private static Map<String, String> lenientForm(String body) {
        Map<String, String> p = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            try {
                int eq = pair.indexOf('=');
                p.put(java.net.URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8),
                        eq < 0 ? "" : java.net.URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            } catch (IllegalArgumentException ignored) {
                // An undecodable pair: the session must reject the body anyway.
            }
        }
        return p;
    }

    private static void receive(Runnable call) {
        try {
            call.run();
        } catch (WebhookRejectedException expected) {
            // A clear refusal is a correct answer to a broken webhook.
        }
    }
}
