package dev.deskbridge.connector.twilio;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.deskbridge.connector.api.ChannelSession;
import dev.deskbridge.connector.api.CrmSession;
import dev.deskbridge.connector.api.error.WebhookRejectedException;
import dev.deskbridge.connector.api.webhook.WebhookRequest;
import dev.deskbridge.connector.testkit.FakeConnectorContext;
import dev.deskbridge.connector.twilio.stub.TwilioSamples;
import dev.deskbridge.connector.twilio.stub.TwilioSigner;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Correctly signed webhooks with arbitrary content: the parsers either give events or reject the
 * request as a {@link WebhookRejectedException}, never anything else. Runs its seeds in every
 * build; {@code JAZZER_FUZZ=1} fuzzes for real.
 */
class TwilioWebhookFuzzTest {
    /** Parameters Twilio sends, so the fuzzer reaches past "missing parameter". */
    private static final List<String> CHANNEL_KEYS = List.of("MessageSid", "From", "To", "Body", "ProfileName",
            "WaId", "NumMedia", "MediaUrl0", "MediaContentType0", "MediaUrl1", "Latitude", "Longitude", "Label",
            "ButtonPayload", "ButtonText", "ListId", "ReferralSourceType", "ReferralCtwaClid", "MessageStatus",
            "SmsSid", "ErrorCode", "ErrorMessage", "Price", "PriceUnit", "ChannelToAddress", "MessageType");
    private static final List<String> CRM_KEYS = List.of("EventType", "MessageSid", "ConversationSid", "Author",
            "ClientIdentity", "Body", "Attributes", "Media", "ChatServiceSid", "DateCreated", "Source");

    private static final TwilioWhatsAppChannel CHANNEL = new TwilioWhatsAppChannel();
    private static final TwilioConversationsConnector CRM = new TwilioConversationsConnector();

    private static Map<String, String> params(FuzzedDataProvider data, List<String> keys) {
        Map<String, String> p = new LinkedHashMap<>();
        int n = data.consumeInt(0, 12);
        for (int i = 0; i < n; i++) {
            String key = data.consumeBoolean() ? data.pickValue(keys) : data.consumeString(12);
            p.put(key, data.consumeString(64));
        }
        return p;
    }

    @FuzzTest(maxDuration = "60s")
    void channelWebhooks(FuzzedDataProvider data) {
        try (ChannelSession session = CHANNEL.open(FakeConnectorContext.of(CHANNEL.configSpec(),
                TwilioSamples.channelSettings(TwilioSamples.UNUSED_LOOPBACK)))) {
            receive(() -> session.receive(request(data, CHANNEL_KEYS, TwilioSamples.CHANNEL_WEBHOOK_URL)));
        }
    }

    @FuzzTest(maxDuration = "60s")
    void conversationsWebhooks(FuzzedDataProvider data) {
        try (CrmSession session = CRM.open(FakeConnectorContext.of(CRM.configSpec(),
                TwilioSamples.conversationsSettings(TwilioSamples.UNUSED_LOOPBACK)))) {
            receive(() -> session.receive(request(data, CRM_KEYS, TwilioSamples.CRM_WEBHOOK_URL)));
        }
    }

    /** Either a parsed form (signed over what it holds) or raw bytes signed as if they were a form. */
    private static WebhookRequest request(FuzzedDataProvider data, List<String> keys, String url) {
        if (data.consumeBoolean()) {
            return TwilioSigner.signedForm(TwilioSamples.AUTH_TOKEN, url, params(data, keys));
        }
        byte[] body = data.consumeRemainingAsBytes();
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
