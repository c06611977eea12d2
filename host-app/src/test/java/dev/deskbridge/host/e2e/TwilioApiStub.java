package dev.deskbridge.host.e2e;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import dev.deskbridge.connector.api.model.PhoneNumber;
import dev.deskbridge.connector.testkit.WireMockSupport;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * A WireMock Twilio on loopback (the plugin's {@code base_url} sends every Twilio host here):
 * the Conversations API for one Conversation and the Messages API of one account. Answers are
 * the examples of Twilio's OpenAPI descriptions with this account's ids filled in.
 */
final class TwilioApiStub implements AutoCloseable {
    static final String ACCOUNT_SID = "AC0123456789abcdef0123456789abcdef";
    static final String AUTH_TOKEN = "f1e2d3c4b5a697887766554433221100";
    static final String CONVERSATION_SID = "CH5c4dc0a3e2b7461d8f6a9e0b1c2d3e4f";
    static final String CONVERSATIONS = "/v1/Conversations";
    static final String CONVERSATION = CONVERSATIONS + "/" + CONVERSATION_SID;
    static final String MESSAGES_API = "/2010-04-01/Accounts/" + ACCOUNT_SID + "/Messages.json";

    /** Makes a request's form parameters {@code form.Name} in a response template. */
    private static final String READ_FORM = "{{formData request.body 'form' urlDecode=true}}";

    /** A stateful Conversations API, for the tests that use {@link #conversationsStandIn(String)}. */
    final ConversationsStandIn conversations = new ConversationsStandIn();
    final WireMockServer server = start(conversations);

    private static WireMockServer start(ConversationsStandIn conversations) {
        WireMockServer server = new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1")
                .dynamicPort().extensions(conversations));
        server.start();
        return server;
    }

    String baseUrl() {
        return WireMockSupport.baseUrl(server);
    }

    /**
     * No Conversation exists yet under any unique name; creating one makes {@link #CONVERSATION_SID},
     * which then answers reads and updates, and takes participants and messages. Messages API sends
     * are queued as {@code sentSid}.
     */
    void acceptEverything(String sentSid) {
        server.stubFor(get(urlPathMatching(CONVERSATIONS + "/[^/]+")).atPriority(9).willReturn(json(404,
                "{\"code\": 20404, \"message\": \"The requested resource was not found\", \"more_info\": "
                        + "\"https://www.twilio.com/docs/errors/20404\", \"status\": 404}")));
        server.stubFor(post(urlPathEqualTo(CONVERSATIONS)).willReturn(json(201, READ_FORM + conversation(
                "\"{{{form.UniqueName}}}\"")).withTransformers("response-template")));
        // Reads and updates by SID: the stub cannot know the unique name the host chose (the
        // plugin reads only sid, state and attributes back), so it answers none.
        server.stubFor(get(urlPathEqualTo(CONVERSATION)).atPriority(1).willReturn(json(200, conversation("null"))));
        server.stubFor(post(urlPathEqualTo(CONVERSATION)).willReturn(json(200, conversation("null"))));
        String url = "https://conversations.twilio.com" + CONVERSATION;
        server.stubFor(post(urlPathEqualTo(CONVERSATION + "/Participants")).willReturn(json(201, READ_FORM + """
            {"account_sid": "%1$s", "conversation_sid": "%2$s", "sid": "MB0123456789abcdef0123456789abcdef",
             "identity": "{{{form.Identity}}}", "attributes": "{}", "messaging_binding": null,
             "role_sid": "RL0123456789abcdef0123456789abcdef",
             "date_created": "2026-10-05T08:00:01Z", "date_updated": "2026-10-05T08:00:01Z",
             "url": "%3$s/Participants/MB0123456789abcdef0123456789abcdef",
             "last_read_message_index": null, "last_read_timestamp": null}"""
                .formatted(ACCOUNT_SID, CONVERSATION_SID, url)).withTransformers("response-template")));
        String message = url + "/Messages/IM0123456789abcdef0123456789abcdef";
        server.stubFor(post(urlPathEqualTo(CONVERSATION + "/Messages")).willReturn(json(201, """
            {"sid": "IM0123456789abcdef0123456789abcdef", "account_sid": "%1$s", "conversation_sid": "%2$s",
             "body": "Hello", "media": null, "author": "message author",
             "participant_sid": "MB0123456789abcdef0123456789abcdef", "attributes": "{}",
             "date_created": "2026-10-05T08:00:01Z", "date_updated": "2026-10-05T08:00:01Z", "index": 0,
             "delivery": null, "content_sid": null, "url": "%3$s",
             "links": {"delivery_receipts": "%3$s/Receipts", "channel_metadata": "%3$s/ChannelMetadata"}}"""
                .formatted(ACCOUNT_SID, CONVERSATION_SID, message))));
        // Before posting a note the plugin reads the latest messages for its marker: none yet.
        server.stubFor(get(urlPathEqualTo(CONVERSATION + "/Messages")).willReturn(json(200, """
            {"messages": [], "meta": {"page": 0, "page_size": 50, "first_page_url": "%1$s/Messages?PageSize=50&Page=0",
             "previous_page_url": null, "url": "%1$s/Messages?PageSize=50&Page=0", "next_page_url": null,
             "key": "messages"}}""".formatted(url))));
        acceptSends(sentSid);
    }

    /**
     * The Conversations API is {@link #conversations}, which keeps what it is told; Messages API
     * sends are queued as {@code sentSid}.
     */
    void conversationsStandIn(String sentSid) {
        server.stubFor(any(urlPathMatching(CONVERSATIONS + "(/.*)?"))
                .willReturn(aResponse().withTransformers(ConversationsStandIn.NAME)));
        acceptSends(sentSid);
    }

    /** The sent message echoes its parameters, as Twilio's answer does. */
    private void acceptSends(String sentSid) {
        server.stubFor(post(urlPathEqualTo(MESSAGES_API)).willReturn(json(201, READ_FORM + """
            {"account_sid": "%1$s", "api_version": "2010-04-01", "body": "{{{form.Body}}}",
             "date_created": "Mon, 05 Oct 2026 08:05:00 +0000", "date_sent": null,
             "date_updated": "Mon, 05 Oct 2026 08:05:00 +0000", "direction": "outbound-api", "error_code": null,
             "error_message": null, "from": "{{{form.From}}}", "num_media": "0", "num_segments": "1", "price": null,
             "price_unit": null, "messaging_service_sid": null, "sid": "%2$s", "status": "queued",
             "subresource_uris": {"media": "/2010-04-01/Accounts/%1$s/Messages/%2$s/Media.json"},
             "to": "{{{form.To}}}", "uri": "/2010-04-01/Accounts/%1$s/Messages/%2$s.json"}"""
                .formatted(ACCOUNT_SID, sentSid)).withTransformers("response-template")));
    }

    /**
     * The sent message's resource, which {@code fetch_price} reads: Twilio's answer with {@code price}
     * (negative, as Twilio writes it).
     */
    void messageResource(String sid, String price) {
        server.stubFor(get(urlPathEqualTo(messageResourcePath(sid))).willReturn(json(200, """
            {"account_sid": "%1$s", "api_version": "2010-04-01", "body": "Hello",
             "date_created": "Mon, 05 Oct 2026 08:05:00 +0000", "date_sent": "Mon, 05 Oct 2026 08:05:01 +0000",
             "date_updated": "Mon, 05 Oct 2026 08:05:20 +0000", "direction": "outbound-api", "error_code": null,
             "error_message": null, "from": "whatsapp:+14155238886", "num_media": "0", "num_segments": "1",
             "price": "%3$s", "price_unit": "USD", "messaging_service_sid": null, "sid": "%2$s", "status": "delivered",
             "subresource_uris": {"media": "/2010-04-01/Accounts/%1$s/Messages/%2$s/Media.json"},
             "to": "whatsapp:+5511987654321", "uri": "/2010-04-01/Accounts/%1$s/Messages/%2$s.json"}"""
                .formatted(ACCOUNT_SID, sid, price))));
    }

    static String messageResourcePath(String sid) {
        return "/2010-04-01/Accounts/" + ACCOUNT_SID + "/Messages/" + sid + ".json";
    }

    /**
     * The route every Twilio end-to-end test runs: channel {@code twilio-wa} (fee 0.005) to CRM
     * {@code flex}, both on this stub, policy refuse; the auth token comes from {@code ${TWILIO_AUTH_TOKEN}}.
     */
    String routeConfig(PhoneNumber sender, String channelWebhookPath) {
        return routeConfig(sender, channelWebhookPath, false);
    }

    /** The same route, the channel reading a price its status callback lacks when {@code fetchPrice}. */
    String routeConfig(PhoneNumber sender, String channelWebhookPath, boolean fetchPrice) {
        return """
                channels:
                  - id: twilio-wa
                    type: twilio-whatsapp
                    config:
                      account_sid: %1$s
                      auth_token: ${TWILIO_AUTH_TOKEN}
                      base_url: %2$s
                      sender: "%3$s"
                      status_callback_url: %4$s
                      fee_per_message: "0.005"
                      fetch_price: %5$s
                crms:
                  - id: flex
                    type: twilio-conversations
                    config:
                      account_sid: %1$s
                      auth_token: ${TWILIO_AUTH_TOKEN}
                      base_url: %2$s
                routes:
                  - channel: twilio-wa
                    crm: flex
                    policy: refuse
                """.formatted(ACCOUNT_SID, baseUrl(), sender.e164(), RunningHost.publicUrl(channelWebhookPath),
                        fetchPrice);
    }

    /** A Conversation resource; {@code uniqueName} is JSON (a quoted string, or null). */
    private static String conversation(String uniqueName) {
        return """
            {"sid": "%1$s", "account_sid": "%2$s", "chat_service_sid": "IS0123456789abcdef0123456789abcdef",
             "messaging_service_sid": "MG0123456789abcdef0123456789abcdef", "friendly_name": "WhatsApp",
             "unique_name": %3$s, "attributes": "{}", "date_created": "2026-10-05T08:00:01Z",
             "date_updated": "2026-10-05T08:00:01Z", "state": "%4$s", "timers": {}, "bindings": {},
             "url": "https://conversations.twilio.com/v1/Conversations/%1$s",
             "links": {"participants": "https://conversations.twilio.com/v1/Conversations/%1$s/Participants",
                       "messages": "https://conversations.twilio.com/v1/Conversations/%1$s/Messages",
                       "webhooks": "https://conversations.twilio.com/v1/Conversations/%1$s/Webhooks",
                       "export": "https://conversations.twilio.com/v1/Conversations/%1$s/Export"}}"""
                .formatted(CONVERSATION_SID, ACCOUNT_SID, uniqueName, "active");
    }

    private static ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
    }

    /** A form-encoded request body as name, value (the last value of a repeated name). */
    static Map<String, String> form(String body) {
        Map<String, String> form = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            String[] kv = pair.split("=", 2);
            form.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
                    kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
        }
        return form;
    }

    /**
     * {@code X-Twilio-Signature} as Twilio documents it: base64 of HMAC-SHA1, keyed by the auth
     * token, over the full URL Twilio called followed by every POST parameter's name and value,
     * sorted by name.
     */
    static String signature(String authToken, String url, Map<String, String> params) {
        StringBuilder data = new StringBuilder(url);
        new TreeMap<>(params).forEach((name, value) -> data.append(name).append(value));
        return Base64.getEncoder().encodeToString(dev.deskbridge.host.testing.Hmac.mac("HmacSHA1", authToken,
                data.toString().getBytes(StandardCharsets.UTF_8)));
    }

    @Override
    public void close() {
        server.stop();
    }
}
