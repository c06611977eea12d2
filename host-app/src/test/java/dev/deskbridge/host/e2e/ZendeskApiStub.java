package dev.deskbridge.host.e2e;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import dev.deskbridge.connector.testkit.WireMockSupport;

/**
 * A WireMock Zendesk on loopback for one ticket's life, answering with bodies shaped like the
 * examples of Zendesk's API reference (users, tickets, comments). Only the fields a Zendesk
 * client reads are varied; the rest is as documented.
 */
final class ZendeskApiStub implements AutoCloseable {
    static final long TICKET = 501;
    static final long REQUESTER = 9001;
    static final long AGENT = 7001;
    static final long WINDOW_FIELD = 360001;
    static final long COST_FIELD = 360002;
    static final String TICKETS = "/api/v2/tickets.json";

    final WireMockServer server = WireMockSupport.startLoopback();

    String baseUrl() {
        return WireMockSupport.baseUrl(server);
    }

    /**
     * The {@code crms:} and {@code routes:} sections: CRM {@code zendesk-main} against this stub, routed
     * from channel {@code wa-main} (secrets from {@code ZENDESK_API_TOKEN}, {@code ZENDESK_WEBHOOK_SECRET}).
     */
    String crmAndRouteSections() {
        return sections("");
    }

    /**
     * {@link #crmAndRouteSections()} naming the window and cost fields ({@link #WINDOW_FIELD},
     * {@link #COST_FIELD}), so the plugin does not look Zendesk's ticket fields up.
     */
    String crmAndRouteSectionsWithFields() {
        return sections("      window_field_id: " + WINDOW_FIELD + "\n      cost_field_id: " + COST_FIELD + "\n");
    }

    private String sections(String moreConfig) {
        return """
                crms:
                  - id: zendesk-main
                    type: zendesk
                    config:
                      url: %s
                      email: whatsapp-bot@acme.example
                      api_token: ${ZENDESK_API_TOKEN}
                      webhook_signing_secret: ${ZENDESK_WEBHOOK_SECRET}
                %sroutes:
                  - channel: wa-main
                    crm: zendesk-main
                    policy: refuse
                """.formatted(baseUrl(), moreConfig);
    }

    /**
     * A number Zendesk does not know yet: no user by external id or phone, so DeskBridge creates
     * one; no ticket for the conversation, so the first message creates {@link #TICKET}.
     */
    void newCustomerWithoutTicket(String customerName, String phone) {
        server.stubFor(get(urlPathEqualTo("/api/v2/users/search.json")).willReturn(okJson(list("users"))));
        server.stubFor(post(urlPathEqualTo("/api/v2/users/create_or_update.json")).willReturn(json(201,
                "{\"user\": " + user(REQUESTER, customerName, "end-user", phone) + "}")));
        server.stubFor(get(urlPathEqualTo(TICKETS)).willReturn(okJson(list("tickets"))));
        // The created ticket echoes what was asked for; a first use of an Idempotency-Key is a "miss".
        server.stubFor(post(urlPathEqualTo(TICKETS)).willReturn(json(201, "{\"ticket\": " + ticket(TICKET, "new",
                "{{{jsonPath request.body '$.ticket.external_id'}}}", "{{{jsonPath request.body '$.ticket.subject'}}}",
                "\"whatsapp\",\"wa_window_open\"") + "}").withHeader("x-idempotency-lookup", "miss")
                .withTransformers("response-template")));
        server.stubFor(put(urlPathMatching("/api/v2/tickets/[0-9]+\\.json")).willReturn(okJson(
                "{\"ticket\": " + ticket(TICKET, "open", "", "WhatsApp", "\"whatsapp\"") + "}")));
    }

    /**
     * The ticket as it now stands, and its latest comments (newest first) with their agent, also
     * sideloaded in the comments' answer as {@code include=users} asks.
     */
    void ticketWithComments(String conversationId, String... comments) {
        server.stubFor(get(urlPathEqualTo("/api/v2/tickets/" + TICKET + ".json")).willReturn(okJson("{\"ticket\": "
                + ticket(TICKET, "open", conversationId, "WhatsApp", "\"whatsapp\",\"wa_window_open\"") + "}")));
        server.stubFor(get(urlPathEqualTo("/api/v2/tickets/" + TICKET + "/comments.json"))
                .withQueryParam("sort_order", equalTo("desc"))
                .willReturn(okJson(list("comments", comments).replace("\"next_page\"",
                        "\"users\": [" + user(AGENT, "Bea Agent", "agent", null) + "], \"next_page\""))));
        server.stubFor(get(urlPathEqualTo("/api/v2/users/" + AGENT + ".json")).willReturn(okJson(
                "{\"user\": " + user(AGENT, "Bea Agent", "agent", null) + "}")));
    }

    /**
     * An agent or an admin deleted {@link #TICKET}: reading or updating it, or its audits and
     * comments, answers 404 as Zendesk does; a ticket created from now on is {@code next}.
     */
    void ticketDeleted(long next) {
        server.stubFor(any(urlPathMatching("/api/v2/tickets/" + TICKET + "(\\.json|/.*)")).willReturn(json(404,
                "{\"error\":\"RecordNotFound\",\"description\":\"Not found\"}")));
        server.stubFor(post(urlPathEqualTo(TICKETS)).willReturn(json(201, "{\"ticket\": " + ticket(next, "new",
                "{{{jsonPath request.body '$.ticket.external_id'}}}", "{{{jsonPath request.body '$.ticket.subject'}}}",
                "\"whatsapp\",\"wa_window_open\"") + "}").withHeader("x-idempotency-lookup", "miss")
                .withTransformers("response-template")));
    }

    private static ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json; charset=utf-8")
                .withBody(body);
    }

    private static String list(String name, String... items) {
        return "{\"" + name + "\": [" + String.join(",", items) + "], \"next_page\": null, \"previous_page\": null, "
                + "\"count\": " + items.length + "}";
    }

    static String comment(long id, long author, boolean isPublic, String body) {
        return """
            {"id": %1$d, "type": "Comment", "author_id": %2$d, "body": "%3$s",
             "html_body": "<div class=\\"zd-comment\\"><p>%3$s</p></div>", "plain_body": "%3$s",
             "public": %4$s, "attachments": [], "audit_id": %5$d,
             "via": {"channel": "web", "source": {"from": {}, "to": {}, "rel": null}},
             "created_at": "2026-09-01T11:00:00Z", "metadata": {"system": {}, "custom": {}}}"""
                .formatted(id, author, body, isPublic, id + 100);
    }

    private static String user(long id, String name, String role, String phone) {
        return """
            {"id": %1$d, "url": "https://acme.zendesk.com/api/v2/users/%1$d.json", "name": "%2$s", "email": null,
             "created_at": "2026-09-01T10:00:05Z", "updated_at": "2026-09-01T10:00:05Z",
             "time_zone": "Eastern Time (US & Canada)", "iana_time_zone": "America/New_York", "phone": %3$s,
             "shared_phone_number": false, "photo": null, "locale_id": 1, "locale": "en-US", "organization_id": null,
             "role": "%4$s", "verified": true, "external_id": %3$s, "tags": [], "alias": "", "active": true,
             "shared": false, "shared_agent": false, "last_login_at": null, "two_factor_auth_enabled": false,
             "signature": null, "details": "", "notes": "", "role_type": null, "custom_role_id": null,
             "moderator": false, "ticket_restriction": "requested", "only_private_comments": false,
             "restricted_agent": true, "suspended": false, "default_group_id": null, "report_csv": false,
             "user_fields": {}}"""
                .formatted(id, name, phone == null ? "null" : "\"" + phone + "\"", role);
    }

    private static String ticket(long id, String status, String externalId, String subject, String tags) {
        return """
            {"url": "https://acme.zendesk.com/api/v2/tickets/%1$d.json", "id": %1$d, "external_id": "%2$s",
             "via": {"channel": "api", "source": {"from": {}, "to": {}, "rel": null}},
             "created_at": "2026-09-01T10:00:06Z", "updated_at": "2026-09-01T10:00:06Z", "type": null,
             "subject": "%3$s", "raw_subject": "%3$s", "description": "%3$s", "priority": null,
             "status": "%4$s", "recipient": null, "requester_id": %5$d, "submitter_id": %5$d, "assignee_id": null,
             "organization_id": null, "group_id": 360000001, "collaborator_ids": [], "follower_ids": [],
             "email_cc_ids": [], "has_incidents": false, "is_public": true, "due_at": null, "tags": [%6$s],
             "custom_fields": [{"id": %7$d, "value": null}, {"id": %8$d, "value": null}],
             "satisfaction_rating": null, "sharing_agreement_ids": [], "followup_ids": [], "brand_id": 360000002,
             "allow_channelback": false, "allow_attachments": true, "from_messaging_channel": false}"""
                .formatted(id, externalId, subject, status, REQUESTER, tags, WINDOW_FIELD, COST_FIELD);
    }

    @Override
    public void close() {
        server.stop();
    }
}
