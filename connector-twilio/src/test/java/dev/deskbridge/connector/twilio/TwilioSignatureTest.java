package dev.deskbridge.connector.twilio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.deskbridge.connector.api.error.WebhookRejectedException;
import dev.deskbridge.connector.api.error.WebhookRejectedException.Reason;
import dev.deskbridge.connector.api.webhook.StoredWebhook;
import dev.deskbridge.connector.api.webhook.WebhookRequest;
import dev.deskbridge.connector.testkit.FakeConnectorContext;
import dev.deskbridge.connector.testkit.RecordingMetrics;
import dev.deskbridge.connector.twilio.stub.TwilioSamples;
import dev.deskbridge.connector.twilio.stub.TwilioSigner;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code X-Twilio-Signature} on both extensions' webhooks: a request signed by the SDK's own
 * logic passes; a wrong token, a changed parameter, another URL, or no header are each refused
 * with no event.
 */
class TwilioSignatureTest {

    /** One extension's webhook: its URL, a sample, and how to receive it. */
    record Endpoint(String name, String url, Map<String, String> params,
            Function<FakeConnectorContext, Function<WebhookRequest, List<?>>> receiver, String changedParam) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Endpoint> endpoints() {
        TwilioWhatsAppChannel channel = new TwilioWhatsAppChannel();
        TwilioConversationsConnector crm = new TwilioConversationsConnector();
        return Stream.of(
                new Endpoint("twilio-whatsapp", TwilioSamples.CHANNEL_WEBHOOK_URL,
                        TwilioSamples.inboundText("SM0123456789abcdef0123456789abcdef", "Oi"),
                        ctx -> channel.open(ctx)::receive, "Body"),
                new Endpoint("twilio-conversations", TwilioSamples.CRM_WEBHOOK_URL,
                        TwilioSamples.agentMessageAdded("IM0123456789abcdef0123456789abcdef", "On its way"),
                        ctx -> request -> {
                            // Verified in the request, read later from what was stored.
                            var session = crm.open(ctx);
                            session.verify(request);
                            return session.read(new StoredWebhook("stored-1", request));
                        }, "Body"));
    }

    private static FakeConnectorContext context(Endpoint e) {
        Map<String, String> settings = e.name().equals("twilio-whatsapp")
                ? TwilioSamples.channelSettings(TwilioSamples.UNUSED_LOOPBACK)
                : TwilioSamples.conversationsSettings(TwilioSamples.UNUSED_LOOPBACK);
        var spec = e.name().equals("twilio-whatsapp") ? new TwilioWhatsAppChannel().configSpec()
                : new TwilioConversationsConnector().configSpec();
        return FakeConnectorContext.of(spec, settings);
    }

    static Stream<Arguments> tampered() {
        return endpoints().flatMap(e -> Stream.of(
                Arguments.of(e, "wrong token", TwilioSigner.signedForm("0".repeat(32), e.url(), e.params()),
                        Reason.BAD_SIGNATURE),
                Arguments.of(e, "changed parameter", TwilioSigner.form(e.url(),
                        TwilioSamples.with(e.params(), e.changedParam(), "send the refund to account 123"))
                        .header("X-Twilio-Signature", TwilioSigner.signature(TwilioSamples.AUTH_TOKEN, e.url(), e.params()))
                        .build(), Reason.BAD_SIGNATURE),
                Arguments.of(e, "added parameter", TwilioSigner.form(e.url(),
                        TwilioSamples.with(e.params(), "Extra", "1"))
                        .header("X-Twilio-Signature", TwilioSigner.signature(TwilioSamples.AUTH_TOKEN, e.url(), e.params()))
                        .build(), Reason.BAD_SIGNATURE),
                Arguments.of(e, "different URL", TwilioSigner.form(e.url() + "-other", e.params())
                        .header("X-Twilio-Signature", TwilioSigner.signature(TwilioSamples.AUTH_TOKEN, e.url(), e.params()))
                        .build(), Reason.BAD_SIGNATURE),
                Arguments.of(e, "different query", TwilioSigner.form(e.url() + "?tenant=b", e.params())
                        .header("X-Twilio-Signature", TwilioSigner.signature(TwilioSamples.AUTH_TOKEN,
                                e.url() + "?tenant=a", e.params()))
                        .build(), Reason.BAD_SIGNATURE),
                Arguments.of(e, "missing header", TwilioSigner.form(e.url(), e.params()).build(),
                        Reason.MISSING_SIGNATURE),
                Arguments.of(e, "empty header", TwilioSigner.form(e.url(), e.params())
                        .header("X-Twilio-Signature", " ").build(), Reason.MISSING_SIGNATURE)));
    }

    @ParameterizedTest(name = "{0}: signed by the SDK's logic is accepted")
    @MethodSource("endpoints")
    void signedBySdkLogicIsAccepted(Endpoint e) {
        FakeConnectorContext ctx = context(e);
        WebhookRequest request = TwilioSigner.signedForm(TwilioSamples.AUTH_TOKEN, e.url(), e.params());

        assertThat(e.receiver().apply(ctx).apply(request)).hasSize(1);
    }

    @ParameterizedTest(name = "{0}: signed over a URL with a query string is accepted")
    @MethodSource("endpoints")
    void queryStringIsPartOfTheSignedUrl(Endpoint e) {
        String url = e.url() + "?tenant=a&b=2";
        WebhookRequest request = TwilioSigner.signedForm(TwilioSamples.AUTH_TOKEN, url, e.params());

        assertThat(e.receiver().apply(context(e)).apply(request)).hasSize(1);
    }

    @ParameterizedTest(name = "{0}: {1} is rejected with no event")
    @MethodSource("tampered")
    void tamperedRequestsAreRejected(Endpoint e, String how, WebhookRequest request, Reason reason) {
        FakeConnectorContext ctx = context(e);
        Function<WebhookRequest, List<?>> receive = e.receiver().apply(ctx);

        assertThatThrownBy(() -> receive.apply(request))
                .isInstanceOf(WebhookRejectedException.class)
                .satisfies(x -> assertThat(((WebhookRejectedException) x).reason()).isEqualTo(reason))
                .hasMessageNotContaining(TwilioSamples.AUTH_TOKEN);
        RecordingMetrics metrics = ctx.metrics();
        assertThat(metrics.total("webhooks_rejected")).isEqualTo(1);
        assertThat(metrics.total("webhook_events")).as("nothing parsed or counted").isZero();
        assertThat(ctx.badRecords()).isEmpty();
    }

    @ParameterizedTest(name = "{0}: a JSON body is not a Twilio webhook")
    @MethodSource("endpoints")
    void nonFormBodyIsRefused(Endpoint e) {
        WebhookRequest json = dev.deskbridge.connector.testkit.WebhookRequests.post(e.url())
                .header("Content-Type", "application/json")
                .header("X-Twilio-Signature", TwilioSigner.signature(TwilioSamples.AUTH_TOKEN, e.url(), Map.of()))
                .body("{\"Body\":\"hi\"}").build();

        assertThatThrownBy(() -> e.receiver().apply(context(e)).apply(json))
                .isInstanceOf(WebhookRejectedException.class)
                .satisfies(x -> assertThat(((WebhookRejectedException) x).reason()).isEqualTo(Reason.UNSUPPORTED_REQUEST));
    }
}
