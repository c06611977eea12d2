package dev.deskbridge.host.e2e;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import dev.deskbridge.host.e2e.FailurePlan.Call;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Zendesk that remembers: users, tickets, comments and audits live in memory, so a test can count
 * what landed on a ticket. Requests and answers follow the shapes of Zendesk's API reference for
 * what the plugin calls (user search and create_or_update, ticket create with an Idempotency-Key,
 * ticket read and update, comments and audits newest first, comments with their authors sideloaded
 * ({@code include=users}), users by id). An update's
 * {@code metadata} is kept as its audit's {@code metadata.custom}, as Zendesk keeps it.
 *
 * <p>Failures are injected through {@link #failures}.
 */
final class ZendeskStandIn extends StandIn {
    static final long AGENT = 7001;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern TICKET = Pattern.compile("/api/v2/tickets/(\\d+)\\.json");
    private static final Pattern TICKET_PART = Pattern.compile("/api/v2/tickets/(\\d+)/(comments|audits)\\.json");
    private static final Pattern USER = Pattern.compile("/api/v2/users/(\\d+)\\.json");

    /** One comment as Zendesk keeps it, with the custom metadata of the update that wrote it. */
    record Comment(long id, long ticket, long author, String body, boolean isPublic, Map<String, String> marker) {}

    private record Ticket(long id, String externalId, long requester, String subject) {}

    private final Map<String, Long> usersByExternalId = new HashMap<>();
    private final Map<Long, Ticket> tickets = new LinkedHashMap<>();
    private final Map<String, Long> ticketsByIdempotencyKey = new HashMap<>();
    private final List<Comment> comments = new ArrayList<>();
    /** The files of comments that have some, as Zendesk lists them: file_name, content_type, content_url. */
    private final Map<Long, List<Map<String, String>>> files = new HashMap<>();
    /** The tags and custom field values each ticket holds, as creates and updates left them. */
    private final Map<Long, java.util.Set<String>> tags = new HashMap<>();
    private final Map<Long, Map<Long, String>> fields = new HashMap<>();
    private long nextId = 1000;

    ZendeskStandIn() {
        super("application/json; charset=utf-8",
                "{\"error\":\"TooManyRequests\",\"description\":\"Rate limit exceeded\"}",
                "{\"error\":\"ServiceUnavailable\",\"description\":\"Try again\"}");
    }

    /** The signing secret of the webhooks {@link #hostConfig} makes the host expect. */
    static final String SIGNING_SECRET = "dGhpc19zZWNyZXRfaXNfZm9yX3Rlc3Rpbmdfb25seQ==";

    /**
     * The body of the webhook DeskBridge's trigger sends for a new comment, as Zendesk renders the
     * current template: the ticket's requester (the one the host keeps for the ticket) and its tags,
     * space-separated, as {@link #ticket} shows them.
     */
    static String webhookBody(long ticket, long comment, dev.deskbridge.host.store.Conversation conversation) {
        String requester = conversation.ticket().flatMap(t -> t.crmData()).filter(d -> d.startsWith("requester:"))
                .map(d -> d.substring("requester:".length())).orElseThrow();
        return "{\"source\":\"deskbridge\",\"ticket_id\":\"" + ticket + "\",\"comment_id\":\"" + comment
                + "\",\"external_id\":\"" + conversation.id().value() + "\",\"requester_id\":\"" + requester
                + "\",\"tags\":\"whatsapp wa_window_open\",\"updated_by\":\"" + AGENT + "\"}";
    }

    /** The body a trigger set up by an older DeskBridge sends: the ids only. */
    static String olderWebhookBody(long ticket, long comment, dev.deskbridge.host.store.Conversation conversation) {
        return "{\"source\":\"deskbridge\",\"ticket_id\":\"" + ticket + "\",\"comment_id\":\"" + comment
                + "\",\"external_id\":\"" + conversation.id().value() + "\",\"updated_by\":\"" + AGENT + "\"}";
    }

    /** Zendesk's webhook to the host, signed over timestamp + body with {@link #SIGNING_SECRET}. */
    static java.net.http.HttpResponse<String> postWebhook(dev.deskbridge.host.testing.HostProbe probe,
            java.time.Instant at, String json) {
        String timestamp = at.toString();
        String signature = java.util.Base64.getEncoder().encodeToString(dev.deskbridge.host.testing.Hmac.mac(
                "HmacSHA256", SIGNING_SECRET, timestamp.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                json.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        return probe.post("/webhooks/crms/zendesk-main", "application/json; charset=utf-8", Map.of(
                "X-Zendesk-Webhook-Signature", signature,
                "X-Zendesk-Webhook-Signature-Timestamp", timestamp), json);
    }

    /** The secrets a host configured for the Cloud API stand-ins and a Zendesk stand-in reads from its environment. */
    static Map<String, String> hostEnvironment() {
        Map<String, String> env = new HashMap<>(WhatsAppTraffic.channelEnvironment());
        env.put("ZENDESK_API_TOKEN", "zd-api-token-0123456789");
        env.put("ZENDESK_WEBHOOK_SECRET", SIGNING_SECRET);
        return Map.copyOf(env);
    }

    /**
     * {@code deskbridge run} with the built Zendesk plugin and {@code config} (as {@link #hostConfig}
     * writes it, maybe changed), the secrets of this stand-in and of {@code whatsapp} in its
     * environment, {@code whatsapp} looking through the host's probe.
     */
    RunningHost startHost(java.nio.file.Path home, WhatsAppTraffic whatsapp, String config, java.time.Clock clock)
            throws IOException {
        RunningHost host = RunningHost.start(home, config, hostEnvironment(), clock,
                dev.deskbridge.host.plugins.TestJars.realPlugin("deskbridge-zendesk"));
        whatsapp.lookThrough(host.probe());
        return host;
    }

    /** An agent answers publicly on a ticket, in the agent workspace; the id of the new comment. */
    synchronized long agentComment(long ticket, String body) {
        return addComment(ticket, AGENT, body, true, Map.of()).id();
    }

    /** An agent answers publicly with files attached (each: file_name, content_type, content_url). */
    synchronized long agentComment(long ticket, String body, List<Map<String, String>> attached) {
        long id = agentComment(ticket, body);
        files.put(id, List.copyOf(attached));
        return id;
    }

    synchronized List<Comment> comments(long ticket) {
        return comments.stream().filter(c -> c.ticket() == ticket).toList();
    }

    /** The ticket's tags, as its creation and updates ({@code tags}, {@code additional_tags}, {@code remove_tags}) left them. */
    synchronized java.util.Set<String> tags(long ticket) {
        return java.util.Set.copyOf(tags.getOrDefault(ticket, java.util.Set.of()));
    }

    /** The value of a ticket's custom field, as the last create or update that wrote it left it. */
    synchronized Optional<String> field(long ticket, long fieldId) {
        return Optional.ofNullable(fields.getOrDefault(ticket, Map.of()).get(fieldId));
    }

    /** Every comment on every ticket, oldest first. */
    synchronized List<Comment> allComments() {
        return List.copyOf(comments);
    }

    synchronized int ticketCount() {
        return tickets.size();
    }

    // ---- the API

    @Override
    ResponseDefinition handle(Call call, Request request) {
        String path = call.path();
        Matcher m;
        if (call.is("GET", "/api/v2/users/search\\.json")) {
            String external = request.queryParameter("external_id").isPresent()
                    ? request.queryParameter("external_id").firstValue() : null;
            Long id = external == null ? null : usersByExternalId.get(external);
            ArrayNode users = JSON.createArrayNode();
            if (id != null) {
                users.add(user(id, "end-user", external));
            }
            return ok(list("users", users));
        }
        if (call.is("POST", "/api/v2/users/create_or_update\\.json")) {
            JsonNode user = read(call.body()).path("user");
            String external = user.path("external_id").asText();
            long id = usersByExternalId.computeIfAbsent(external, e -> nextId++);
            return json(201, envelope("user", user(id, "end-user", external)));
        }
        if ((m = USER.matcher(path)).matches() && call.method().equals("GET")) {
            long id = Long.parseLong(m.group(1));
            return ok(envelope("user", user(id, id == AGENT ? "agent" : "end-user", null)));
        }
        if (call.is("GET", "/api/v2/tickets\\.json")) {
            String external = request.queryParameter("external_id").firstValue();
            ArrayNode found = JSON.createArrayNode();
            tickets.values().stream().filter(t -> t.externalId().equals(external)).forEach(t -> found.add(ticket(t)));
            return ok(list("tickets", found));
        }
        if (call.is("POST", "/api/v2/tickets\\.json")) {
            return create(request.getHeader("Idempotency-Key"), read(call.body()).path("ticket"));
        }
        if ((m = TICKET.matcher(path)).matches()) {
            Ticket t = tickets.get(Long.parseLong(m.group(1)));
            if (t == null) {
                return error(404, "{\"error\":\"RecordNotFound\",\"description\":\"Not found\"}");
            }
            if (call.method().equals("PUT")) {
                update(t, read(call.body()).path("ticket"));
            }
            return ok(envelope("ticket", ticket(t)));
        }
        if ((m = TICKET_PART.matcher(path)).matches() && call.method().equals("GET")) {
            long id = Long.parseLong(m.group(1));
            List<Comment> newestFirst = new ArrayList<>(comments(id));
            java.util.Collections.reverse(newestFirst);
            ArrayNode items = JSON.createArrayNode();
            boolean asComments = m.group(2).equals("comments");
            newestFirst.forEach(c -> items.add(asComments ? comment(c, files(c)) : audit(c, files(c))));
            ObjectNode answer = list(m.group(2), items);
            if (asComments && request.queryParameter("include").isPresent()
                    && request.queryParameter("include").values().contains("users")) {
                // Sideloaded, as Zendesk's List Comments does with include=users: each author once.
                ArrayNode users = answer.putArray("users");
                newestFirst.stream().map(Comment::author).distinct()
                        .forEach(a -> users.add(user(a, a == AGENT ? "agent" : "end-user", null)));
            }
            return ok(answer);
        }
        return error(404, "{\"error\":\"InvalidEndpoint\",\"description\":\"Not found\"}");
    }

    private ResponseDefinition create(String idempotencyKey, JsonNode body) {
        Long known = idempotencyKey == null ? null : ticketsByIdempotencyKey.get(idempotencyKey);
        if (known != null) {
            return jsonWithHeader(201, envelope("ticket", ticket(tickets.get(known))), "x-idempotency-lookup", "hit");
        }
        long id = nextId++;
        Ticket t = new Ticket(id, body.path("external_id").asText(), body.path("requester_id").asLong(),
                body.path("subject").asText());
        tickets.put(id, t);
        if (idempotencyKey != null) {
            ticketsByIdempotencyKey.put(idempotencyKey, id);
        }
        update(t, body);
        return jsonWithHeader(201, envelope("ticket", ticket(t)), "x-idempotency-lookup", "miss");
    }

    private void update(Ticket t, JsonNode body) {
        java.util.Set<String> held = tags.computeIfAbsent(t.id(), id -> new java.util.LinkedHashSet<>());
        body.path("tags").forEach(tag -> held.add(tag.asText()));
        body.path("additional_tags").forEach(tag -> held.add(tag.asText()));
        body.path("remove_tags").forEach(tag -> held.remove(tag.asText()));
        body.path("custom_fields").forEach(f -> {
            JsonNode value = f.path("value").isArray() ? f.path("value").path(0) : f.path("value");
            fields.computeIfAbsent(t.id(), id -> new HashMap<>()).put(f.path("id").asLong(), value.asText());
        });
        JsonNode comment = body.path("comment");
        if (comment.isObject()) {
            Map<String, String> marker = new HashMap<>();
            body.path("metadata").fields().forEachRemaining(e -> marker.put(e.getKey(), e.getValue().asText()));
            addComment(t.id(), comment.path("author_id").asLong(0), comment.path("body").asText(),
                    comment.path("public").asBoolean(true), marker);
        }
    }

    private Comment addComment(long ticket, long author, String body, boolean isPublic, Map<String, String> marker) {
        Comment c = new Comment(nextId++, ticket, author, body, isPublic, Map.copyOf(marker));
        comments.add(c);
        return c;
    }

    // ---- bodies, shaped as in Zendesk's reference

    private ObjectNode ticket(Ticket t) {
        ObjectNode n = JSON.createObjectNode();
        n.put("url", baseUrl() + "/api/v2/tickets/" + t.id() + ".json");
        n.put("id", t.id());
        n.put("external_id", t.externalId());
        n.putObject("via").put("channel", "api");
        n.put("created_at", "2026-09-01T10:00:06Z");
        n.put("updated_at", "2026-09-01T10:00:06Z");
        n.put("subject", t.subject());
        n.put("raw_subject", t.subject());
        n.put("status", "open");
        n.put("requester_id", t.requester());
        n.put("submitter_id", t.requester());
        n.putArray("tags").add("whatsapp").add("wa_window_open");
        n.putArray("custom_fields");
        n.put("is_public", true);
        n.put("allow_attachments", true);
        return n;
    }

    private List<Map<String, String>> files(Comment c) {
        return files.getOrDefault(c.id(), List.of());
    }

    private static void attach(ArrayNode to, List<Map<String, String>> attached) {
        attached.forEach(file -> file.forEach(to.addObject()::put));
    }

    private static ObjectNode comment(Comment c, List<Map<String, String>> attached) {
        ObjectNode n = JSON.createObjectNode();
        n.put("id", c.id());
        n.put("type", "Comment");
        n.put("author_id", c.author());
        n.put("body", c.body());
        n.put("html_body", "<div class=\"zd-comment\"><p>" + c.body() + "</p></div>");
        n.put("plain_body", c.body());
        n.put("public", c.isPublic());
        attach(n.putArray("attachments"), attached);
        n.put("audit_id", c.id() + 1_000_000);
        n.putObject("via").put("channel", "api");
        n.put("created_at", "2026-09-01T11:00:00Z");
        ObjectNode metadata = n.putObject("metadata");
        metadata.putObject("system");
        ObjectNode custom = metadata.putObject("custom");
        c.marker().forEach(custom::put);
        return n;
    }

    private static ObjectNode audit(Comment c, List<Map<String, String>> attached) {
        ObjectNode n = JSON.createObjectNode();
        n.put("id", c.id() + 1_000_000);
        n.put("ticket_id", c.ticket());
        n.put("author_id", c.author());
        n.put("created_at", "2026-09-01T11:00:00Z");
        n.putObject("via").put("channel", "api");
        ObjectNode metadata = n.putObject("metadata");
        metadata.putObject("system").put("client", "deskbridge");
        ObjectNode custom = metadata.putObject("custom");
        c.marker().forEach(custom::put);
        attach(n.putArray("events").addObject().put("id", c.id()).put("type", "Comment").put("author_id", c.author())
                .put("body", c.body()).put("public", c.isPublic()).putArray("attachments"), attached);
        return n;
    }

    private ObjectNode user(long id, String role, String external) {
        ObjectNode n = JSON.createObjectNode();
        n.put("id", id);
        n.put("url", baseUrl() + "/api/v2/users/" + id + ".json");
        n.put("name", id == AGENT ? "Bea Agent" : "Customer " + id);
        n.put("role", role);
        n.put("active", true);
        n.put("verified", true);
        if (external != null) {
            n.put("external_id", external);
            n.put("phone", external);
        }
        n.putArray("tags");
        n.putObject("user_fields");
        return n;
    }

    private static ObjectNode envelope(String name, JsonNode item) {
        ObjectNode n = JSON.createObjectNode();
        n.set(name, item);
        return n;
    }

    private static ObjectNode list(String name, ArrayNode items) {
        ObjectNode n = JSON.createObjectNode();
        n.set(name, items);
        n.putNull("next_page");
        n.putNull("previous_page");
        n.put("count", items.size());
        return n;
    }

    private static JsonNode read(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ResponseDefinition ok(JsonNode body) {
        return json(200, body);
    }

    private static ResponseDefinition json(int status, JsonNode body) {
        return jsonWithHeader(status, body, "X-Zendesk-Stand-In", "1");
    }

    private static ResponseDefinition jsonWithHeader(int status, JsonNode body, String header, String value) {
        return aResponse().withStatus(status)
                .withHeader("Content-Type", "application/json; charset=utf-8").withHeader(header, value)
                .withBody(body.toString()).build();
    }

    private static ResponseDefinition error(int status, String body) {
        return aResponse().withStatus(status)
                .withHeader("Content-Type", "application/json; charset=utf-8").withBody(body).build();
    }

    /**
     * A host's configuration routing {@code whatsapp}'s channel into this stand-in (CRM {@code
     * zendesk-main}, hold-and-reengage), with attempts enough that a failure burst never makes a dead letter.
     */
    String hostConfig(WhatsAppTraffic whatsapp) {
        return RunningHost.hostSections().replace("max_attempts: 3", "max_attempts: 12") + whatsapp.channelSection()
                + """
                crms:
                  - id: zendesk-main
                    type: zendesk
                    config:
                      url: %s
                      email: whatsapp-bot@acme.example
                      api_token: ${ZENDESK_API_TOKEN}
                      webhook_signing_secret: ${ZENDESK_WEBHOOK_SECRET}
                      window_field_id: 360001
                      cost_field_id: 360002
                routes:
                  - channel: wa-main
                    crm: zendesk-main
                    policy: hold-and-reengage
                    reengage_template: { name: reengage_v1, language: en_US, category: utility, body_parameters: [] }
                """.formatted(baseUrl());
    }
}
