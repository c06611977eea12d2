package dev.deskbridge.connector.twilio.stub;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import dev.deskbridge.connector.api.model.TicketRef;
import dev.deskbridge.connector.api.webhook.WebhookRequest;
import dev.deskbridge.connector.testkit.CrmProbe;
import dev.deskbridge.connector.testkit.WireMockSupport;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Twilio Conversations that remembers: Conversations by SID and unique name, their participants and
 * messages with their attributes, so a test can count what landed. Requests and answers follow
 * Twilio's Conversations v1 description for what the plugin calls (fetch by SID or unique name,
 * create, update attributes, add a participant, list messages newest first, post a message); a
 * second Conversation with a unique name in use is refused with 50353, as Twilio refuses it.
 * The contract suite reads Conversations back through it ({@link CrmProbe}): a message by the note
 * author is a note, and every message added gets the {@code onMessageAdded} webhook Twilio sends.
 */
public final class TwilioConversationsStandIn implements CrmProbe, AutoCloseable {
    static final String ACCOUNT_SID = "AC0123456789abcdef0123456789abcdef";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BASE = "https://conversations.twilio.com/v1/Conversations/";
    private static final Pattern ONE = Pattern.compile("/v1/Conversations/([^/]+)");
    private static final Pattern PART = Pattern.compile("/v1/Conversations/([^/]+)/(Participants|Messages)");

    /** A message as Twilio keeps it. */
    record Message(String sid, String conversation, String author, String body, String attributes) {}

    private static final class Conversation {
        final String sid;
        final String uniqueName;
        String attributes;

        Conversation(String sid, String uniqueName, String attributes) {
            this.sid = sid;
            this.uniqueName = uniqueName;
            this.attributes = attributes;
        }
    }

    private final Map<String, Conversation> conversations = new LinkedHashMap<>();
    private final List<Message> messages = new ArrayList<>();
    private long next = 1;

    private final String noteAuthor;
    private final WireMockServer server = WireMockSupport.startStateful(this::handle);

    /** @param noteAuthor the plugin's {@code note_author} setting: its messages are notes */
    public TwilioConversationsStandIn(String noteAuthor) {
        this.noteAuthor = noteAuthor;
    }

    public String baseUrl() {
        return WireMockSupport.baseUrl(server);
    }

    @Override
    public void close() {
        server.stop();
    }

    // ---- the probe

    @Override
    public synchronized List<CrmProbe.Comment> comments(TicketRef ticket) {
        return messages(ticket.id()).stream()
                .map(m -> new CrmProbe.Comment(m.body(), noteAuthor.equalsIgnoreCase(m.author()))).toList();
    }

    @Override
    public synchronized void agentAnswers(TicketRef ticket, String text) {
        agentWrites(ticket.id(), "agent.maria@example.com", text);
    }

    /** Twilio's {@code onMessageAdded} for the newest message, from the SDK for agents, the API for DeskBridge. */
    @Override
    public synchronized Optional<WebhookRequest> webhookForNewestComment(TicketRef ticket) {
        List<Message> on = messages(ticket.id());
        if (on.isEmpty()) {
            return Optional.empty();
        }
        Message m = on.get(on.size() - 1);
        Map<String, String> p = new LinkedHashMap<>(TwilioSamples.agentMessageAdded(m.sid(), m.body()));
        p.put("ConversationSid", m.conversation());
        p.put("Author", m.author());
        p.put("ClientIdentity", m.author());
        p.put("Attributes", m.attributes());
        p.put("Source", m.author().equals("agent.maria@example.com") ? "SDK" : "API");
        return Optional.of(TwilioSigner.signedForm(TwilioSamples.AUTH_TOKEN, TwilioSamples.CRM_WEBHOOK_URL, p));
    }

    /** The SID of the Conversation with this unique name. */
    synchronized Optional<String> sidOf(String uniqueName) {
        return conversations.values().stream().filter(c -> uniqueName.equals(c.uniqueName)).map(c -> c.sid)
                .findFirst();
    }

    synchronized List<Message> messages(String conversationSid) {
        return messages.stream().filter(m -> m.conversation().equals(conversationSid)).toList();
    }

    synchronized int conversationCount() {
        return conversations.size();
    }

    /** An agent writes in the Conversation from Flex; the new message. */
    synchronized Message agentWrites(String conversationSid, String author, String body) {
        return add(conversationSid, author, body, "{}");
    }

    private synchronized ResponseDefinition handle(Request request) {
        Call call = new Call(request.getMethod().getName(), request.getUrl().replaceFirst("\\?.*", ""),
                request.getBodyAsString());
        Map<String, String> form = call.method().equals("POST") ? form(call.body()) : Map.of();
        Matcher m;
        if (call.is("POST", "/v1/Conversations")) {
            String name = form.get("UniqueName");
            if (name != null && sidOf(name).isPresent()) {
                return json(409, error(50353, "Conversation with provided unique name already exists", 409));
            }
            Conversation c = new Conversation(String.format("CH%032x", next++), name, form.getOrDefault("Attributes",
                    "{}"));
            conversations.put(c.sid, c);
            return json(201, conversation(c).toString());
        }
        if ((m = PART.matcher(call.path())).matches()) {
            Conversation c = find(m.group(1));
            if (c == null) {
                return json(404, error(20404, "The requested resource was not found", 404));
            }
            if (m.group(2).equals("Participants")) {
                return json(201, participant(c, form.get("Identity")).toString());
            }
            if (call.method().equals("POST")) {
                return json(201, message(add(c.sid, form.get("Author"), form.get("Body"),
                        form.getOrDefault("Attributes", "{}"))).toString());
            }
            List<Message> newestFirst = new ArrayList<>(messages(c.sid));
            java.util.Collections.reverse(newestFirst);
            return json(200, page(c, newestFirst).toString());
        }
        if ((m = ONE.matcher(call.path())).matches()) {
            Conversation c = find(m.group(1));
            if (c == null) {
                return json(404, error(20404, "The requested resource was not found", 404));
            }
            if (call.method().equals("POST") && form.containsKey("Attributes")) {
                c.attributes = form.get("Attributes");
            }
            return json(200, conversation(c).toString());
        }
        return json(404, error(20404, "The requested resource was not found", 404));
    }

    private Conversation find(String sidOrName) {
        Conversation c = conversations.get(sidOrName);
        return c != null ? c : sidOf(sidOrName).map(conversations::get).orElse(null);
    }

    private Message add(String conversation, String author, String body, String attributes) {
        Message message = new Message(String.format("IM%032x", next++), conversation, author, body, attributes);
        messages.add(message);
        return message;
    }

    // ---- bodies, shaped as in Twilio's Conversations v1 description

    private static ObjectNode conversation(Conversation c) {
        ObjectNode n = JSON.createObjectNode();
        n.put("sid", c.sid);
        n.put("account_sid", ACCOUNT_SID);
        n.put("chat_service_sid", "IS0123456789abcdef0123456789abcdef");
        n.put("messaging_service_sid", "MG0123456789abcdef0123456789abcdef");
        n.put("friendly_name", "WhatsApp");
        n.put("unique_name", c.uniqueName);
        n.put("attributes", c.attributes);
        n.put("date_created", "2026-10-05T08:00:01Z");
        n.put("date_updated", "2026-10-05T08:00:01Z");
        n.put("state", "active");
        n.putObject("timers");
        n.putNull("bindings");
        n.put("url", BASE + c.sid);
        ObjectNode links = n.putObject("links");
        links.put("participants", BASE + c.sid + "/Participants");
        links.put("messages", BASE + c.sid + "/Messages");
        links.put("webhooks", BASE + c.sid + "/Webhooks");
        return n;
    }

    private static ObjectNode participant(Conversation c, String identity) {
        ObjectNode n = JSON.createObjectNode();
        n.put("account_sid", ACCOUNT_SID);
        n.put("conversation_sid", c.sid);
        n.put("sid", "MB0123456789abcdef0123456789abcdef");
        n.put("identity", identity);
        n.put("attributes", "{}");
        n.putNull("messaging_binding");
        n.put("role_sid", "RL0123456789abcdef0123456789abcdef");
        n.put("date_created", "2026-10-05T08:00:01Z");
        n.put("date_updated", "2026-10-05T08:00:01Z");
        n.put("url", BASE + c.sid + "/Participants/MB0123456789abcdef0123456789abcdef");
        return n;
    }

    private static ObjectNode message(Message m) {
        ObjectNode n = JSON.createObjectNode();
        n.put("sid", m.sid());
        n.put("account_sid", ACCOUNT_SID);
        n.put("conversation_sid", m.conversation());
        n.put("body", m.body());
        n.putNull("media");
        n.put("author", m.author());
        n.put("participant_sid", "MB0123456789abcdef0123456789abcdef");
        n.put("attributes", m.attributes());
        n.put("date_created", "2026-10-05T08:00:01Z");
        n.put("date_updated", "2026-10-05T08:00:01Z");
        n.put("index", 0);
        n.putNull("delivery");
        n.putNull("content_sid");
        n.put("url", BASE + m.conversation() + "/Messages/" + m.sid());
        return n;
    }

    private static ObjectNode page(Conversation c, List<Message> items) {
        ObjectNode n = JSON.createObjectNode();
        ArrayNode list = n.putArray("messages");
        items.forEach(m -> list.add(message(m)));
        String url = BASE + c.sid + "/Messages?Order=desc&PageSize=50&Page=0";
        ObjectNode meta = n.putObject("meta");
        meta.put("page", 0);
        meta.put("page_size", 50);
        meta.put("first_page_url", url);
        meta.putNull("previous_page_url");
        meta.put("url", url);
        meta.putNull("next_page_url");
        meta.put("key", "messages");
        return n;
    }

    private static String error(int code, String message, int status) {
        return "{\"code\": " + code + ", \"message\": \"" + message + "\", \"more_info\": "
                + "\"https://www.twilio.com/docs/errors/" + code + "\", \"status\": " + status + "}";
    }

    private static ResponseDefinition json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body).build();
    }

    /** A request as the stand-in matches it. */
    private record Call(String method, String path, String body) {
        boolean is(String m, String pathPattern) {
            return method.equals(m) && path.matches(pathPattern);
        }
    }

    private static Map<String, String> form(String body) {
        Map<String, String> form = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            String[] kv = pair.split("=", 2);
            form.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
                    kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
        }
        return form;
    }
}
