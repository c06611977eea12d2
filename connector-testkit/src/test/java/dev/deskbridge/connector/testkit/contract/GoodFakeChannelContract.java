package dev.deskbridge.connector.testkit.contract;

import dev.deskbridge.connector.api.MessagingChannel;
import dev.deskbridge.connector.api.webhook.WebhookRequest;
import dev.deskbridge.connector.testkit.FakeConnectorContext;
import dev.deskbridge.connector.testkit.MessagingChannelContract;
import dev.deskbridge.connector.testkit.WebhookRequests;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

/**
 * The channel contract over the well-behaved fake channel plugin: the baseline every broken fake
 * channel differs from by one mistake. Run by {@link ContractSuiteCatchesMistakesTest}, not by Surefire directly.
 */
class GoodFakeChannelContract extends MessagingChannelContract {
    static final String APP_SECRET = "app-secret-9012";

    /** The mistake this run's fake makes. */
    FakeChannel.Mistake mistake() {
        return FakeChannel.Mistake.NONE;
    }

    @Override
    protected MessagingChannel channel() {
        return new FakeChannel(mistake());
    }

    @Override
    protected Map<String, String> validSettings() {
        return Map.of("account", "acct-1", "app_secret", APP_SECRET);
    }

    @Override
    protected Optional<WebhookRequest> signedInboundWebhook(FakeConnectorContext context) {
        return Optional.of(signed("status fake-m1 -\nstatus fake-m2 -"));
    }

    @Override
    protected Optional<WebhookRequest> signedStatusOfSend(FakeConnectorContext context, String sendKey) {
        return Optional.of(signed("status fake-" + sendKey + " " + sendKey));
    }

    static WebhookRequest signed(String body) {
        return WebhookRequests.post("https://deskbridge.example/webhooks/channels/fake")
                .header(FakeCrm.SIGNATURE_HEADER, FakeCrm.sign(APP_SECRET, body.getBytes(StandardCharsets.UTF_8)))
                .body(body).build();
    }
}
