package dev.deskbridge.host.e2e;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Zendesk that remembers: users, tickets, comments and audits live in memory, so a test can count
 * what landed on a ticket. Requests and answers follow the shapes of Zendesk's API reference for
 * what the plugin calls (user search and create_or_update, ticket create with an Idempotency-Key,
 * ticket read and update, comments and audits newest first, users by id). An update's
 * {@code metadata} is kept as its audit's {@code metadata.custom}, as Zendesk keeps it.
 *
 * <p>Failures are injected by plan: the next requests a predicate picks are answered 429, 503, or
 * a connection reset, or applied and then answered 503 (the ambiguous case a retry must handle);
 * {@link #down()} fails everything until {@link #up()}.
 */
final class ZendeskStandIn implements AutoCloseable {
    static final long AGENT = 7001;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern TICKET = Pattern.compile("/api/v2/tickets/(\\d+)\\.json");
    private static final Pattern TICKET_PART = Pattern.compile("/api/v2/tickets/(\\d+)/(comments|audits)\\.json");
    private static final Pattern USER = Pattern.compile("/api/v2/users/(\\d+)\\.json");

    /** How a picked request fails. */
    enum Failure { THROTTLED, UNAVAILABLE, RESET, APPLIED_THEN_UNAVAILABLE }

    /** What a failure plan sees of a request. */
    record Call(String method, String path, String body, ZendeskStandIn zendesk) {
        boolean is(String m, String pathRegex) {
            return method.equals(m) && path.matches(pathRegex);
        }

        /** The ticket a path names, if any. */
        Optional<Long> ticket() {
            Matcher m = Pattern.compile("/api/v2/tickets/(\\d+)").matcher(path);
            return m.find() ? Optional.of(Long.parseLong(m.group(1))) : Optional.empty();
        }
    }

    private static final class Plan {
        final Predicate<Call> picks;
        final Failure failure;
        int left;

        Plan(int times, Predicate<Call> picks, Failure failure) {
            this.left = times;
            this.picks = picks;
            this.failure = failure;
        }
    }

    /** One comment as Zendesk keeps it, with the custom metadata of the update that wrote it. */
    record Comment(long id, long ticket, long author, String body, boolean isPublic, Map<String, String> marker) {}

    private record Ticket(long id, String externalId, long requester, String subject) {}

    private final Map<String, Long> usersByExternalId = new HashMap<>();
    private final Map<Long, Ticket> tickets = new LinkedHashMap<>();
    private final Map<String, Long> ticketsByIdempotencyKey = new HashMap<>();
    private final List<Comment> comments = new ArrayList<>();
    private final List<Plan> plans = new ArrayList<>();
    private boolean down;
    private Failure downAs = Failure.UNAVAILABLE;
    private long nextId = 1000;
    private int failuresServed;

    final WireMockServer server;

    ZendeskStandIn() {
        server = new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort()
                .extensions(new Behaviour()));
        server.start();
        server.stubFor(any(urlPathMatching("/api/v2/.*")).willReturn(aResponse().withStatus(500)));
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.port();
    }

    /** Fails the next {@code times} requests that {@code picks} chooses. */
    synchronized void failNext(int times, Predicate<Call> picks, Failure failure) {
        plans.add(new Plan(times, picks, failure));
    }

    /** Every request fails (503, or as {@code failure}) until {@link #up()}. */
    synchronized void down(Failure failure) {
        down = true;
        downAs = failure;
    }

    synchronized void up() {
        down = false;
    }

    /** Requests answered with an injected failure so far. */
    synchronized int failuresServed() {
        return failuresServed;
    }

    /** Whether every failure plan has been used up. */
    synchronized boolean plansUsedUp() {
        return plans.stream().allMatch(p -> p.left == 0);
    }

    /** An agent answers publicly on a ticket, in the agent workspace; the id of the new comment. */
    synchronized long agentComment(long ticket, String body) {
        return addComment(ticket, AGENT, body, true, Map.of()).id();
    }

    synchronized List<Comment> comments(long ticket) {
        return comments.stream().filter(c -> c.ticket() == ticket).toList();
    }

    synchronized Optional<Long> ticketOf(String conversationId) {
        return tickets.values().stream().filter(t -> t.externalId().equals(conversationId)).map(Ticket::id).findFirst();
    }

    synchronized int ticketCount() {
        return tickets.size();
    }

    @Override
    public void close() {
        server.stop();
    }

    // ---- the API

    private synchronized ResponseDefinition answer(Request request) {
        String path = request.getUrl().replaceFirst("\\?.*", "");
        Call call = new Call(request.getMethod().getName(), path, request.getBodyAsString(), this);
        Failure failure = down ? downAs : null;
        for (Plan plan : plans) {
            if (failure == null && plan.left > 0 && plan.picks.test(call)) {
                plan.left--;
                failure = plan.failure;
            }
        }
        if (failure != null) {
            failuresServed++;
            switch (failure) {
                case THROTTLED:
                    // Zendesk says when to come back on a 429.
                    return aResponse().withStatus(429).withHeader("Retry-After", "1")
                            .withHeader("Content-Type", "application/json; charset=utf-8")
                            .withBody("{\"error\":\"TooManyRequests\",\"description\":\"Rate limit exceeded\"}")
                            .build();
                case UNAVAILABLE:
                    return error(503, "{\"error\":\"ServiceUnavailable\",\"description\":\"Try again\"}");
                case RESET:
                    return aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER).build();
                case APPLIED_THEN_UNAVAILABLE:
                    handle(call, request);
                    return error(503, "{\"error\":\"ServiceUnavailable\",\"description\":\"Try again\"}");
                default:
                    throw new IllegalStateException(failure.name());
            }
        }
        return handle(call, request);
    }

    private ResponseDefinition handle(Call call, Request request) {
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

    /** Answers every request from the state above. */
    private final class Behaviour implements ResponseDefinitionTransformerV2 {
        @Override
        public ResponseDefinition transform(ServeEvent event) {
            return answer(event.getRequest());
        }

        @Override
        public String getName() {
            return "zendesk-stand-in";
        }
    }
}
