package dev.deskbridge.connector.zendesk;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.deskbridge.connector.zendesk.ZendeskStub.AGENT;
import static dev.deskbridge.connector.zendesk.ZendeskStub.NOW;
import static dev.deskbridge.connector.zendesk.ZendeskStub.REQUESTER;
import static dev.deskbridge.connector.zendesk.ZendeskStub.attachment;
import static dev.deskbridge.connector.zendesk.ZendeskStub.comment;
import static dev.deskbridge.connector.zendesk.ZendeskStub.comments;
import static dev.deskbridge.connector.zendesk.ZendeskStub.signedWebhook;
import static dev.deskbridge.connector.zendesk.ZendeskStub.webhookBody;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.deskbridge.connector.api.error.WebhookRejectedException;
import dev.deskbridge.connector.api.error.WebhookRejectedException.Reason;
import dev.deskbridge.connector.api.model.AgentReply;
import dev.deskbridge.connector.api.model.ConversationId;
import dev.deskbridge.connector.api.model.MediaLink;
import dev.deskbridge.connector.api.error.PermanentException;
import dev.deskbridge.connector.api.error.RetryableException;
import dev.deskbridge.connector.api.webhook.StoredWebhook;
import dev.deskbridge.connector.api.webhook.VerifiedWebhook;
import dev.deskbridge.connector.api.webhook.WebhookRequest;
import dev.deskbridge.connector.testkit.FakeConnectorContext;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Agent replies through the webhook: verified first, then read back from the API and filtered. */
class ZendeskAgentRepliesTest {
    private final ZendeskStub zendesk = new ZendeskStub();
    private final FakeConnectorContext context = zendesk.context(zendesk.settings());
    private final ZendeskSession session = zendesk.open(context);

    @AfterEach
    void stop() {
        session.close();
        zendesk.close();
    }

    /** What the host does: verify in the request, store, then read in a worker. */
    private List<AgentReply> receive(WebhookRequest request) {
        session.verify(request);
        return session.read(new StoredWebhook("stored-1", request));
    }

    private void stubComments(long ticket, String... comments) {
        zendesk.server.stubFor(get(urlPathEqualTo("/api/v2/tickets/" + ticket + "/comments.json"))
                .withQueryParam("sort_order", equalTo("desc"))
                .willReturn(okJson(comments(comments))));
    }

    @Test
    void agentPublicCommentBecomesReplyWithStableIdConversationAndAttachments() {
        zendesk.stubTicket(700, "open", "whatsapp", "wa_window_open");
        zendesk.stubUser(AGENT, "Bea Agent", "agent");
        stubComments(700,
                comment(8002, AGENT, true, "Your parcel ships today.", attachment(77, "label.pdf", "application/pdf")),
                comment(8001, REQUESTER, true, "Where is my order?"));
        WebhookRequest webhook = signedWebhook(webhookBody(700, 8002), NOW.minusSeconds(20));

        List<AgentReply> replies = receive(webhook);

        assertThat(replies).singleElement().satisfies(r -> {
            assertThat(r.eventId()).isEqualTo("zendesk:700:8002");
            assertThat(r.ticket().id()).isEqualTo("700");
            assertThat(r.conversation()).contains(ConversationId.of("conv-1"));
            assertThat(r.author()).isEqualTo("Bea Agent");
            assertThat(r.text()).isEqualTo("Your parcel ships today.");
            assertThat(r.writtenAt()).isEqualTo(Instant.parse("2026-10-05T08:01:30Z"));
            assertThat(r.attachments()).containsExactly(new MediaLink(
                    "https://acme.zendesk.com/attachments/token/abc77/?name=label.pdf", "label.pdf",
                    Optional.of("application/pdf")));
        });
        assertThat(receive(webhook)).extracting(AgentReply::eventId).containsExactly("zendesk:700:8002");
    }

    @Test
    void theCurrentBodyCostsOneRequestTheCommentsWithTheirAuthorsSideloaded() {
        zendesk.server.stubFor(get(urlPathEqualTo("/api/v2/tickets/710/comments.json"))
                .withQueryParam("sort_order", equalTo("desc"))
                .withQueryParam("include", equalTo("users"))
                .willReturn(okJson(ZendeskStub.commentsWithUsers(
                        ZendeskStub.user(AGENT, "Bea Agent", "agent", null, null) + ","
                                + ZendeskStub.user(REQUESTER, "Ana Lima", "end-user", null, null),
                        comment(8702, AGENT, true, "Your parcel ships today.",
                                attachment(78, "label.pdf", "application/pdf")),
                        comment(8701, REQUESTER, true, "Where is my order?")))));
        WebhookRequest webhook = signedWebhook(ZendeskStub.currentWebhookBody(710, 8702, "whatsapp wa_window_open"),
                NOW);

        List<AgentReply> replies = receive(webhook);

        assertThat(replies).singleElement().satisfies(r -> {
            assertThat(r.eventId()).isEqualTo("zendesk:710:8702");
            assertThat(r.ticket().id()).isEqualTo("710");
            assertThat(r.ticket().crmData()).contains("requester:" + REQUESTER);
            assertThat(r.conversation()).contains(ConversationId.of("conv-1"));
            assertThat(r.author()).isEqualTo("Bea Agent");
            assertThat(r.text()).isEqualTo("Your parcel ships today.");
            assertThat(r.writtenAt()).isEqualTo(Instant.parse("2026-10-05T08:01:30Z"));
            assertThat(r.attachments()).containsExactly(new MediaLink(
                    "https://acme.zendesk.com/attachments/token/abc78/?name=label.pdf", "label.pdf",
                    Optional.of("application/pdf")));
        });
        assertThat(zendesk.received()).as("one request: no ticket read, no user read")
                .extracting(r -> r.getMethod() + " " + r.getUrl().replaceAll("\\?.*", ""))
                .containsExactly("GET /api/v2/tickets/710/comments.json");
    }

    @Test
    void withTheCurrentBodyTheCustomersOwnCommentAndANonWhatsAppTicketAreRecognisedFromTheBody() {
        zendesk.server.stubFor(get(urlPathEqualTo("/api/v2/tickets/711/comments.json"))
                .willReturn(okJson(ZendeskStub.commentsWithUsers("", comment(8801, REQUESTER, true, "Hi")))));

        assertThat(receive(signedWebhook(ZendeskStub.currentWebhookBody(711, 8801, "whatsapp"), NOW))).isEmpty();
        assertThat(receive(signedWebhook(ZendeskStub.currentWebhookBody(712, 8901, "email vip"), NOW))).isEmpty();

        assertThat(zendesk.received()).as("the customer's comment: the comments only; no WhatsApp tag: nothing")
                .extracting(r -> r.getUrl().replaceAll("\\?.*", ""))
                .containsExactly("/api/v2/tickets/711/comments.json");
    }

    @Test
    void withoutSideloadedAuthorsTheAuthorIsReadOnceAndRemembered() {
        zendesk.stubUser(AGENT, "Bea Agent", "agent");
        stubComments(713, comment(8951, AGENT, true, "First"));
        stubComments(714, comment(8952, AGENT, true, "Second"));

        receive(signedWebhook(ZendeskStub.currentWebhookBody(713, 8951, "whatsapp"), NOW));
        List<AgentReply> second = receive(signedWebhook(ZendeskStub.currentWebhookBody(714, 8952, "whatsapp"), NOW));

        assertThat(second).extracting(AgentReply::author).containsExactly("Bea Agent");
        zendesk.server.verify(1, com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor(
                urlPathEqualTo("/api/v2/users/" + AGENT + ".json")));
    }

    @Test
    void aDeletedTicketsCommentsAnswering404IsIgnored() {
        zendesk.server.stubFor(get(urlPathEqualTo("/api/v2/tickets/715/comments.json"))
                .willReturn(ZendeskStub.error(404, "{\"error\":\"RecordNotFound\",\"description\":\"Not found\"}")));

        assertThat(receive(signedWebhook(ZendeskStub.currentWebhookBody(715, 9001, "whatsapp"), NOW))).isEmpty();
    }

    @Test
    void theOlderBodyStillWorksWithTheTicketReadBack() {
        zendesk.stubTicket(716, "open", "whatsapp");
        zendesk.stubUser(AGENT, "Bea Agent", "agent");
        stubComments(716, comment(9101, AGENT, true, "Hello"));

        assertThat(receive(signedWebhook(webhookBody(716, 9101), NOW))).extracting(AgentReply::text)
                .containsExactly("Hello");
        assertThat(zendesk.received()).extracting(r -> r.getUrl().replaceAll("\\?.*", ""))
                .containsExactly("/api/v2/tickets/716.json", "/api/v2/tickets/716/comments.json",
                        "/api/v2/users/" + AGENT + ".json");
    }

    @Test
    void aTemplateCommandFromTheMacroBecomesATemplateRequestAndNeverText() {
        zendesk.stubTicket(705, "open", "whatsapp");
        zendesk.stubUser(AGENT, "Bea Agent", "agent");
        stubComments(705, comment(8501, AGENT, true, "#template order_update en_US\\nfirst_name: Ana\\n"
                + "order: A-1042\\nheader.image: https://cdn.acme.example/a.jpg\\nbutton.0: A-1042"));

        List<AgentReply> replies = receive(signedWebhook(webhookBody(705, 8501), NOW));

        assertThat(replies).singleElement().satisfies(r -> {
            assertThat(r.eventId()).isEqualTo("zendesk:705:8501");
            assertThat(r.text()).isEmpty();
            assertThat(r.template()).hasValueSatisfying(t -> {
                assertThat(t.name()).isEqualTo("order_update");
                assertThat(t.language()).contains("en_US");
                assertThat(t.named()).containsEntry("first_name", "Ana").containsEntry("order", "A-1042");
                assertThat(t.header()).hasValueSatisfying(h -> assertThat(h.value()).endsWith("a.jpg"));
                assertThat(t.buttons()).singleElement().satisfies(b -> assertThat(b.parameter()).isEqualTo("A-1042"));
            });
        });
    }

    @Test
    void theMacrosKeyEqualsValueLinesAndBareLinesAreReadAsParameters() {
        zendesk.stubTicket(706, "open", "whatsapp");
        zendesk.stubUser(AGENT, "Bea Agent", "agent");
        stubComments(706, comment(8502, AGENT, true, "#template order_update en_US\\n1=Ana\\n2 = A-1042\\n"));
        stubComments(707, comment(8503, AGENT, true, "#template reminder\\nAna\\n10:30 tomorrow"));
        zendesk.stubTicket(707, "open", "whatsapp");

        AgentReply numbered = receive(signedWebhook(webhookBody(706, 8502), NOW)).get(0);
        AgentReply bare = receive(signedWebhook(webhookBody(707, 8503), NOW)).get(0);

        assertThat(numbered.template().orElseThrow().named()).containsEntry("1", "Ana").containsEntry("2", "A-1042");
        assertThat(bare.template().orElseThrow().language()).isEmpty();
        assertThat(bare.template().orElseThrow().positional()).containsExactly("Ana", "10:30 tomorrow");
    }

    @Test
    void anUnreadableTemplateCommandIsCarriedToTheHostAsItsErrorNeverAsText() {
        zendesk.stubTicket(708, "open", "whatsapp");
        zendesk.stubUser(AGENT, "Bea Agent", "agent");
        stubComments(708, comment(8504, AGENT, true, "#template order_update en_US\\nheader.gif=https://x/a.gif"));

        List<AgentReply> replies = receive(signedWebhook(webhookBody(708, 8504), NOW));

        assertThat(replies).singleElement().satisfies(r -> {
            assertThat(r.text()).isEmpty();
            assertThat(r.template()).isEmpty();
            assertThat(r.templateError()).hasValueSatisfying(e -> {
                assertThat(e.where()).isEqualTo("line 2");
                assertThat(e.problem()).contains("header.gif").contains("header.image");
            });
        });
    }

    @Test
    void customerMessageDeskBridgeWroteProducesNoReply() {
        zendesk.stubTicket(701, "open", "whatsapp");
        stubComments(701, comment(8101, REQUESTER, true, "Where is my order?"));

        assertThat(receive(signedWebhook(webhookBody(701, 8101), NOW))).isEmpty();
        // Recognised as the requester's own comment without asking who wrote it.
        zendesk.server.verify(0, com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor(
                urlPathEqualTo("/api/v2/users/" + REQUESTER + ".json")));
    }

    @Test
    void internalNoteProducesNoReply() {
        zendesk.stubTicket(702, "open", "whatsapp");
        zendesk.stubUser(AGENT, "Bea Agent", "agent");
        stubComments(702, comment(8201, AGENT, false, "Customer is a VIP, be nice"),
                comment(8200, AGENT, false, "[DeskBridge] Re-engagement template sent"));

        assertThat(receive(signedWebhook(webhookBody(702, 8201), NOW))).isEmpty();
        assertThat(receive(signedWebhook(webhookBody(702, 8200), NOW))).isEmpty();
    }

    @Test
    void whoWroteAndWhetherItIsPublicDecideNeverTheText() {
        // DeskBridge's own notes are private; an agent's public reply is sent whatever it starts with.
        zendesk.stubTicket(709, "open", "whatsapp");
        zendesk.stubUser(AGENT, "Bea Agent", "agent");
        stubComments(709, comment(8601, AGENT, true, "[DeskBridge] is what our bot signs with; I am a person"));

        assertThat(receive(signedWebhook(webhookBody(709, 8601), NOW))).extracting(AgentReply::text)
                .containsExactly("[DeskBridge] is what our bot signs with; I am a person");
    }

    @Test
    void endUserOtherThanRequesterProducesNoReply() {
        zendesk.stubTicket(703, "open", "whatsapp");
        zendesk.stubUser(4242, "CC'd friend", "end-user");
        stubComments(703, comment(8301, 4242, true, "I am cc'd on this"));

        assertThat(receive(signedWebhook(webhookBody(703, 8301), NOW))).isEmpty();
    }

    @Test
    void ticketWithoutWhatsAppTagProducesNoReply() {
        zendesk.stubTicket(704, "open", "email");
        assertThat(receive(signedWebhook(webhookBody(704, 8401), NOW))).isEmpty();
        zendesk.server.verify(0, com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor(
                urlPathEqualTo("/api/v2/tickets/704/comments.json")));
    }

    @Test
    void withoutCommentIdTheLatestPublicCommentIsRead() {
        zendesk.stubTicket(705, "open", "whatsapp");
        zendesk.stubUser(AGENT, "Bea Agent", "admin");
        stubComments(705, comment(8502, AGENT, false, "note"), comment(8501, AGENT, true, "Hello from support"));

        List<AgentReply> replies = receive(signedWebhook("{\"ticket_id\":\"705\",\"comment_id\":\"\"}", NOW));

        assertThat(replies).extracting(AgentReply::eventId).containsExactly("zendesk:705:8501");
    }

    @Test
    void rejectedWebhooksTouchNothingAndYieldNoEvent() {
        String body = webhookBody(700, 8002);
        List<WebhookRequest> bad = List.of(
                signedWebhook(body, NOW.toString(), "wrong-secret-value"),
                signedWebhook(body, NOW.minus(Duration.ofMinutes(6))),
                tamper(signedWebhook(body, NOW), webhookBody(700, 8003)));
        for (WebhookRequest request : bad) {
            assertThatThrownBy(() -> session.verify(request)).isInstanceOf(WebhookRejectedException.class);
        }
        assertThat(zendesk.received()).isEmpty();
        assertThat(context.metrics().total("zendesk_webhooks_rejected")).isEqualTo(3);
    }

    @Test
    void signedButMalformedBodyIsRejectedAsMalformed() {
        zendesk.stubTicket(700, "open", "whatsapp");
        for (String body : List.of("not json", "[1,2]", "{\"comment_id\":\"5\"}", "{\"ticket_id\":\"abc\"}",
                "{\"ticket_id\":\"-3\"}")) {
            assertThatThrownBy(() -> session.verify(signedWebhook(body, NOW)))
                    .isInstanceOf(WebhookRejectedException.class)
                    .satisfies(e -> assertThat(((WebhookRejectedException) e).reason()).isEqualTo(Reason.MALFORMED_BODY));
        }
        assertThat(zendesk.received()).isEmpty();
    }

    @Test
    void verifyingNamesTheEventAndTicketWithoutCallingZendesk() {
        assertThat(session.verify(signedWebhook(webhookBody(700, 8002), NOW)))
                .isEqualTo(VerifiedWebhook.of("zendesk:700:8002", "ticket:700"));
        assertThat(session.verify(signedWebhook("{\"ticket_id\":\"705\",\"comment_id\":\"\"}", NOW)))
                .isEqualTo(new VerifiedWebhook(Optional.empty(), Optional.of("ticket:705")));
        assertThat(zendesk.received()).isEmpty();
    }

    @Test
    void readingWhileZendeskIsDownIsRetryable() {
        WebhookRequest webhook = signedWebhook(webhookBody(700, 8002), NOW);
        session.verify(webhook);
        zendesk.server.stubFor(get(urlPathEqualTo("/api/v2/tickets/700.json")).willReturn(
                ZendeskStub.error(503, "{\"error\":\"ServiceUnavailable\"}")));

        assertThatThrownBy(() -> session.read(new StoredWebhook("stored-1", webhook)))
                .isInstanceOf(RetryableException.class);
    }

    @Test
    void aStoredBodyThatCannotBeReadIsPermanent() {
        assertThatThrownBy(() -> session.read(new StoredWebhook("stored-2", signedWebhook("not json", NOW))))
                .isInstanceOf(PermanentException.class).hasMessageContaining("stored-2");
    }

    private static WebhookRequest tamper(WebhookRequest signed, String otherBody) {
        return new WebhookRequest(signed.method(), signed.publicUrl(), signed.headers(), signed.query(),
                otherBody.getBytes(java.nio.charset.StandardCharsets.UTF_8), signed.receivedAt());
    }
}
