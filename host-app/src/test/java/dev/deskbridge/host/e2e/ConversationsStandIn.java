package dev.deskbridge.host.e2e;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A stateful stand-in of Twilio's Conversations API, as a WireMock response transformer: it keeps
 * Conversations (by SID and unique name, 409 on a taken name), their attributes, participants (409
 * on a known identity) and messages, in the shapes of Twilio's description. Faults come first: the
 * next {@code n} requests matching a pattern get a proxy's HTML 503 and never reach the state, as
 * when a load balancer in front of Twilio is overloaded. Thread-safe.
 */
final class ConversationsStandIn implements ResponseDefinitionTransformerV2 {
    static final String NAME = "conversations-stand-in";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern ONE = Pattern.compile("/v1/Conversations/([^/?]+)(/(Participants|Messages))?");
    private static final String HTML_503 = "<html><head><title>503 Service Temporarily Unavailable</title></head>"
            + "<body><center><h1>503 Service Temporarily Unavailable</h1></center></body></html>";

    /** One Conversation as Twilio keeps it. */
    static final class Conv {
        final String sid;
        final String uniqueName;
        volatile String attributes;
        final Map<String, String> participants = new LinkedHashMap<>();
        final List<Map<String, String>> messages = new ArrayList<>();

        Conv(String sid, String uniqueName, String attributes) {
            this.sid = sid;
            this.uniqueName = uniqueName;
            this.attributes = attributes;
        }
    }

    private record Fault(String method, Pattern path, AtomicInteger left, Optional<String> retryAfter) {}

    private final Map<String, Conv> bySid = new LinkedHashMap<>();
    private final Map<String, Conv> byName = new LinkedHashMap<>();
    private final List<Fault> faults = new ArrayList<>();
    private final AtomicInteger served503 = new AtomicInteger();

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public boolean applyGlobally() {
        return false;
    }

    /** The next {@code n} {@code method} requests whose path matches {@code pathRegex} answer a proxy's HTML 503. */
    synchronized void failNext(String method, String pathRegex, int n, Optional<String> retryAfter) {
        faults.add(new Fault(method, Pattern.compile(pathRegex), new AtomicInteger(n), retryAfter));
    }

    /** How many proxy 503 answers were given. */
    int served503() {
        return served503.get();
    }

    synchronized List<Conv> conversations() {
        return List.copyOf(bySid.values());
    }

    synchronized Optional<Conv> byUniqueName(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    @Override
    public synchronized ResponseDefinition transform(ServeEvent event) {
        String method = event.getRequest().getMethod().getName();
        String path = event.getRequest().getUrl().split("\\?")[0];
        for (Fault f : faults) {
            if (f.method().equals(method) && f.path().matcher(path).matches() && f.left().getAndDecrement() > 0) {
                served503.incrementAndGet();
                ResponseDefinitionBuilder r = new ResponseDefinitionBuilder().withStatus(503)
                        .withHeader("Content-Type", "text/html").withBody(HTML_503);
                f.retryAfter().ifPresent(v -> r.withHeader("Retry-After", v));
                return r.build();
            }
        }
        Map<String, String> form = event.getRequest().getBody().length == 0 ? Map.of()
                : TwilioApiStub.form(event.getRequest().getBodyAsString());
        if (path.equals(TwilioApiStub.CONVERSATIONS) && method.equals("POST")) {
            return create(form);
        }
        Matcher m = ONE.matcher(path);
        if (!m.matches()) {
            return error(404, 20404, "The requested resource was not found");
        }
        Conv conv = Optional.ofNullable(bySid.get(m.group(1))).orElse(byName.get(m.group(1)));
        if (conv == null) {
            return error(404, 20404, "The requested resource was not found");
        }
        String sub = m.group(3);
        if (sub == null) {
            if (method.equals("POST") && form.containsKey("Attributes")) {
                conv.attributes = form.get("Attributes");
            }
            return json(200, conversation(conv));
        }
        if (sub.equals("Participants") && method.equals("POST")) {
            String identity = form.get("Identity");
            if (conv.participants.containsKey(identity)) {
                return error(409, 50433, "Participant already exists");
            }
            String sid = sid("MB", conv.participants.size() + 1000L * bySid.size());
            conv.participants.put(identity, sid);
            return json(201, participant(conv, sid, identity));
        }
        if (sub.equals("Messages") && method.equals("POST")) {
            Map<String, String> message = new LinkedHashMap<>(form);
            message.put("sid", sid("IM", conv.messages.size() + 100_000L * bySid.size()));
            message.put("index", String.valueOf(conv.messages.size()));
            conv.messages.add(message);
            return json(201, message(conv, message));
        }
        if (sub.equals("Messages") && method.equals("GET")) {
            ObjectNode page = JSON.createObjectNode();
            ArrayNode list = page.putArray("messages");
            for (int i = conv.messages.size() - 1; i >= 0 && list.size() < 50; i--) {
                list.add(message(conv, conv.messages.get(i)));
            }
            String url = "https://conversations.twilio.com/v1/Conversations/" + conv.sid + "/Messages?PageSize=50&Page=0";
            ObjectNode meta = page.putObject("meta");
            meta.put("page", 0);
            meta.put("page_size", 50);
            meta.put("first_page_url", url);
            meta.putNull("previous_page_url");
            meta.put("url", url);
            meta.putNull("next_page_url");
            meta.put("key", "messages");
            return json(200, page);
        }
        return error(405, 20001, "Method not allowed here");
    }

    private ResponseDefinition create(Map<String, String> form) {
        String name = form.get("UniqueName");
        if (name != null && byName.containsKey(name)) {
            return error(409, 50353, "Conversation with provided unique name already exists");
        }
        Conv conv = new Conv(sid("CH", bySid.size() + 1), name, form.getOrDefault("Attributes", "{}"));
        bySid.put(conv.sid, conv);
        if (name != null) {
            byName.put(name, conv);
        }
        return json(201, conversation(conv));
    }

    private static String sid(String prefix, long n) {
        return prefix + String.format("%032x", n);
    }

    private static ObjectNode conversation(Conv c) {
        ObjectNode n = JSON.createObjectNode();
        String url = "https://conversations.twilio.com/v1/Conversations/" + c.sid;
        n.put("sid", c.sid);
        n.put("account_sid", TwilioApiStub.ACCOUNT_SID);
        n.put("chat_service_sid", "IS0123456789abcdef0123456789abcdef");
        n.put("messaging_service_sid", "MG0123456789abcdef0123456789abcdef");
        n.put("friendly_name", "WhatsApp");
        n.put("unique_name", c.uniqueName);
        n.put("attributes", c.attributes);
        n.put("date_created", "2026-10-05T08:00:01Z");
        n.put("date_updated", "2026-10-05T08:00:01Z");
        n.put("state", "active");
        n.putObject("timers");
        n.putObject("bindings");
        n.put("url", url);
        ObjectNode links = n.putObject("links");
        for (String l : List.of("participants", "messages", "webhooks", "export")) {
            links.put(l, url + "/" + Character.toUpperCase(l.charAt(0)) + l.substring(1));
        }
        return n;
    }

    private static ObjectNode participant(Conv c, String sid, String identity) {
        ObjectNode n = JSON.createObjectNode();
        n.put("account_sid", TwilioApiStub.ACCOUNT_SID);
        n.put("conversation_sid", c.sid);
        n.put("sid", sid);
        n.put("identity", identity);
        n.put("attributes", "{}");
        n.putNull("messaging_binding");
        n.put("role_sid", "RL0123456789abcdef0123456789abcdef");
        n.put("date_created", "2026-10-05T08:00:01Z");
        n.put("date_updated", "2026-10-05T08:00:01Z");
        n.put("url", "https://conversations.twilio.com/v1/Conversations/" + c.sid + "/Participants/" + sid);
        n.putNull("last_read_message_index");
        n.putNull("last_read_timestamp");
        return n;
    }

    private static ObjectNode message(Conv c, Map<String, String> m) {
        ObjectNode n = JSON.createObjectNode();
        String url = "https://conversations.twilio.com/v1/Conversations/" + c.sid + "/Messages/" + m.get("sid");
        n.put("sid", m.get("sid"));
        n.put("account_sid", TwilioApiStub.ACCOUNT_SID);
        n.put("conversation_sid", c.sid);
        n.put("body", m.get("Body"));
        n.putNull("media");
        n.put("author", m.getOrDefault("Author", "system"));
        n.putNull("participant_sid");
        n.put("attributes", m.getOrDefault("Attributes", "{}"));
        n.put("date_created", "2026-10-05T08:00:01Z");
        n.put("date_updated", "2026-10-05T08:00:01Z");
        n.put("index", Integer.parseInt(m.get("index")));
        n.putNull("delivery");
        n.putNull("content_sid");
        n.put("url", url);
        ObjectNode links = n.putObject("links");
        links.put("delivery_receipts", url + "/Receipts");
        links.put("channel_metadata", url + "/ChannelMetadata");
        return n;
    }

    private static ResponseDefinition json(int status, ObjectNode body) {
        return new ResponseDefinitionBuilder().withStatus(status).withHeader("Content-Type", "application/json")
                .withBody(body.toString()).build();
    }

    private static ResponseDefinition error(int status, int code, String message) {
        ObjectNode n = JSON.createObjectNode();
        n.put("code", code);
        n.put("message", message);
        n.put("more_info", "https://www.twilio.com/docs/errors/" + code);
        n.put("status", status);
        return json(status, n);
    }
}
