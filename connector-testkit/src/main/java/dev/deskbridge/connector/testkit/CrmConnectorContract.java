package dev.deskbridge.connector.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.deskbridge.connector.api.CrmCapability;
import dev.deskbridge.connector.api.CrmConnector;
import dev.deskbridge.connector.api.CrmSession;
import dev.deskbridge.connector.api.error.WebhookRejectedException;
import dev.deskbridge.connector.api.model.AgentNotice;
import dev.deskbridge.connector.api.model.AgentReply;
import dev.deskbridge.connector.api.model.CustomerMessage;
import dev.deskbridge.connector.api.model.DeliveryStatus;
import dev.deskbridge.connector.api.model.TicketRef;
import dev.deskbridge.connector.testkit.fixtures.CustomerMessageBuilder;
import dev.deskbridge.connector.testkit.fixtures.Fixtures;
import dev.deskbridge.connector.api.webhook.StoredWebhook;
import dev.deskbridge.connector.api.webhook.VerifiedWebhook;
import dev.deskbridge.connector.api.webhook.WebhookRequest;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

// size: one abstract class a plugin's test extends; every check of the CRM contract lives here so that
// extending it once runs them all, and a check cannot be left out by not extending a second class.
/**
 * The contract every {@link CrmConnector} passes. Extend it in the connector's tests, supply the
 * abstract pieces, and override the optional hooks for what the CRM can show.
 *
 * <p>Every SPI method is called the way the host calls it, and what landed in the CRM is read back
 * through the connector's {@link #crm() probe}: a retried append or notice writes once, two equal
 * texts write twice, deliveries and status add no note, DeskBridge's own comments never come back as
 * replies, an agent's answer comes back on every path the session declares, an unsigned body is
 * refused for its signature before it is read, secrets are read as secrets, and PF4J can find the
 * extension. A check's method name says which rule a failure broke.
 */
public abstract class CrmConnectorContract {

    /** The extension under test. */
    protected abstract CrmConnector connector();

    /** Settings that validate cleanly and open a session without network access. */
    protected abstract Map<String, String> validSettings();

    /**
     * The CRM that {@link #context()}'s sessions write to, as the test sees it: a stand-in that
     * remembers what it was sent (one per test; the suite creates tickets freely).
     */
    protected abstract CrmProbe crm();

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

    // ---- the SPI's writes, read back through the probe

    @Test
    void appendCustomerMessageIsSupported() {
        try (CrmSession session = connector().open(context())) {
            TicketRef ticket = appendOrFail(session, message("support-1", "Hello").build());
            assertThat(crm().publicComments(ticket)).as("comments on ticket %s after one customer message", ticket.id())
                    .isEqualTo(1);
        }
    }

    @Test
    void aRetriedAppendGivesOneComment() {
        try (CrmSession session = connector().open(context())) {
            // The host stopped before it recorded the ticket: the retry knows no ticket yet.
            CustomerMessageBuilder first = message("retry-1", "Where is my order?");
            TicketRef ticket = appendOrFail(session, first.build());
            TicketRef again = session.appendCustomerMessage(first.retry(true).build());
            assertThat(again).as("ticket of the retried first message").isEqualTo(ticket);
            assertThat(crm().publicComments(ticket)).as("comments after a message and its retry").isEqualTo(1);

            // The call timed out on a known ticket.
            CustomerMessageBuilder second = message("retry-2", "Any news?").conversation("conv-retry-1").ticket(ticket);
            session.appendCustomerMessage(second.build());
            session.appendCustomerMessage(second.retry(true).build());
            assertThat(crm().publicComments(ticket)).as("comments after two messages, each retried once").isEqualTo(2);
        }
    }

    @Test
    void twoIdenticalTextsGiveTwoComments() {
        try (CrmSession session = connector().open(context())) {
            TicketRef ticket = appendOrFail(session, message("same-1", "ok").build());
            session.appendCustomerMessage(message("same-2", "ok").conversation("conv-same-1").ticket(ticket).build());
            assertThat(crm().publicComments(ticket)).as("comments after the customer wrote 'ok' twice").isEqualTo(2);
        }
    }

    @Test
    void updateStatusAddsNoComment() {
        try (CrmSession session = connector().open(context())) {
            TicketRef ticket = appendOrFail(session, message("status-1", "Hi").build());
            int before = crm().comments(ticket).size();
            session.updateStatus(ticket, Fixtures.conversationStatus().asOf(Fixtures.NOW.plusSeconds(60)).build());
            session.updateStatus(ticket, Fixtures.conversationStatus().asOf(Fixtures.NOW.plusSeconds(90_000)).build());
            assertThat(crm().comments(ticket)).as("comments after two status updates").hasSize(before);
        }
    }

    @Test
    void recordDeliveryAddsNoNote() {
        try (CrmSession session = connector().open(context())) {
            TicketRef ticket = appendOrFail(session, message("delivery-1", "Hi").build());
            int before = crm().comments(ticket).size();
            session.recordDelivery(ticket, Fixtures.deliveryNotice().status(DeliveryStatus.SENT).build());
            session.recordDelivery(ticket, Fixtures.deliveryNotice().status(DeliveryStatus.DELIVERED)
                    .cost("0.0040", "USD").build());
            session.recordDelivery(ticket, Fixtures.deliveryNotice().status(DeliveryStatus.READ).build());
            // The host follows a failure with notifyAgents(DELIVERY_FAILED): recordDelivery must not note it too.
            session.recordDelivery(ticket, Fixtures.deliveryNotice().providerMessageId("wamid.out-2")
                    .failed("131026", "Message undeliverable").build());
            assertThat(crm().comments(ticket)).as("comments after sent, delivered, read and failed notices")
                    .hasSize(before);
        }
    }

    @Test
    void aRetriedNoticeGivesOneNote() {
        try (CrmSession session = connector().open(context())) {
            TicketRef ticket = appendOrFail(session, message("notice-1", "Hi").build());
            long before = crm().notes(ticket);
            AgentNotice notice = Fixtures.agentNotice().id("notice-retried").build();
            session.notifyAgents(ticket, notice);
            session.notifyAgents(ticket, notice);
            assertThat(crm().notes(ticket)).as("notes after one notice sent twice (same id)").isEqualTo(before + 1);
            session.notifyAgents(ticket, Fixtures.agentNotice().id("notice-other").build());
            assertThat(crm().notes(ticket)).as("notes after a second notice with the same text, another id")
                    .isEqualTo(before + 2);
        }
    }

    @Test
    void ownCommentsNeverComeBackAsReplies() {
        FakeConnectorContext ctx = context();
        try (CrmSession session = connector().open(ctx)) {
            TicketRef ticket = appendOrFail(session, message("own-1", "My order 1234?").build());
            assertThat(repliesFromNewestComment(session, ticket)).as("replies read from the webhook of the customer"
                    + " message DeskBridge wrote").isEmpty();
            session.notifyAgents(ticket, Fixtures.agentNotice().id("own-note").build());
            assertThat(repliesFromNewestComment(session, ticket)).as("replies read from the webhook of DeskBridge's"
                    + " own note").isEmpty();
            if (session.capabilities().contains(CrmCapability.POLLING)) {
                assertThat(session.poll(pollSince(ctx))).as("replies polled when only DeskBridge wrote").isEmpty();
            }
        }
    }

    @Test
    void webhooksDeclaredAnAgentsAnswerIsRead() {
        try (CrmSession session = connector().open(context())) {
            assumeThat(session.capabilities()).contains(CrmCapability.WEBHOOKS);
            TicketRef ticket = appendOrFail(session, message("answer-1", "Where is it?").build());
            crm().agentAnswers(ticket, "It ships today.");
            Optional<WebhookRequest> webhook = crm().webhookForNewestComment(ticket);
            assertThat(webhook).as("the CRM's webhook for an agent's answer (WEBHOOKS is declared)").isPresent();
            session.verify(webhook.get());
            assertThat(session.read(new StoredWebhook("stored-answer", webhook.get())))
                    .as("replies read from the webhook of an agent's answer")
                    .singleElement().satisfies(r -> {
                        assertThat(r.text()).contains("It ships today.");
                        assertThat(r.ticket()).isEqualTo(ticket);
                    });
        }
    }

    @Test
    void pollingDeclaredPollReturnsReplies() {
        FakeConnectorContext ctx = context();
        try (CrmSession session = connector().open(ctx)) {
            if (!session.capabilities().contains(CrmCapability.POLLING)) {
                assertThatThrownBy(() -> session.poll(Instant.EPOCH))
                        .as("poll without POLLING declared").isInstanceOf(UnsupportedOperationException.class);
                return;
            }
            TicketRef ticket = appendOrFail(session, message("poll-1", "Where is it?").build());
            crm().agentAnswers(ticket, "It ships today.");
            List<AgentReply> replies;
            try {
                replies = session.poll(pollSince(ctx));
            } catch (UnsupportedOperationException e) {
                throw new AssertionError("POLLING is declared but poll throws " + e, e);
            }
            assertThat(replies).as("replies polled after an agent answered (POLLING is declared)")
                    .singleElement().satisfies(r -> assertThat(r.text()).contains("It ships today."));
            assertThat(session.poll(pollSince(ctx))).as("the same answer polled again keeps its event id")
                    .extracting(AgentReply::eventId).containsExactly(replies.get(0).eventId());
        }
    }

    /** The signature is checked before the body is read: a broken body without one is a signature problem. */
    @Test
    void anUnsignedMalformedBodyIsRefusedForItsSignature() {
        try (CrmSession session = connector().open(context())) {
            assumeThat(session.capabilities()).contains(CrmCapability.WEBHOOKS);
            for (String type : List.of("application/json", "application/x-www-form-urlencoded")) {
                WebhookRequest unsigned = WebhookRequests.post("https://deskbridge.example/webhooks/crms/test")
                        .header("Content-Type", type).body("{\"ticket_id\": \"1\", oops").build();
                assertThatThrownBy(() -> session.verify(unsigned))
                        .as("verify of an unsigned, malformed %s body", type)
                        .isInstanceOfSatisfying(WebhookRejectedException.class, e -> assertThat(e.reason())
                                .as("reason (a signature reason, not the body's: nothing unsigned is parsed)")
                                .isIn(WebhookRejectedException.Reason.MISSING_SIGNATURE,
                                        WebhookRejectedException.Reason.BAD_SIGNATURE,
                                        WebhookRejectedException.Reason.STALE_TIMESTAMP));
            }
        }
    }

    @Test
    void secretSettingsAreReadAsSecrets() {
        try (CrmSession session = connector().open(context())) {
            TicketRef ticket = appendOrFail(session, message("secret-1", "Hi").build());
            session.notifyAgents(ticket, Fixtures.agentNotice().id("secret-note").build());
        } catch (IllegalArgumentException e) {
            if (String.valueOf(e.getMessage()).contains("is secret")) {
                throw new AssertionError("a secret setting is read as a plain string (use Settings.secret): "
                        + e.getMessage(), e);
            }
            throw e;
        }
    }

    @Test
    void extensionIsDiscoverableByPf4j() {
        Pf4jDiscovery.assertDiscoverable(connector().getClass());
    }

    /** A customer message on a conversation of this test's own (so stand-ins may be shared). */
    protected CustomerMessageBuilder message(String eventId, String text) {
        return Fixtures.customerMessage().eventId(eventId).conversation("conv-" + eventId).text(text);
    }

    private static TicketRef appendOrFail(CrmSession session, CustomerMessage message) {
        try {
            return session.appendCustomerMessage(message);
        } catch (UnsupportedOperationException e) {
            throw new AssertionError("appendCustomerMessage threw " + e + ": the host hands every customer message"
                    + " to the CRM, so every CRM connector must implement it", e);
        }
    }

    private List<AgentReply> repliesFromNewestComment(CrmSession session, TicketRef ticket) {
        if (!session.capabilities().contains(CrmCapability.WEBHOOKS)) {
            return List.of();
        }
        Optional<WebhookRequest> webhook = crm().webhookForNewestComment(ticket);
        if (webhook.isEmpty()) {
            return List.of();
        }
        session.verify(webhook.get());
        return session.read(new StoredWebhook("stored-own", webhook.get()));
    }

    private static Instant pollSince(FakeConnectorContext ctx) {
        return ctx.clock().instant().minus(java.time.Duration.ofDays(1));
    }
}
