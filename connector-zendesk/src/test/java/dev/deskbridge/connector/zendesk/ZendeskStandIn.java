package dev.deskbridge.connector.zendesk;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;

import com.fasterxml.jackson.databind.JsonNode;
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
import dev.deskbridge.connector.testkit.fixtures.Fixtures;
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
 * ticket read and update, comments and audits newest first, users by id). An update's
 * {@code metadata} is kept as its audit's {@code metadata.custom}, as Zendesk keeps it.
 * The contract suite reads tickets back through it ({@link CrmProbe}).
 */
final class ZendeskStandIn implements CrmProbe, AutoCloseable {
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
    private long nextId = 1000;

    final WireMockServer server = WireMockSupport.startStateful(this::handle);

    String baseUrl() {
        return WireMockSupport.baseUrl(server);
    }

    @Override
    public void close() {
        server.stop();
    }

    // ---- the probe

    @Override
    public synchronized List<CrmProbe.Comment> comments(TicketRef ticket) {
        return comments(Long.parseLong(ticket.id())).stream().map(c -> new CrmProbe.Comment(c.body(), !c.isPublic()))
                .toList();
    }

    @Override
    public synchronized void agentAnswers(TicketRef ticket, String text) {
        agentComment(Long.parseLong(ticket.id()), text);
    }

    /** Zendesk's trigger calls the webhook on every update with a comment; signed as Zendesk signs it. */
    @Override
    public synchronized Optional<WebhookRequest> webhookForNewestComment(TicketRef ticket) {
        List<Comment> on = comments(Long.parseLong(ticket.id()));
        return on.isEmpty() ? Optional.empty() : Optional.of(ZendeskStub.signedWebhook(
                ZendeskStub.webhookBody(on.get(on.size() - 1).ticket(), on.get(on.size() - 1).id()),
                Fixtures.NOW.minusSeconds(30)));
    }

    /** An agent answers publicly on a ticket, in the agent workspace; the id of the new comment. */
    synchronized long agentComment(long ticket, String body) {
        return addComment(ticket, AGENT, body, true, Map.of()).id();
    }

    synchronized List<Comment> comments(long ticket) {
        return comments.stream().filter(c -> c.ticket() == ticket).toList();
    }

    /** Every comment on every ticket, oldest first. */
    synchronized List<Comment> allComments() {
        return List.copyOf(comments);
    }

    synchronized int ticketCount() {
        return tickets.size();
    }

    // ---- the API

    private synchronized ResponseDefinition handle(Request request) {
        Call call = new Call(request.getMethod().getName(), request.getUrl().replaceFirst("\\?.*", ""),
                request.getBodyAsString());
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
            newestFirst.forEach(c -> items.add(asComments ? comment(c) : audit(c)));
            return ok(list(m.group(2), items));
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

    private static ObjectNode comment(Comment c) {
        ObjectNode n = JSON.createObjectNode();
        n.put("id", c.id());
        n.put("type", "Comment");
        n.put("author_id", c.author());
        n.put("body", c.body());
        n.put("html_body", "<div class=\"zd-comment\"><p>" + c.body() + "</p></div>");
        n.put("plain_body", c.body());
        n.put("public", c.isPublic());
        n.putArray("attachments");
        n.put("audit_id", c.id() + 1_000_000);
        n.putObject("via").put("channel", "api");
        n.put("created_at", "2026-09-01T11:00:00Z");
        ObjectNode metadata = n.putObject("metadata");
        metadata.putObject("system");
        ObjectNode custom = metadata.putObject("custom");
        c.marker().forEach(custom::put);
        return n;
    }

    private static ObjectNode audit(Comment c) {
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
        n.putArray("events").addObject().put("id", c.id()).put("type", "Comment").put("author_id", c.author())
                .put("body", c.body()).put("public", c.isPublic()).putArray("attachments");
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

    /** A request as the stand-in matches it. */
    private record Call(String method, String path, String body) {
        boolean is(String m, String pathPattern) {
            return method.equals(m) && path.matches(pathPattern);
        }
    }
}
