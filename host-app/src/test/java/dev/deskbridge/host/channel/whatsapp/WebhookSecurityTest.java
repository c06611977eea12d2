package dev.deskbridge.host.channel.whatsapp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.deskbridge.connector.api.error.WebhookRejectedException;
import dev.deskbridge.connector.api.error.WebhookRejectedException.Reason;
import dev.deskbridge.connector.api.webhook.WebhookRequest;
import dev.deskbridge.connector.api.webhook.WebhookResponse;
import dev.deskbridge.connector.testkit.WebhookRequests;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Webhooks are verified over the exact raw bytes before anything is read, and the handshake only
 * answers the configured verify token. A refused request yields no event and no stored record.
 */
class WebhookSecurityTest extends OfflineSessionTest {
    /** Pretty-printed with non-ASCII text: any re-serialisation changes the bytes. */
    private static final String BODY = """
            {
              "object": "whatsapp_business_account",
              "entry": [ { "id": "419561257915477", "changes": [ { "field": "messages", "value": {
                "messaging_product": "whatsapp",
                "metadata": { "display_phone_number": "15550783881", "phone_number_id": "106540352242922" },
                "contacts": [ { "profile": { "name": "Lucía Gómez" }, "wa_id": "16505551234" } ],
                "messages": [ { "from": "16505551234", "id": "wamid.SEC-1", "timestamp": "1749416383",
                                "type": "text", "text": { "body": "¿Tienen otro color? \\u00e9" } } ] } } ] } ]
            }
            """;
    private static final byte[] RAW = BODY.getBytes(StandardCharsets.UTF_8);


    private WebhookRejectedException rejected(WebhookRequest request) {
        WebhookRejectedException e = catchThrowableOfType(() -> session.receive(request),
                WebhookRejectedException.class);
        assertThat(e).as("rejected").isNotNull();
        assertThat(context.badRecords()).as("nothing kept from a refused webhook").isEmpty();
        assertThat(e.getMessage()).doesNotContain(MetaStub.APP_SECRET)
                .doesNotContain(SignedWebhooks.signature(MetaStub.APP_SECRET, request.body()).substring(7));
        return e;
    }

    @Test
    void correctlySignedRawBytesAreAccepted() {
        assertThat(session.receive(SignedWebhooks.signed(RAW))).singleElement()
                .extracting(e -> e.eventId()).isEqualTo("msg:wamid.SEC-1");
    }

    @Test
    void wrongSignatureIsRejected() {
        WebhookRejectedException e = rejected(SignedWebhooks.signedWith("another-apps-secret", RAW, RAW));

        assertThat(e.reason()).isEqualTo(Reason.BAD_SIGNATURE);
        assertThat(e.reason().httpStatus()).isEqualTo(401);
        assertThat(e.getMessage()).contains("X-Hub-Signature-256").contains("does not match");
        assertThat(context.metrics().count("whatsapp_webhooks_rejected", "reason", "bad_signature")).isEqualTo(1);
    }

    @Test
    void missingSignatureIsRejected() {
        WebhookRequest unsigned = WebhookRequests.post(SignedWebhooks.URL)
                .header("Content-Type", "application/json").body(RAW).build();

        WebhookRejectedException e = rejected(unsigned);

        assertThat(e.reason()).isEqualTo(Reason.MISSING_SIGNATURE);
        assertThat(e.getMessage()).contains("no X-Hub-Signature-256");
    }

    @Test
    void malformedSignatureHeadersAreRejected() {
        String good = SignedWebhooks.signature(MetaStub.APP_SECRET, RAW);
        for (String header : List.of("sha1=" + good.substring(7, 47), good.substring(7), good + "00",
                "sha256=" + "zz".repeat(32), "sha256=")) {
            WebhookRequest r = WebhookRequests.post(SignedWebhooks.URL).header("X-Hub-Signature-256", header)
                    .body(RAW).build();
            WebhookRejectedException e = rejected(r);
            assertThat(e.reason()).as(header).isEqualTo(Reason.BAD_SIGNATURE);
            assertThat(e.getMessage()).contains("sha256=<64 hex digits>");
        }
    }

    @Test
    void signatureOverReserialisedJsonIsRejected() throws Exception {
        ObjectMapper json = new ObjectMapper();
        byte[] reserialised = json.writeValueAsBytes(json.readTree(RAW));
        assertThat(reserialised).isNotEqualTo(RAW);
        assertThat(json.readTree(reserialised)).isEqualTo(json.readTree(RAW));

        WebhookRejectedException e = rejected(SignedWebhooks.signedWith(MetaStub.APP_SECRET, reserialised, RAW));

        assertThat(e.reason()).isEqualTo(Reason.BAD_SIGNATURE);
        assertThat(e.getMessage()).contains("raw body bytes");
    }

    @Test
    void signatureIsCheckedBeforeTheBodyIsRead() {
        byte[] notJson = "this is not json".getBytes(StandardCharsets.UTF_8);

        assertThat(rejected(SignedWebhooks.signedWith("wrong", notJson, notJson)).reason())
                .as("a bad signature wins over a bad body").isEqualTo(Reason.BAD_SIGNATURE);
    }

    @Test
    void signedBodyThatIsNotJsonIsRejected() {
        WebhookRejectedException e = rejected(SignedWebhooks.signed("<xml>not json</xml>"));

        assertThat(e.reason()).isEqualTo(Reason.MALFORMED_BODY);
        assertThat(e.reason().httpStatus()).isEqualTo(400);
        assertThat(e.getMessage()).contains("not JSON").contains("line 1");
    }

    @Test
    void signedBodiesThatAreNotWebhooksSayWhatIsWrong() {
        assertThat(rejected(SignedWebhooks.signed("")).getMessage()).contains("empty");
        assertThat(rejected(SignedWebhooks.signed("[1,2]")).getMessage()).contains("not an object");
        assertThat(rejected(SignedWebhooks.signed("{\"entry\":[]}")).getMessage()).contains("'object' is missing");
        assertThat(rejected(SignedWebhooks.signed("{\"object\":\"whatsapp_business_account\"}")).getMessage())
                .contains("'entry'");
        // A broken entry or change is not the envelope: it is skipped and reported (WebhookParserTest).
        assertThat(rejected(SignedWebhooks.signed("{\"object\":\"whatsapp_business_account\",\"entry\":[]} x"))
                .reason()).isEqualTo(Reason.MALFORMED_BODY);
        WebhookRejectedException page = rejected(SignedWebhooks.signed("{\"object\":\"page\",\"entry\":[]}"));
        assertThat(page.reason()).isEqualTo(Reason.UNSUPPORTED_REQUEST);
        assertThat(page.getMessage()).contains("'page'");
    }

    @Test
    void aGetIsNotADelivery() {
        WebhookRequest get = WebhookRequests.get(SignedWebhooks.URL).build();

        assertThat(rejected(get).reason()).isEqualTo(Reason.UNSUPPORTED_REQUEST);
    }

    private static WebhookRequest handshake(String mode, String token, String challenge) {
        WebhookRequests r = WebhookRequests.get(SignedWebhooks.URL);
        if (mode != null) {
            r.query("hub.mode", mode);
        }
        if (token != null) {
            r.query("hub.verify_token", token);
        }
        if (challenge != null) {
            r.query("hub.challenge", challenge);
        }
        return r.build();
    }

    @Test
    void handshakeEchoesTheChallengeForTheRightToken() {
        Optional<WebhookResponse> answer = session.handshake(handshake("subscribe", MetaStub.VERIFY_TOKEN, "1158201444"));

        assertThat(answer).contains(WebhookResponse.text(200, "1158201444"));
    }

    @Test
    void handshakeWithTheWrongTokenIsRejected() {
        WebhookRejectedException e = catchThrowableOfType(
                () -> session.handshake(handshake("subscribe", "guess", "1158201444")), WebhookRejectedException.class);

        assertThat(e.reason()).isEqualTo(Reason.BAD_SIGNATURE);
        assertThat(e.getMessage()).contains("hub.verify_token").doesNotContain(MetaStub.VERIFY_TOKEN);
    }

    @Test
    void handshakeWithoutTokenOrChallengeOrWithAnotherModeIsRejected() {
        assertThat(catchThrowableOfType(() -> session.handshake(handshake("subscribe", null, "1")),
                WebhookRejectedException.class).reason()).isEqualTo(Reason.MISSING_SIGNATURE);
        assertThat(catchThrowableOfType(() -> session.handshake(handshake("subscribe", MetaStub.VERIFY_TOKEN, null)),
                WebhookRejectedException.class).getMessage()).contains("hub.challenge");
        assertThat(catchThrowableOfType(() -> session.handshake(handshake("subscribe", MetaStub.VERIFY_TOKEN,
                "<script>")), WebhookRejectedException.class).getMessage()).contains("hub.challenge");
        assertThat(catchThrowableOfType(() -> session.handshake(handshake("unsubscribe", MetaStub.VERIFY_TOKEN, "1")),
                WebhookRejectedException.class).reason()).isEqualTo(Reason.UNSUPPORTED_REQUEST);
    }

    @Test
    void requestsThatAreNoHandshakeAreLeftAlone() {
        assertThat(session.handshake(handshake(null, null, null))).isEmpty();
        assertThat(session.handshake(SignedWebhooks.signed(RAW))).isEmpty();
    }
}
