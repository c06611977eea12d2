package dev.deskbridge.connector.zendesk;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.deskbridge.connector.zendesk.ZendeskStub.SIGNING_SECRET;
import static dev.deskbridge.connector.zendesk.ZendeskStub.created;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.deskbridge.connector.api.CrmSetup;
import dev.deskbridge.connector.api.CrmSetup.Step;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Setup creates the fields, webhook and trigger once, finds them when run again, and a dry run only reads. */
class ZendeskSetupTest {
    private static final String URL = "https://bridge.example.com/webhooks/crms/zendesk-main";
    private static final String WEBHOOK_ID = "01GDXYD7ZTWYP6SVS6JWCTBBGQ";
    private static final String WEBHOOK_NAME = "DeskBridge agent replies (zendesk-main)";
    private static final String TRIGGER_TITLE = "DeskBridge: agent comment on a WhatsApp ticket (zendesk-main)";
    private static final String MACRO_TITLE = "DeskBridge: send WhatsApp template (zendesk-main)";

    private final ZendeskStub zendesk = new ZendeskStub();
    private final ZendeskSession session = zendesk.open();
    private final CrmSetup setup = session.setup().orElseThrow();

    @AfterEach
    void stop() {
        session.close();
        zendesk.close();
    }

    private static String fields(String... extra) {
        return """
            {"ticket_fields": [
              {"url": "https://acme.zendesk.com/api/v2/ticket_fields/34.json", "id": 34, "type": "subject",
               "title": "Subject", "raw_title": "Subject", "active": true, "required": false, "position": 1}%s],
             "meta": {"has_more": false, "after_cursor": null, "before_cursor": null},
             "links": {"prev": null, "next": null}}""".formatted(extra.length == 0 ? "" : "," + String.join(",", extra));
    }

    private static String field(long id, String title) {
        return """
            {"url": "https://acme.zendesk.com/api/v2/ticket_fields/%1$d.json", "id": %1$d, "type": "text",
             "title": "%2$s", "raw_title": "%2$s", "description": "", "active": true, "required": false,
             "visible_in_portal": false, "editable_in_portal": false, "position": 9999,
             "created_at": "2026-10-01T10:00:00Z", "updated_at": "2026-10-01T10:00:00Z"}""".formatted(id, title);
    }

    private static String webhook(String endpoint) {
        return """
            {"id": "%s", "name": "%s", "status": "active", "subscriptions": ["conditional_ticket_events"],
             "created_at": "2026-10-01T10:00:00Z", "created_by": "7001", "endpoint": "%s", "http_method": "POST",
             "request_format": "json"}""".formatted(WEBHOOK_ID, WEBHOOK_NAME, endpoint);
    }

    private static String webhooks(String... hooks) {
        return "{\"webhooks\": [" + String.join(",", hooks) + "], \"meta\": {\"has_more\": false, \"after_cursor\": null,"
                + " \"before_cursor\": null}, \"links\": {\"next\": null, \"prev\": null}}";
    }

    /** The body an older DeskBridge's trigger sends: the ids only. */
    private static final String OLDER_BODY = "{\"source\":\"deskbridge\",\"ticket_id\":\"{{ticket.id}}\","
            + "\"comment_id\":\"{{ticket.latest_comment.id}}\",\"external_id\":\"{{ticket.external_id}}\","
            + "\"updated_by\":\"{{current_user.id}}\"}";

    private static String trigger(long id, String webhookId) {
        return trigger(id, webhookId, dev.deskbridge.connector.zendesk.webhook.WebhookPayload.template());
    }

    private static String trigger(long id, String webhookId, String body) {
        String quoted = new com.fasterxml.jackson.databind.node.TextNode(body).toString();
        return """
            {"url": "https://acme.zendesk.com/api/v2/triggers/%1$d.json", "id": %1$d, "title": "%2$s",
             "active": true, "updated_at": "2026-10-01T10:00:00Z", "created_at": "2026-10-01T10:00:00Z",
             "default": false, "description": null, "position": 12, "raw_title": "%2$s", "category_id": "10026",
             "actions": [{"field": "notification_webhook", "value": ["%3$s", %4$s]}],
             "conditions": {"all": [{"field": "update_type", "operator": "is", "value": "Change"},
                                    {"field": "comment_is_public", "operator": "is", "value": true},
                                    {"field": "current_tags", "operator": "includes", "value": "whatsapp"}],
                            "any": []}}""".formatted(id, TRIGGER_TITLE, webhookId, quoted);
    }

    /** A macro as Zendesk's macros API shows it. */
    private static String macro(long id, String title) {
        return """
            {"url": "https://acme.zendesk.com/api/v2/macros/%1$d.json", "id": %1$d, "title": "%2$s",
             "raw_title": "%2$s", "active": true, "default": false, "description": null, "position": 10001,
             "restriction": null, "created_at": "2026-10-01T10:00:00Z", "updated_at": "2026-10-01T10:00:00Z",
             "actions": [{"field": "comment_value", "value": "#template TEMPLATE_NAME en_US"},
                         {"field": "comment_mode_is_public", "value": "true"}]}""".formatted(id, title);
    }

    private static String macros(String... found) {
        return "{\"macros\": [" + String.join(",", found) + "], \"next_page\": null, \"previous_page\": null, "
                + "\"count\": " + found.length + "}";
    }

    private void stubSecret(String secret) {
        zendesk.server.stubFor(get(urlPathEqualTo("/api/v2/webhooks/" + WEBHOOK_ID + "/signing_secret"))
                .willReturn(okJson("{\"signing_secret\": {\"algorithm\": \"SHA256\", \"secret\": \"" + secret + "\"}}")));
    }

    private void stubEmptyAccount() {
        zendesk.server.stubFor(get(urlPathEqualTo("/api/v2/ticket_fields.json")).willReturn(okJson(fields())));
        zendesk.server.stubFor(get(urlPathEqualTo("/api/v2/webhooks")).willReturn(okJson(webhooks())));
        zendesk.server.stubFor(get(urlPathEqualTo("/api/v2/triggers/search.json"))
                .willReturn(okJson("{\"triggers\": [], \"next_page\": null, \"previous_page\": null, \"count\": 0}")));
        // Zendesk's search matches words, so it may find other macros too: only the exact title counts.
        zendesk.server.stubFor(get(urlPathEqualTo("/api/v2/macros/search"))
                .willReturn(okJson(macros(macro(3001, "DeskBridge: send WhatsApp template (zendesk-other)")))));
    }

    private void stubConfiguredAccount(String endpoint) {
        zendesk.server.stubFor(get(urlPathEqualTo("/api/v2/ticket_fields.json")).willReturn(okJson(fields(
                field(9101, "WhatsApp window closes at"), field(9102, "WhatsApp cost so far"),
                field(9103, "WhatsApp entry link")))));
        zendesk.server.stubFor(get(urlPathEqualTo("/api/v2/webhooks"))
                .withQueryParam("filter[name_contains]", equalTo(WEBHOOK_NAME))
                .willReturn(okJson(webhooks(webhook(endpoint)))));
        zendesk.server.stubFor(get(urlPathEqualTo("/api/v2/triggers/search.json"))
                .withQueryParam("query", equalTo(TRIGGER_TITLE))
                .willReturn(okJson("{\"triggers\": [" + trigger(4401, WEBHOOK_ID)
                        + "], \"next_page\": null, \"previous_page\": null, \"count\": 1}")));
        zendesk.server.stubFor(get(urlPathEqualTo("/api/v2/macros/search"))
                .withQueryParam("query", equalTo(MACRO_TITLE))
                .willReturn(okJson(macros(macro(3002, MACRO_TITLE)))));
    }

    @Test
    void createsFieldsWebhookAndTriggerOnAFreshAccount() {
        stubEmptyAccount();
        zendesk.server.stubFor(post(urlPathEqualTo("/api/v2/ticket_fields.json"))
                .withRequestBody(matchingJsonPath("$.ticket_field.title", equalTo("WhatsApp window closes at")))
                .willReturn(created("{\"ticket_field\": " + field(9101, "WhatsApp window closes at") + "}")));
        zendesk.server.stubFor(post(urlPathEqualTo("/api/v2/ticket_fields.json"))
                .withRequestBody(matchingJsonPath("$.ticket_field.title", equalTo("WhatsApp cost so far")))
                .willReturn(created("{\"ticket_field\": " + field(9102, "WhatsApp cost so far") + "}")));
        zendesk.server.stubFor(post(urlPathEqualTo("/api/v2/ticket_fields.json"))
                .withRequestBody(matchingJsonPath("$.ticket_field.title", equalTo("WhatsApp entry link")))
                .willReturn(created("{\"ticket_field\": " + field(9103, "WhatsApp entry link") + "}")));
        zendesk.server.stubFor(post(urlPathEqualTo("/api/v2/webhooks"))
                .willReturn(created("{\"webhook\": " + webhook(URL) + "}")));
        stubSecret(SIGNING_SECRET);
        zendesk.server.stubFor(post(urlPathEqualTo("/api/v2/triggers.json"))
                .willReturn(created("{\"trigger\": " + trigger(4401, WEBHOOK_ID) + "}")));
        zendesk.server.stubFor(post(urlPathEqualTo("/api/v2/macros"))
                .willReturn(created("{\"macro\": " + macro(3002, MACRO_TITLE) + "}")));

        List<Step> steps = setup.setUp(URL, false);

        assertThat(steps).extracting(Step::action).containsExactly(Step.Action.CREATE, Step.Action.CREATE,
                Step.Action.CREATE, Step.Action.CREATE, Step.Action.EXISTS, Step.Action.CREATE, Step.Action.CREATE);
        assertThat(steps.get(6).what()).isEqualTo("macro '" + MACRO_TITLE + "'");
        assertThat(steps.get(6).detail()).contains("id 3002");
        assertThat(steps.get(0).detail()).contains("id 9101").contains("window_field_id: 9101");
        assertThat(steps.get(2).detail()).contains("id 9103").contains("link_field_id: 9103");
        assertThat(steps.get(4).what()).isEqualTo("webhook signing secret");
        assertThat(steps.get(4).detail()).contains("matches").contains("webhook_signing_secret");
        assertThat(steps.toString()).doesNotContain(SIGNING_SECRET).doesNotContain(ZendeskStub.API_TOKEN);
        zendesk.server.verify(postRequestedFor(urlPathEqualTo("/api/v2/ticket_fields.json"))
                .withRequestBody(matchingJsonPath("$.ticket_field.type", equalTo("text")))
                .withRequestBody(matchingJsonPath("$.ticket_field.visible_in_portal", equalTo("false"))));
        zendesk.server.verify(postRequestedFor(urlPathEqualTo("/api/v2/webhooks"))
                .withRequestBody(matchingJsonPath("$.webhook.name", equalTo(WEBHOOK_NAME)))
                .withRequestBody(matchingJsonPath("$.webhook.endpoint", equalTo(URL)))
                .withRequestBody(matchingJsonPath("$.webhook.http_method", equalTo("POST")))
                .withRequestBody(matchingJsonPath("$.webhook.request_format", equalTo("json")))
                .withRequestBody(matchingJsonPath("$.webhook.status", equalTo("active")))
                .withRequestBody(matchingJsonPath("$.webhook.subscriptions[0]", equalTo("conditional_ticket_events"))));
        zendesk.server.verify(postRequestedFor(urlPathEqualTo("/api/v2/triggers.json"))
                .withRequestBody(matchingJsonPath("$.trigger.title", equalTo(TRIGGER_TITLE)))
                .withRequestBody(matchingJsonPath("$.trigger.actions[0].field", equalTo("notification_webhook")))
                .withRequestBody(matchingJsonPath("$.trigger.actions[0].value[0]", equalTo(WEBHOOK_ID)))
                .withRequestBody(matchingJsonPath("$.trigger.actions[0].value[1]",
                        com.github.tomakehurst.wiremock.client.WireMock.containing("{{ticket.latest_comment.id}}")))
                .withRequestBody(matchingJsonPath("$.trigger.conditions.all[?(@.field == 'comment_is_public')]"))
                .withRequestBody(matchingJsonPath("$.trigger.conditions.all[?(@.field == 'current_tags' && @.value"
                        + " == 'whatsapp')]")));
        // The macro writes the command's skeleton as a public comment: the trigger reports public comments only.
        LoggedRequest macro = zendesk.server.findAll(postRequestedFor(urlPathEqualTo("/api/v2/macros"))).get(0);
        zendesk.server.verify(1, postRequestedFor(urlPathEqualTo("/api/v2/macros"))
                .withRequestBody(matchingJsonPath("$.macro.title", equalTo(MACRO_TITLE)))
                .withRequestBody(matchingJsonPath("$.macro.actions[?(@.field == 'comment_mode_is_public' && @.value"
                        + " == 'true')]"))
                .withRequestBody(matchingJsonPath("$.macro.actions[?(@.field == 'comment_value')].value",
                        com.github.tomakehurst.wiremock.client.WireMock.containing("#template TEMPLATE_NAME en_US"))));
        assertThat(macro.getBodyAsString()).contains("1=").contains("2=");
    }

    @Test
    void theMacrosSkeletonIsACommandTheReaderReads() {
        dev.deskbridge.connector.api.model.TemplateRequest read = dev.deskbridge.connector.zendesk.webhook
                .TemplateCommand.parse(dev.deskbridge.connector.zendesk.setup.TemplateMacro.SKELETON);
        assertThat(read.name()).isEqualTo("TEMPLATE_NAME");
        assertThat(read.language()).contains("en_US");
        assertThat(read.named()).containsOnlyKeys("1", "2");
    }

    @Test
    void runningAgainFindsEverythingAndWritesNothing() {
        stubConfiguredAccount(URL);
        stubSecret(SIGNING_SECRET);

        List<Step> steps = setup.setUp(URL, false);

        assertThat(steps).extracting(Step::action).containsOnly(Step.Action.EXISTS).hasSize(7);
        assertThat(steps.get(6).detail()).isEqualTo("id 3002");
        assertThat(zendesk.received()).extracting(LoggedRequest::getMethod).containsOnly(
                com.github.tomakehurst.wiremock.http.RequestMethod.GET);
    }

    @Test
    void dryRunOnAFreshAccountPlansWithoutWriting() {
        stubEmptyAccount();

        List<Step> steps = setup.setUp(URL, true);

        assertThat(steps).extracting(Step::action).containsOnly(Step.Action.PLAN).hasSize(7);
        assertThat(steps.get(5).detail()).contains("{{ticket.latest_comment.id}}");
        assertThat(steps.get(6).what()).isEqualTo("macro '" + MACRO_TITLE + "'");
        assertThat(steps.get(6).detail()).contains("#template TEMPLATE_NAME en_US");
        assertThat(zendesk.received()).isNotEmpty().extracting(LoggedRequest::getMethod).containsOnly(
                com.github.tomakehurst.wiremock.http.RequestMethod.GET);
    }

    @Test
    void dryRunWithMovedEndpointPlansTheChange() {
        stubConfiguredAccount("https://old.example.com/hook");
        stubSecret(SIGNING_SECRET);

        List<Step> steps = setup.setUp(URL, true);

        assertThat(steps.get(3).action()).isEqualTo(Step.Action.PLAN);
        assertThat(steps.get(3).detail()).contains(URL).contains("https://old.example.com/hook");
        assertThat(zendesk.received()).extracting(LoggedRequest::getMethod).containsOnly(
                com.github.tomakehurst.wiremock.http.RequestMethod.GET);
    }

    @Test
    void movedEndpointIsUpdated() {
        stubConfiguredAccount("https://old.example.com/hook");
        stubSecret(SIGNING_SECRET);
        zendesk.server.stubFor(put(urlPathEqualTo("/api/v2/webhooks/" + WEBHOOK_ID))
                .willReturn(com.github.tomakehurst.wiremock.client.WireMock.aResponse().withStatus(204)));

        List<Step> steps = setup.setUp(URL, false);

        assertThat(steps.get(3).action()).isEqualTo(Step.Action.UPDATE);
        zendesk.server.verify(putRequestedFor(urlPathEqualTo("/api/v2/webhooks/" + WEBHOOK_ID))
                .withRequestBody(matchingJsonPath("$.webhook.endpoint", equalTo(URL))));
    }

    /** A trigger set up by an older DeskBridge whose body carries only the ids. */
    private void stubTriggerWithOlderBody() {
        zendesk.server.stubFor(get(urlPathEqualTo("/api/v2/triggers/search.json"))
                .withQueryParam("query", equalTo(TRIGGER_TITLE))
                .willReturn(okJson("{\"triggers\": [" + trigger(4401, WEBHOOK_ID, OLDER_BODY)
                        + "], \"next_page\": null, \"previous_page\": null, \"count\": 1}")));
    }

    @Test
    void dryRunPlansToGiveAnOlderTriggerTheCurrentBodyWithoutWriting() {
        stubConfiguredAccount(URL);
        stubTriggerWithOlderBody();
        stubSecret(SIGNING_SECRET);

        List<Step> steps = setup.setUp(URL, true);

        assertThat(steps.get(5).action()).isEqualTo(Step.Action.PLAN);
        assertThat(steps.get(5).detail()).contains("would update id 4401").contains("older DeskBridge's")
                .contains("one more Zendesk request");
        assertThat(zendesk.received()).extracting(LoggedRequest::getMethod).containsOnly(
                com.github.tomakehurst.wiremock.http.RequestMethod.GET);
    }

    @Test
    void anOlderTriggersBodyIsUpdatedToTheCurrentOneAndARerunFindsIt() {
        stubConfiguredAccount(URL);
        stubTriggerWithOlderBody();
        stubSecret(SIGNING_SECRET);
        zendesk.server.stubFor(put(urlPathEqualTo("/api/v2/triggers/4401.json"))
                .willReturn(okJson("{\"trigger\": " + trigger(4401, WEBHOOK_ID) + "}")));

        List<Step> steps = setup.setUp(URL, false);

        assertThat(steps.get(5).action()).isEqualTo(Step.Action.UPDATE);
        assertThat(steps.get(5).detail()).contains("id 4401").contains(WEBHOOK_ID);
        zendesk.server.verify(1, putRequestedFor(urlPathEqualTo("/api/v2/triggers/4401.json"))
                .withRequestBody(matchingJsonPath("$.trigger.actions[0].value[0]", equalTo(WEBHOOK_ID)))
                .withRequestBody(matchingJsonPath("$.trigger.actions[0].value[1]",
                        equalTo(dev.deskbridge.connector.zendesk.webhook.WebhookPayload.template())))
                .withRequestBody(matchingJsonPath("$.trigger.conditions.all[?(@.field == 'comment_is_public')]")));
        assertThat(dev.deskbridge.connector.zendesk.webhook.WebhookPayload.template())
                .contains("{{ticket.requester.id}}").contains("{{ticket.tags}}").contains("{{ticket.external_id}}");

        // Run again once Zendesk holds the current body: found, nothing written.
        stubConfiguredAccount(URL);
        zendesk.server.resetRequests();
        List<Step> again = setup.setUp(URL, false);
        assertThat(again.get(5).action()).isEqualTo(Step.Action.EXISTS);
        assertThat(zendesk.received()).extracting(LoggedRequest::getMethod).containsOnly(
                com.github.tomakehurst.wiremock.http.RequestMethod.GET);
    }

    @Test
    void differentSigningSecretIsReportedWithoutShowingEither() {
        stubConfiguredAccount(URL);
        stubSecret("c29tZV9vdGhlcl9zZWNyZXRfdmFsdWU=");

        List<Step> steps = setup.setUp(URL, false);

        Step secret = steps.get(4);
        assertThat(secret.action()).isEqualTo(Step.Action.PLAN);
        assertThat(secret.detail()).contains("differs").contains("Reveal secret")
                .contains("webhook_signing_secret").contains("zendesk-main");
        assertThat(steps.toString()).doesNotContain("c29tZV9vdGhlcl9zZWNyZXRfdmFsdWU=").doesNotContain(SIGNING_SECRET);
    }

    @Test
    void badWebhookUrlIsRefusedBeforeAnyRequest() {
        assertThatThrownBy(() -> setup.setUp("ftp://bridge.example.com/x", true))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("http");
        assertThat(zendesk.received()).isEmpty();
    }

    @Test
    void settingsStillValidateWithTheFieldIdsSetupPrints() {
        Map<String, String> s = new HashMap<>(zendesk.settings());
        s.put("window_field_id", "9101");
        s.put("cost_field_id", "9102");
        assertThat(ZendeskSettings.SPEC.validate(s)).isEmpty();
    }
}
