package dev.deskbridge.connector.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.deskbridge.connector.api.ChannelCapability;
import dev.deskbridge.connector.api.ChannelSession;
import dev.deskbridge.connector.api.MessagingChannel;
import dev.deskbridge.connector.api.error.WebhookRejectedException;
import dev.deskbridge.connector.api.model.ChannelEvent;
import dev.deskbridge.connector.api.model.DeliveryUpdate;
import dev.deskbridge.connector.api.webhook.WebhookRequest;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link MessagingChannel} passes. Extend it in the connector's tests, supply
 * the abstract pieces, and override the optional hooks for what the channel can show.
 */
public abstract class MessagingChannelContract {

    /** The extension under test. */
    protected abstract MessagingChannel channel();

    /** Settings that validate cleanly and open a session without network access. */
    protected abstract Map<String, String> validSettings();

    /** A context for a session: override to point base URLs at a stub. */
    protected FakeConnectorContext context() {
        return FakeConnectorContext.of(channel().configSpec(), validSettings());
    }

    /**
     * A correctly signed webhook carrying at least one event, for the given context; empty when
     * the connector does not provide one (the test is then skipped).
     */
    protected Optional<WebhookRequest> signedInboundWebhook(FakeConnectorContext context) {
        return Optional.empty();
    }

    @Test
    void typeIsAStableName() {
        ConnectorContractSupport.typeIsAStableName(channel().type());
    }

    @Test
    void specDeclaresDocumentedSettings() {
        ConnectorContractSupport.specDeclaresDocumentedSettings(channel().configSpec());
    }

    @Test
    void validSettingsPass() {
        ConnectorContractSupport.validSettingsPass(channel().configSpec(), validSettings());
    }

    @Test
    void eachMissingRequiredSettingIsNamed() {
        ConnectorContractSupport.eachMissingRequiredSettingIsNamed(channel().configSpec(), validSettings());
    }

    @Test
    void unknownSettingIsNamed() {
        ConnectorContractSupport.unknownSettingIsNamed(channel().configSpec(), validSettings());
    }

    @Test
    void secretsNeverEchoed() {
        ConnectorContractSupport.secretsNeverEchoed(channel().configSpec(), validSettings());
    }

    @Test
    void sessionOpensWithoutNetworkAndClosesTwice() {
        ChannelSession session = channel().open(context());
        assertThat(session.capabilities()).as("capabilities").isNotNull();
        session.close();
        session.close();
    }

    @Test
    void sessionToStringHidesSecrets() {
        FakeConnectorContext ctx = context();
        try (ChannelSession session = channel().open(ctx)) {
            String text = session.toString();
            channel().configSpec().settings().stream().filter(s -> s.secret())
                    .map(s -> validSettings().get(s.name()))
                    .filter(v -> v != null && v.length() >= 4)
                    .forEach(v -> assertThat(text).doesNotContain(v));
        }
    }

    /**
     * A correctly signed status webhook of a message the channel sent with {@code sendKey} as its
     * {@link dev.deskbridge.connector.api.model.SendRequest#idempotencyKey()}, as the provider would
     * call back; required when the session declares {@link ChannelCapability#STATUS_NAMES_SEND}.
     */
    protected Optional<WebhookRequest> signedStatusOfSend(FakeConnectorContext context, String sendKey) {
        return Optional.empty();
    }

    @Test
    void unsignedWebhookIsRejectedWithoutEvents() {
        FakeConnectorContext ctx = context();
        try (ChannelSession session = channel().open(ctx)) {
            WebhookRequest unsigned = WebhookRequests.post("https://deskbridge.example/webhooks/channels/test")
                    .header("Content-Type", "application/json")
                    .body("{\"object\":\"whatsapp_business_account\",\"entry\":[]}")
                    .build();
            assertThatThrownBy(() -> session.receive(unsigned))
                    .isInstanceOf(WebhookRejectedException.class)
                    .satisfies(e -> assertThat(((WebhookRejectedException) e).reason())
                            .isIn(WebhookRejectedException.Reason.MISSING_SIGNATURE,
                                    WebhookRejectedException.Reason.BAD_SIGNATURE));
        }
    }

    @Test
    void signedWebhookYieldsEventsWithIds() {
        FakeConnectorContext ctx = context();
        try (ChannelSession session = channel().open(ctx)) {
            Optional<WebhookRequest> signed = signedInboundWebhook(ctx);
            assumeThat(signed).as("connector provides a signed sample webhook").isPresent();
            List<ChannelEvent> events = session.receive(signed.get());
            assertThat(events).isNotEmpty();
            assertThat(events).allSatisfy(e -> assertThat(e.eventId()).isNotBlank());
            assertThat(session.receive(signed.get())).as("same webhook again gives the same event ids")
                    .extracting(ChannelEvent::eventId)
                    .containsExactlyElementsOf(events.stream().map(ChannelEvent::eventId).toList());
        }
    }

    @Test
    void aChannelWhoseStatusesNameTheirSendNamesIt() {
        FakeConnectorContext ctx = context();
        try (ChannelSession session = channel().open(ctx)) {
            assumeThat(session.capabilities()).as("declares STATUS_NAMES_SEND")
                    .contains(ChannelCapability.STATUS_NAMES_SEND);
            Optional<WebhookRequest> status = signedStatusOfSend(ctx, "contract-send-42");
            assertThat(status).as("a channel declaring STATUS_NAMES_SEND overrides signedStatusOfSend").isPresent();
            List<DeliveryUpdate> updates = session.receive(status.get()).stream()
                    .filter(DeliveryUpdate.class::isInstance).map(DeliveryUpdate.class::cast).toList();
            // The host trusts this key to tell that the provider took a send whose answer was lost.
            assertThat(updates).as("delivery updates of the status webhook").isNotEmpty()
                    .allSatisfy(u -> assertThat(u.sendKey()).contains("contract-send-42"));
        }
    }

    @Test
    void textLimitIsOneTheHostCanCutRepliesTo() {
        try (ChannelSession session = channel().open(context())) {
            // The host cuts a longer reply into parts of at most this many chars: each part must hold a
            // character (a surrogate pair is two), and no provider takes more than WhatsApp itself.
            assertThat(session.maxTextLength()).as("maxTextLength").isBetween(2, 4096);
        }
    }

    @Test
    void declaredCapabilitiesAreConsistent() {
        try (ChannelSession session = channel().open(context())) {
            if (!session.capabilities().contains(ChannelCapability.MARK_READ)) {
                assertThatThrownBy(() -> session.markRead(
                        dev.deskbridge.connector.api.model.PhoneNumber.of("+12015550100"), "x"))
                        .isInstanceOf(UnsupportedOperationException.class);
            }
            if (!session.capabilities().contains(ChannelCapability.MEDIA_DOWNLOAD)) {
                assertThatThrownBy(() -> session.downloadMedia("x"))
                        .isInstanceOf(UnsupportedOperationException.class);
            }
        }
    }
}
