package dev.deskbridge.connector.testkit.contract;

import dev.deskbridge.connector.api.ConnectorContext;
import dev.deskbridge.connector.api.CrmCapability;
import dev.deskbridge.connector.api.CrmSession;
import dev.deskbridge.connector.api.config.Secret;
import dev.deskbridge.connector.api.error.PermanentException;
import dev.deskbridge.connector.api.error.WebhookRejectedException;
import dev.deskbridge.connector.api.error.WebhookRejectedException.Reason;
import dev.deskbridge.connector.api.model.AgentNotice;
import dev.deskbridge.connector.api.model.AgentReply;
import dev.deskbridge.connector.api.model.CustomerMessage;
import dev.deskbridge.connector.api.model.DeliveryNotice;
import dev.deskbridge.connector.api.model.TicketRef;
import dev.deskbridge.connector.api.pricing.ConversationStatus;
import dev.deskbridge.connector.api.webhook.StoredWebhook;
import dev.deskbridge.connector.api.webhook.VerifiedWebhook;
import dev.deskbridge.connector.api.webhook.WebhookRequest;
import dev.deskbridge.connector.testkit.fixtures.Fixtures;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A session that does everything right, each step in a method of its own so that a broken fake
 * overrides exactly one mistake.
 */
class FakeCrmSession implements CrmSession {
    private static final Pattern BODY = Pattern.compile("\\{\"ticketId\":\"([^\"]+)\",\"commentId\":(\\d+)}");
    final FakeCrm crm;
    final ConnectorContext context;
    final Secret webhookSecret;

    FakeCrmSession(FakeCrm crm, ConnectorContext context) {
        this.crm = crm;
        this.context = context;
        this.webhookSecret = context.settings().secret("webhook_secret").orElseThrow();
        apiKey();
    }

    /** Reads the API key as a secret. */
    String apiKey() {
        return context.settings().secret("api_key").orElseThrow().reveal();
    }

    @Override
    public Set<CrmCapability> capabilities() {
        return context.settings().bool("polling").orElse(false) ? Set.of(CrmCapability.POLLING)
                : Set.of(CrmCapability.WEBHOOKS);
    }

    @Override
    public TicketRef appendCustomerMessage(CustomerMessage message) {
        String ticket = message.conversation().ticket().map(TicketRef::id)
                .orElseGet(() -> crm.ticketFor(message.conversation().id().value()));
        String marker = "message:" + message.message().eventId();
        if (!alreadyWritten(ticket, marker, message.message().content().summary())) {
            crm.write(ticket, message.message().content().summary(), false, FakeCrm.DESKBRIDGE, Optional.of(marker));
        }
        return TicketRef.of(ticket);
    }

    /** Looks for the write's own marker, never for its text. */
    boolean alreadyWritten(String ticket, String marker, String text) {
        return crm.hasMarker(ticket, marker);
    }

    @Override
    public void updateStatus(TicketRef ticket, ConversationStatus status) {
        crm.recordDelivery(ticket.id(), "status " + status.phase());
    }

    @Override
    public void recordDelivery(TicketRef ticket, DeliveryNotice notice) {
        crm.recordDelivery(ticket.id(), notice.providerMessageId() + " " + notice.status());
    }

    @Override
    public void notifyAgents(TicketRef ticket, AgentNotice notice) {
        String marker = "note:" + notice.id();
        if (!crm.hasMarker(ticket.id(), marker)) {
            crm.write(ticket.id(), notice.text(), true, FakeCrm.DESKBRIDGE, Optional.of(marker));
        }
    }

    @Override
    public VerifiedWebhook verify(WebhookRequest request) {
        checkSignature(request);
        Matcher m = parse(request);
        return VerifiedWebhook.of(m.group(2), m.group(1));
    }

    void checkSignature(WebhookRequest request) {
        String given = request.header(FakeCrm.SIGNATURE_HEADER).orElseThrow(() -> new WebhookRejectedException(
                "no " + FakeCrm.SIGNATURE_HEADER + " header", Reason.MISSING_SIGNATURE));
        String expected = FakeCrm.sign(webhookSecret.reveal(), request.body());
        if (!MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8), expected.getBytes(StandardCharsets.UTF_8))) {
            throw new WebhookRejectedException(FakeCrm.SIGNATURE_HEADER + " does not match the body", Reason.BAD_SIGNATURE);
        }
    }

    static Matcher parse(WebhookRequest request) {
        Matcher m = BODY.matcher(request.bodyText());
        if (!m.matches()) {
            throw new WebhookRejectedException("not the fake CRM's webhook body", Reason.MALFORMED_BODY);
        }
        return m;
    }

    @Override
    public List<AgentReply> read(StoredWebhook webhook) {
        Matcher m;
        try {
            m = parse(webhook.request());
        } catch (WebhookRejectedException e) {
            throw new PermanentException("stored webhook " + webhook.id() + " cannot be read", e);
        }
        return crm.comment(Long.parseLong(m.group(2))).filter(this::isAgentAnswer).map(this::reply).stream().toList();
    }

    /** A public comment by a person: not a note, not DeskBridge's own. */
    boolean isAgentAnswer(FakeCrm.Stored c) {
        return !c.note() && !FakeCrm.DESKBRIDGE.equals(c.author());
    }

    AgentReply reply(FakeCrm.Stored c) {
        return Fixtures.agentReply().eventId("comment:" + c.id()).ticket(c.ticket()).conversation(null)
                .author(c.author()).text(c.text()).writtenAt(Fixtures.NOW).build();
    }

    @Override
    public List<AgentReply> poll(Instant since) {
        if (!capabilities().contains(CrmCapability.POLLING)) {
            return CrmSession.super.poll(since);
        }
        return crm.all().stream().filter(this::isAgentAnswer).map(this::reply).toList();
    }

    @Override
    public void close() {
        // nothing held
    }
}
