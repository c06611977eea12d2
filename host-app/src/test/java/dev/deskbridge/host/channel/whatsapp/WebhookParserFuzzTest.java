package dev.deskbridge.host.channel.whatsapp;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.deskbridge.connector.api.config.Secret;
import dev.deskbridge.connector.api.error.WebhookRejectedException;
import dev.deskbridge.connector.api.model.ChannelEvent;
import dev.deskbridge.connector.api.model.PhoneNumber;
import dev.deskbridge.connector.api.webhook.WebhookRequest;
import dev.deskbridge.connector.testkit.WebhookRequests;

/**
 * Any body, correctly signed, either yields well-formed events or is refused with the SPI's
 * rejection: nothing else may escape the webhook path. In the normal build this runs the seed
 * corpus beside this class ({@code WebhookParserFuzzTestInputs/anyBody/}, Meta's documented
 * webhooks and edge cases) as a regression test; with {@code JAZZER_FUZZ=1} it fuzzes.
 */
class WebhookParserFuzzTest {
    private static final WebhookSignature SIGNATURE = new WebhookSignature(new Secret(MetaStub.APP_SECRET));
    private static final WebhookParser PARSER =
            new WebhookParser(MetaStub.PHONE_NUMBER_ID, PhoneNumber.of(MetaStub.BUSINESS));

    @FuzzTest(maxDuration = "2m")
    void anyBody(byte[] body) {
        WebhookRequest request = WebhookRequests.post(SignedWebhooks.URL)
                .header(WebhookSignature.HEADER, SIGNATURE.headerValue(body))
                .body(body)
                .build();
        WebhookParser.Result result;
        try {
            SIGNATURE.verify(request);
            result = PARSER.parse(request.body());
        } catch (WebhookRejectedException e) {
            assertThat(e.getMessage()).isNotBlank();
            assertThat(e.reason()).isNotNull();
            return;
        }
        for (ChannelEvent event : result.events()) {
            assertThat(event.eventId()).matches("(msg|status):.+");
        }
        assertThat(result.problems()).allSatisfy(p -> assertThat(p).startsWith("entry["));
    }
}
