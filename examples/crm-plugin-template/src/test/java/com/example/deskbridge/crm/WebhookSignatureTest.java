package com.example.deskbridge.crm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.deskbridge.connector.api.CrmSession;
import dev.deskbridge.connector.api.error.WebhookRejectedException;
import dev.deskbridge.connector.api.error.WebhookRejectedException.Reason;
import dev.deskbridge.connector.api.model.AgentReply;
import dev.deskbridge.connector.api.model.TicketRef;
import dev.deskbridge.connector.api.webhook.StoredWebhook;
import dev.deskbridge.connector.api.webhook.VerifiedWebhook;
import dev.deskbridge.connector.api.webhook.WebhookRequest;
import dev.deskbridge.connector.testkit.FakeConnectorContext;
import dev.deskbridge.connector.testkit.WebhookRequests;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Agent-reply webhooks: verified (signature, then timestamp) before anything is parsed. */
class WebhookSignatureTest {
    private final CrmStub crm = new CrmStub();
    private final FakeConnectorContext context = crm.context();
    private final CrmSession session = new JsonCrmConnector().open(context);
    private final Instant now = context.clock().instant();
    private final String body = CrmStub.replyBody("reply-1", "T-42", "Ships today.", now);

    @AfterEach
    void stop() {
        session.close();
        crm.close();
    }

    @Test
    void correctlySignedReplyIsRead() {
        WebhookRequest request = CrmStub.signed(body, now, CrmStub.WEBHOOK_SECRET);
        assertThat(session.verify(request)).isEqualTo(VerifiedWebhook.of("reply-1", "T-42"));
        AgentReply reply = session.read(new StoredWebhook("stored-1", request)).get(0);
        assertThat(reply.eventId()).isEqualTo("reply-1");
        assertThat(reply.ticket()).isEqualTo(TicketRef.of("T-42"));
        assertThat(reply.text()).isEqualTo("Ships today.");
    }

    @Test
    void wrongSecretIsRejected() {
        assertRejected(CrmStub.signed(body, now, "another-secret-1234"), Reason.BAD_SIGNATURE);
    }

    @Test
    void changedBodyIsRejected() {
        WebhookRequest good = CrmStub.signed(body, now, CrmStub.WEBHOOK_SECRET);
        WebhookRequest tampered = WebhookRequests.post(good.publicUrl())
                .header("X-Crm-Timestamp", good.header("X-Crm-Timestamp").orElseThrow())
                .header("X-Crm-Signature", good.header("X-Crm-Signature").orElseThrow())
                .body(body.replace("Ships today.", "Send your password."))
                .build();
        assertRejected(tampered, Reason.BAD_SIGNATURE);
    }

    @Test
    void missingSignatureIsRejected() {
        assertRejected(WebhookRequests.post("https://bridge.example.com/webhooks/crms/json-crm")
                .header("X-Crm-Timestamp", Long.toString(now.getEpochSecond())).body(body).build(),
                Reason.MISSING_SIGNATURE);
    }

    @Test
    void staleTimestampIsRejectedEvenWhenSigned() {
        assertRejected(CrmStub.signed(body, now.minusSeconds(6 * 60), CrmStub.WEBHOOK_SECRET), Reason.STALE_TIMESTAMP);
        assertThat(session.verify(CrmStub.signed(body, now.minusSeconds(4 * 60), CrmStub.WEBHOOK_SECRET)))
                .isEqualTo(VerifiedWebhook.of("reply-1", "T-42"));
    }

    @Test
    void signedButMalformedBodyIsRejectedAsMalformed() {
        assertRejected(CrmStub.signed("{\"ticketId\":\"T-1\"}", now, CrmStub.WEBHOOK_SECRET), Reason.MALFORMED_BODY);
    }

    private void assertRejected(WebhookRequest request, Reason reason) {
        assertThatThrownBy(() -> session.verify(request)).isInstanceOfSatisfying(WebhookRejectedException.class,
                e -> assertThat(e.reason()).isEqualTo(reason));
    }
}
