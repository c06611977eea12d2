package dev.deskbridge.connector.zendesk;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.deskbridge.connector.api.config.Secret;
import dev.deskbridge.connector.api.model.Attachment;
import dev.deskbridge.connector.api.model.ConversationId;
import dev.deskbridge.connector.api.model.ConversationRef;
import dev.deskbridge.connector.api.model.CustomerMessage;
import dev.deskbridge.connector.api.model.InboundMessage;
import dev.deskbridge.connector.api.model.MessageContent;
import dev.deskbridge.connector.api.model.PhoneNumber;
import dev.deskbridge.connector.api.model.TicketRef;
import dev.deskbridge.connector.api.pricing.ConversationStatus;
import dev.deskbridge.connector.api.pricing.Money;
import dev.deskbridge.connector.api.pricing.WindowPhase;
import dev.deskbridge.connector.api.pricing.WindowState;
import dev.deskbridge.connector.api.webhook.WebhookRequest;
import dev.deskbridge.connector.testkit.FakeConnectorContext;
import dev.deskbridge.connector.testkit.ManualClock;
import dev.deskbridge.connector.testkit.WebhookRequests;
import dev.deskbridge.connector.testkit.WireMockSupport;
import dev.deskbridge.connector.zendesk.webhook.WebhookSignature;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A WireMock Zendesk for tests, with bodies shaped like the examples in Zendesk's API reference
 * (tickets, comments, users, identities, uploads, ticket fields, webhooks, triggers).
 */
final class ZendeskStub implements AutoCloseable {
    static final String EMAIL = "bridge@acme.example";
    static final String API_TOKEN = "zd-api-token-0123456789";
    static final String SIGNING_SECRET = "dGhpc19zZWNyZXRfaXNfZm9yX3Rlc3Rpbmdfb25seQ==";
    static final long WINDOW_FIELD = 360001;
    static final long COST_FIELD = 360002;
    static final long REQUESTER = 9001;
    static final long AGENT = 7001;
    static final PhoneNumber CUSTOMER = PhoneNumber.of("+12015550123");
    static final PhoneNumber BUSINESS = PhoneNumber.of("+15550001111");
    static final Instant NOW = Instant.parse("2026-10-05T08:00:00Z");

    final WireMockServer server = WireMockSupport.startLoopback();

    String baseUrl() {
        return WireMockSupport.baseUrl(server);
    }

    /** Settings with both field ids given, so no field lookup happens. */
    Map<String, String> settings() {
        Map<String, String> s = new HashMap<>();
        s.put("url", baseUrl());
        s.put("email", EMAIL);
        s.put("api_token", API_TOKEN);
        s.put("webhook_signing_secret", SIGNING_SECRET);
        s.put("window_field_id", String.valueOf(WINDOW_FIELD));
        s.put("cost_field_id", String.valueOf(COST_FIELD));
        return s;
    }

    FakeConnectorContext context(Map<String, String> settings) {
        return new FakeConnectorContext("zendesk-main", ZendeskSettings.SPEC.resolve(settings), new ManualClock(NOW));
    }

    ZendeskSession open() {
        return ZendeskSession.open(context(settings()));
    }

    ZendeskSession open(FakeConnectorContext context) {
        return ZendeskSession.open(context, Duration.ofSeconds(30));
    }

    List<LoggedRequest> received() {
        return WireMockSupport.received(server);
    }

    @Override
    public void close() {
        server.stop();
    }

    // ---- requests DeskBridge hands the session

    static ConversationStatus openStatus() {
        Instant last = Instant.parse("2026-10-05T07:59:00Z");
        Instant end = last.plus(Duration.ofHours(24));
        return new ConversationStatus(new WindowState(Optional.of(last), Optional.of(end), Optional.empty(),
                Optional.empty(), Optional.empty()), WindowPhase.OPEN, Optional.of(end), Money.of("0.0000", "USD"),
                NOW);
    }

    static CustomerMessage message(String conversation, Optional<String> ticket, String eventId,
            MessageContent content, List<Attachment> attachments) {
        InboundMessage in = new InboundMessage(eventId, "wamid." + eventId, BUSINESS, CUSTOMER, Optional.of("Ana Lima"),
                Instant.parse("2026-10-05T07:59:00Z"), content, Optional.empty(), Optional.empty());
        ConversationRef ref = new ConversationRef(ConversationId.of(conversation), BUSINESS, CUSTOMER,
                Optional.of("Ana Lima"), ticket.map(TicketRef::of));
        return new CustomerMessage(ref, in, attachments, openStatus());
    }

    static CustomerMessage text(String conversation, Optional<String> ticket, String eventId, String text) {
        return message(conversation, ticket, eventId, new MessageContent.Text(text), List.of());
    }

    /** A text on a ticket the host hands back as it stored it (with the session's data). */
    static CustomerMessage text(String conversation, Optional<TicketRef> ticket, String eventId, String text,
            boolean retry) {
        CustomerMessage m = message(conversation, Optional.empty(), eventId, new MessageContent.Text(text), List.of());
        ConversationRef ref = new ConversationRef(m.conversation().id(), BUSINESS, CUSTOMER, Optional.of("Ana Lima"),
                ticket);
        return new CustomerMessage(ref, m.message(), List.of(), m.status(), retry);
    }

    // ---- signed webhooks

    static WebhookRequest signedWebhook(String body, Instant timestamp) {
        return signedWebhook(body, timestamp.toString(), SIGNING_SECRET);
    }

    static WebhookRequest signedWebhook(String body, String timestamp, String secret) {
        String signature = WebhookSignature.signatureFor(new Secret(secret), timestamp,
                body.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return WebhookRequests.post("https://bridge.example.com/webhooks/crms/zendesk-main")
                .header("Content-Type", "application/json; charset=utf-8")
                .header("X-Zendesk-Webhook-Signature", signature)
                .header("X-Zendesk-Webhook-Signature-Timestamp", timestamp)
                .body(body)
                .build();
    }

    /** The body an older DeskBridge's trigger sends: ids only, so the ticket is read back. */
    static String webhookBody(long ticket, long comment) {
        return "{\"source\":\"deskbridge\",\"ticket_id\":\"" + ticket + "\",\"comment_id\":\"" + comment
                + "\",\"external_id\":\"conv-1\",\"updated_by\":\"" + AGENT + "\"}";
    }

    /** The current trigger's body as Zendesk renders it: the ticket's requester and tags (space-separated) too. */
    static String currentWebhookBody(long ticket, long comment, String tags) {
        return dev.deskbridge.connector.zendesk.webhook.WebhookPayload.template()
                .replace("{{ticket.id}}", String.valueOf(ticket))
                .replace("{{ticket.latest_comment.id}}", String.valueOf(comment))
                .replace("{{ticket.external_id}}", "conv-1")
                .replace("{{ticket.requester.id}}", String.valueOf(REQUESTER))
                .replace("{{ticket.tags}}", tags)
                .replace("{{current_user.id}}", String.valueOf(AGENT));
    }

    // ---- Zendesk-shaped bodies

    static String ticket(long id, String status, String externalId, String subject, String... tags) {
        StringBuilder t = new StringBuilder();
        for (String tag : tags) {
            t.append(t.length() == 0 ? "" : ",").append('"').append(tag).append('"');
        }
        return """
            {
              "url": "https://acme.zendesk.com/api/v2/tickets/%1$d.json",
              "id": %1$d,
              "external_id": "%2$s",
              "via": {"channel": "api", "source": {"from": {}, "to": {}, "rel": null}},
              "created_at": "2026-10-05T07:59:01Z",
              "updated_at": "2026-10-05T07:59:01Z",
              "type": null,
              "subject": "%3$s",
              "raw_subject": "%3$s",
              "description": "%3$s",
              "priority": null,
              "status": "%4$s",
              "recipient": null,
              "requester_id": %5$d,
              "submitter_id": %5$d,
              "assignee_id": null,
              "organization_id": null,
              "group_id": 360000001,
              "collaborator_ids": [],
              "follower_ids": [],
              "email_cc_ids": [],
              "has_incidents": false,
              "is_public": true,
              "due_at": null,
              "tags": [%6$s],
              "custom_fields": [{"id": %7$d, "value": null}, {"id": %8$d, "value": null}],
              "satisfaction_rating": null,
              "sharing_agreement_ids": [],
              "followup_ids": [],
              "brand_id": 360000002,
              "allow_channelback": false,
              "allow_attachments": true,
              "from_messaging_channel": false
            }""".formatted(id, externalId, subject, status, REQUESTER, t, WINDOW_FIELD, COST_FIELD);
    }

    static String ticketEnvelope(String ticket) {
        return "{\"ticket\": " + ticket + "}";
    }

    static String ticketList(String... tickets) {
        return "{\"tickets\": [" + String.join(",", tickets) + "], \"next_page\": null, \"previous_page\": null, \"count\": "
                + tickets.length + "}";
    }

    static String comment(long id, long author, boolean isPublic, String body, String... attachments) {
        return """
            {
              "id": %1$d,
              "type": "Comment",
              "author_id": %2$d,
              "body": "%3$s",
              "html_body": "<div class=\\"zd-comment\\"><p>%3$s</p></div>",
              "plain_body": "%3$s",
              "public": %4$s,
              "attachments": [%5$s],
              "audit_id": %6$d,
              "via": {"channel": "web", "source": {"from": {}, "to": {}, "rel": null}},
              "created_at": "2026-10-05T08:01:30Z",
              "metadata": {"system": {"client": "Mozilla/5.0", "ip_address": "203.0.113.7", "location": "Lisbon, Portugal"}, "custom": {}}
            }""".formatted(id, author, body, isPublic, String.join(",", attachments), id + 100);
    }

    static String attachment(long id, String fileName, String contentType) {
        return """
            {
              "url": "https://acme.zendesk.com/api/v2/attachments/%1$d.json",
              "id": %1$d,
              "file_name": "%2$s",
              "content_url": "https://acme.zendesk.com/attachments/token/abc%1$d/?name=%2$s",
              "mapped_content_url": "https://acme.zendesk.com/attachments/token/abc%1$d/?name=%2$s",
              "content_type": "%3$s",
              "size": 2048,
              "width": null,
              "height": null,
              "inline": false,
              "deleted": false,
              "malware_access_override": false,
              "malware_scan_result": "malware_not_found",
              "thumbnails": []
            }""".formatted(id, fileName, contentType);
    }

    /** List Comments with {@code include=users}: the comments and, sideloaded, their authors. */
    static String commentsWithUsers(String users, String... comments) {
        return "{\"comments\": [" + String.join(",", comments) + "], \"users\": [" + users
                + "], \"next_page\": null, \"previous_page\": null, \"count\": " + comments.length + "}";
    }

    static String comments(String... comments) {
        return "{\"comments\": [" + String.join(",", comments) + "], \"next_page\": null, \"previous_page\": null, \"count\": "
                + comments.length + "}";
    }

    /**
     * An audit as Zendesk lists it: the update's custom metadata under {@code metadata.custom}, a
     * comment event with the body.
     *
     * @param marker DeskBridge's marker on the update, or null for a write without one
     */
    static String audit(long id, long ticket, long author, String body, String marker) {
        String custom = marker == null ? "{}" : "{\"deskbridge_event\": \"" + marker + "\"}";
        return """
            {
              "id": %1$d,
              "ticket_id": %2$d,
              "author_id": %3$d,
              "created_at": "2026-10-05T08:01:30Z",
              "via": {"channel": "api", "source": {"from": {}, "to": {}, "rel": null}},
              "metadata": {"system": {"client": "deskbridge", "ip_address": "203.0.113.9"}, "custom": %5$s},
              "events": [{"id": %6$d, "type": "Comment", "author_id": %3$d, "body": "%4$s", "public": true,
                          "attachments": []}]
            }""".formatted(id, ticket, author, body, custom, id + 1);
    }

    static String audits(String... audits) {
        return "{\"audits\": [" + String.join(",", audits) + "], \"next_page\": null, \"previous_page\": null, "
                + "\"count\": " + audits.length + "}";
    }

    /** The ticket's latest audits, as DeskBridge asks for them (newest first). */
    void stubAudits(long ticket, String... audits) {
        server.stubFor(get(urlPathEqualTo("/api/v2/tickets/" + ticket + "/audits.json"))
                .withQueryParam("sort_order", equalTo("desc"))
                .willReturn(okJson(audits(audits))));
    }

    static String user(long id, String name, String role, String phone, String externalId) {
        return """
            {
              "id": %1$d,
              "url": "https://acme.zendesk.com/api/v2/users/%1$d.json",
              "name": "%2$s",
              "email": null,
              "created_at": "2026-10-01T10:00:00Z",
              "updated_at": "2026-10-01T10:00:00Z",
              "time_zone": "Eastern Time (US & Canada)",
              "iana_time_zone": "America/New_York",
              "phone": %3$s,
              "shared_phone_number": false,
              "photo": null,
              "locale_id": 1,
              "locale": "en-US",
              "organization_id": null,
              "role": "%4$s",
              "verified": true,
              "external_id": %5$s,
              "tags": [],
              "alias": "",
              "active": true,
              "shared": false,
              "shared_agent": false,
              "last_login_at": null,
              "two_factor_auth_enabled": false,
              "signature": null,
              "details": "",
              "notes": "",
              "role_type": null,
              "custom_role_id": null,
              "moderator": false,
              "ticket_restriction": "requested",
              "only_private_comments": false,
              "restricted_agent": true,
              "suspended": false,
              "default_group_id": null,
              "report_csv": false,
              "user_fields": {}
            }""".formatted(id, name, phone == null ? "null" : "\"" + phone + "\"", role,
                externalId == null ? "null" : "\"" + externalId + "\"");
    }

    static String users(String... users) {
        return "{\"users\": [" + String.join(",", users) + "], \"next_page\": null, \"previous_page\": null, \"count\": "
                + users.length + "}";
    }

    static ResponseDefinitionBuilder created(String json) {
        return aResponse().withStatus(201).withHeader("Content-Type", "application/json; charset=utf-8").withBody(json);
    }

    static ResponseDefinitionBuilder error(int status, String json) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json; charset=utf-8").withBody(json);
    }

    /** Zendesk's answer to an update of a closed ticket. */
    static final String CLOSED_TICKET_422 = "{\"error\":\"RecordInvalid\",\"description\":\"Record validation errors\","
            + "\"details\":{\"status\":[{\"description\":\"Status: closed prevents ticket update\","
            + "\"error\":\"InvalidValue\"}]}}";

    /** Zendesk's answer to any request on a ticket that does not exist (an agent or an admin deleted it). */
    static final String RECORD_NOT_FOUND_404 = "{\"error\":\"RecordNotFound\",\"description\":\"Not found\"}";

    /** A 201 answer to a ticket creation, with the idempotency lookup header Zendesk adds. */
    static ResponseDefinitionBuilder createdTicket(long id, String subject, String idempotencyLookup) {
        return created(ticketEnvelope(ticket(id, "new", "conv-1", subject, "whatsapp")))
                .withHeader("x-idempotency-lookup", idempotencyLookup);
    }

    // ---- common stubs

    /** Any ticket creation creates ticket {@code id}. */
    void stubCreatedTicket(long id) {
        server.stubFor(com.github.tomakehurst.wiremock.client.WireMock.post(urlPathEqualTo("/api/v2/tickets.json"))
                .willReturn(createdTicket(id, "Where is my order?", "miss")));
    }

    /** Updates of ticket {@code id} succeed. */
    void stubUpdatedTicket(long id) {
        server.stubFor(com.github.tomakehurst.wiremock.client.WireMock.put(urlPathEqualTo("/api/v2/tickets/" + id + ".json"))
                .willReturn(okJson(ticketEnvelope(ticket(id, "open", "conv-1", "Hi", "whatsapp")))));
    }

    /** Ticket {@code id} was deleted: reading, updating it or its audits answers 404. */
    void stubDeletedTicket(long id) {
        server.stubFor(com.github.tomakehurst.wiremock.client.WireMock.any(urlPathMatching(
                "/api/v2/tickets/" + id + "(\\.json|/.*)")).willReturn(error(404, RECORD_NOT_FOUND_404)));
    }

    /** The customer exists already: create_or_update matches it by external_id and answers it. */
    void stubKnownCustomer() {
        server.stubFor(com.github.tomakehurst.wiremock.client.WireMock.post(
                urlPathEqualTo("/api/v2/users/create_or_update.json"))
                .willReturn(okJson("{\"user\": " + user(REQUESTER, "Ana Lima", "end-user", CUSTOMER.e164(),
                        CUSTOMER.e164()) + "}")));
    }

    /** A conversation's ticket as the host hands it back: with the requester the session asked it to keep. */
    static TicketRef knownTicket(String id) {
        return new TicketRef(id, Optional.empty(), Optional.of("requester:" + REQUESTER));
    }

    void stubTicket(long id, String status, String... tags) {
        server.stubFor(get(urlPathEqualTo("/api/v2/tickets/" + id + ".json"))
                .willReturn(okJson(ticketEnvelope(ticket(id, status, "conv-1", "Where is my order?", tags)))));
    }

    void stubUser(long id, String name, String role) {
        server.stubFor(get(urlPathEqualTo("/api/v2/users/" + id + ".json"))
                .willReturn(okJson("{\"user\": " + user(id, name, role, null, null) + "}")));
    }
}
