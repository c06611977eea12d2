package dev.deskbridge.connector.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.deskbridge.connector.api.CrmCapability;
import dev.deskbridge.connector.api.CrmConnector;
import dev.deskbridge.connector.api.CrmSession;
import dev.deskbridge.connector.api.error.WebhookRejectedException;
import dev.deskbridge.connector.api.model.AgentReply;
import dev.deskbridge.connector.api.webhook.StoredWebhook;
import dev.deskbridge.connector.api.webhook.VerifiedWebhook;
import dev.deskbridge.connector.api.webhook.WebhookRequest;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link CrmConnector} passes. Extend it in the connector's tests, supply the
 * abstract pieces, and override the optional hooks for what the CRM can show.
 */
public abstract class CrmConnectorContract {

    /** The extension under test. */
    protected abstract CrmConnector connector();

    /** Settings that validate cleanly and open a session without network access. */
    protected abstract Map<String, String> validSettings();

    /** A context for a session: override to point base URLs at a stub. */
    protected FakeConnectorContext context() {
        return FakeConnectorContext.of(connector().configSpec(), validSettings());
    }

    /**
     * A correctly signed webhook that yields at least one agent reply against the test's stub;
     * empty when the connector does not provide one (the test is then skipped).
     */
    protected Optional<WebhookRequest> signedAgentReplyWebhook(FakeConnectorContext context) {
        return Optional.empty();
    }

    /**
     * Settings like {@link #validSettings()} whose CRM API cannot be reached (a closed port), to
     * show that verifying a webhook never calls out; empty skips that test.
     */
    protected Optional<FakeConnectorContext> unreachableContext() {
        return Optional.empty();
    }

    @Test
    void typeIsAStableName() {
        ConnectorContractSupport.typeIsAStableName(connector().type());
    }

    @Test
    void specDeclaresDocumentedSettings() {
        ConnectorContractSupport.specDeclaresDocumentedSettings(connector().configSpec());
    }

    @Test
    void validSettingsPass() {
        ConnectorContractSupport.validSettingsPass(connector().configSpec(), validSettings());
    }

    @Test
    void eachMissingRequiredSettingIsNamed() {
        ConnectorContractSupport.eachMissingRequiredSettingIsNamed(connector().configSpec(), validSettings());
    }

    @Test
    void unknownSettingIsNamed() {
        ConnectorContractSupport.unknownSettingIsNamed(connector().configSpec(), validSettings());
    }

    @Test
    void secretsNeverEchoed() {
        ConnectorContractSupport.secretsNeverEchoed(connector().configSpec(), validSettings());
    }

    @Test
    void sessionOpensWithoutNetworkAndClosesTwice() {
        CrmSession session = connector().open(context());
        assertThat(session.capabilities()).as("capabilities").isNotNull();
        session.close();
        session.close();
    }

    @Test
    void sessionToStringHidesSecrets() {
        try (CrmSession session = connector().open(context())) {
            String text = session.toString();
            connector().configSpec().settings().stream().filter(s -> s.secret())
                    .map(s -> validSettings().get(s.name()))
                    .filter(v -> v != null && v.length() >= 4)
                    .forEach(v -> assertThat(text).doesNotContain(v));
        }
    }

    @Test
    void unsignedWebhookIsRejectedWithoutReplies() {
        try (CrmSession session = connector().open(context())) {
            assumeThat(session.capabilities()).contains(CrmCapability.WEBHOOKS);
            WebhookRequest unsigned = WebhookRequests.post("https://deskbridge.example/webhooks/crms/test")
                    .header("Content-Type", "application/json")
                    .body("{\"ticket_id\":\"1\",\"comment_id\":\"2\"}")
                    .build();
            assertThatThrownBy(() -> session.verify(unsigned))
                    .isInstanceOf(WebhookRejectedException.class);
        }
    }

    @Test
    void signedWebhookYieldsRepliesWithStableIds() {
        FakeConnectorContext ctx = context();
        try (CrmSession session = connector().open(ctx)) {
            assumeThat(session.capabilities()).contains(CrmCapability.WEBHOOKS);
            Optional<WebhookRequest> signed = signedAgentReplyWebhook(ctx);
            assumeThat(signed).as("connector provides a signed sample webhook").isPresent();
            VerifiedWebhook verified = session.verify(signed.get());
            assertThat(session.verify(signed.get())).as("the same delivery verified again").isEqualTo(verified);
            List<AgentReply> replies = session.read(new StoredWebhook("stored-1", signed.get()));
            assertThat(replies).isNotEmpty();
            assertThat(session.read(new StoredWebhook("stored-1", signed.get()))).extracting(AgentReply::eventId)
                    .containsExactlyElementsOf(replies.stream().map(AgentReply::eventId).toList());
        }
    }

    /** The request thread only verifies: a CRM that is down cannot make its own webhook fail. */
    @Test
    void verifyingNeverCallsTheCrm() {
        Optional<FakeConnectorContext> down = unreachableContext();
        assumeThat(down).as("connector provides settings with an unreachable CRM").isPresent();
        try (CrmSession session = connector().open(down.get())) {
            assumeThat(session.capabilities()).contains(CrmCapability.WEBHOOKS);
            Optional<WebhookRequest> signed = signedAgentReplyWebhook(down.get());
            assumeThat(signed).as("connector provides a signed sample webhook").isPresent();
            assertThat(session.verify(signed.get())).isNotNull();
        }
    }

    @Test
    void pollingOnlyWhenDeclared() {
        try (CrmSession session = connector().open(context())) {
            if (!session.capabilities().contains(CrmCapability.POLLING)) {
                assertThatThrownBy(() -> session.poll(Instant.EPOCH))
                        .isInstanceOf(UnsupportedOperationException.class);
            }
        }
    }
}
