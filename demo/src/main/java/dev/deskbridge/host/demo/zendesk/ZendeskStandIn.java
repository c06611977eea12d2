package dev.deskbridge.host.demo.zendesk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.deskbridge.connector.api.config.Secret;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A Zendesk account on loopback, for the demo: the part of Zendesk's REST API the Zendesk plugin
 * calls (users and identities, tickets, comments and audits, uploads, ticket fields, webhooks, triggers,
 * macros),
 * answering with the JSON shapes of Zendesk's API reference and refusing what Zendesk refuses. Agents
 * are simulated by {@link #agentReplies}: the comment lands on the ticket and the account's
 * triggers call their webhooks, signed as Zendesk signs them.
 */
public final class ZendeskStandIn implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String JSON_TYPE = "application/json; charset=utf-8";

    private final ZendeskAccount account;
    private final ZendeskTriggers triggers;
    private final Credentials credentials;
    private final Javalin app;
    private final String baseUrl;

    /**
     * What the account's API user signs in with, and the signing secret webhooks created in it get.
     *
     * @param email the API user's email
     * @param apiToken the API token
     * @param webhookSigningSecret the secret Zendesk generates for a new webhook (the demo picks it)
     */
    public record Credentials(String email, Secret apiToken, Secret webhookSigningSecret) {
        public Credentials {
            Objects.requireNonNull(email, "email");
            Objects.requireNonNull(apiToken, "apiToken");
            Objects.requireNonNull(webhookSigningSecret, "webhookSigningSecret");
        }
    }

    /** An agent's comment and the webhook calls its triggers made. */
    public record AgentComment(long commentId, List<WebhookCall> webhookCalls) {
        public AgentComment {
            webhookCalls = List.copyOf(webhookCalls);
        }
    }

    /**
     * One webhook call of a trigger.
     *
     * @param status the HTTP status the receiver answered
     */
    public record WebhookCall(String trigger, String endpoint, int status) {
        public WebhookCall {
            Objects.requireNonNull(trigger, "trigger");
            Objects.requireNonNull(endpoint, "endpoint");
        }
    }

    private ZendeskStandIn(Clock clock, Credentials credentials) {
        this.credentials = Objects.requireNonNull(credentials, "credentials");
        this.account = new ZendeskAccount(clock, this::baseUrl, credentials.email(), "DeskBridge (API)");
        this.triggers = new ZendeskTriggers(account, clock, "10847263");
        this.app = Javalin.create(config -> {
            config.showJavalinBanner = false;
            config.startupWatcherEnabled = false;
        });
        routes();
        app.start("127.0.0.1", 0);
        this.baseUrl = "http://127.0.0.1:" + app.port();
    }

    /** Starts the stand-in on a free loopback port. */
    public static ZendeskStandIn start(Clock clock, Credentials credentials) {
        return new ZendeskStandIn(Objects.requireNonNull(clock, "clock"), credentials);
    }

    /** Where the account answers: the plugin's {@code url} setting. */
    public String baseUrl() {
        return baseUrl;
    }

    /** Adds an agent; the agent's user id. */
    public long addAgent(String name, String email) {
        return account.addAgent(name, email);
    }

    /**
     * An agent answers a ticket with a public comment ("Submit as Pending"), and the account's
     * triggers run.
     */
    public AgentComment agentReplies(long ticketId, long agentId, String body) {
        long comment = account.agentComment(ticketId, agentId, body, true);
        List<WebhookCall> calls = triggers.afterComment(ticketId, comment, true, agentId).stream()
                .map(d -> new WebhookCall(d.trigger(), d.endpoint(), d.answer().status()))
                .toList();
        return new AgentComment(comment, calls);
    }

    /** Every ticket, oldest first. */
    public List<ZendeskTicketView> tickets() {
        return account.ticketIds().stream().map(account::view).toList();
    }

    /** One ticket. */
    public Optional<ZendeskTicketView> ticket(long id) {
        try {
            return Optional.of(account.view(id));
        } catch (ZendeskError e) {
            return Optional.empty();
        }
    }

    @Override
    public void close() {
        app.stop();
    }

    private void routes() {
        app.before("/api/v2/*", this::authenticate);
        app.exception(ZendeskError.class, (e, ctx) -> ctx.status(e.status()).contentType(JSON_TYPE).result(e.body().toString()));

        app.get("/api/v2/users/search.json", ctx -> {
            String externalId = ctx.queryParam("external_id");
            ArrayNode users = externalId != null ? account.searchUsersByExternalId(externalId)
                    : account.searchUsers(Optional.ofNullable(ctx.queryParam("query")).orElse(""));
            ok(ctx, offsetPage("users", users));
        });
        app.post("/api/v2/users/create_or_update.json", ctx -> {
            Map.Entry<ObjectNode, Boolean> user = account.createOrUpdateUser(body(ctx).path("user"));
            send(ctx, user.getValue() ? 201 : 200, wrap("user", user.getKey()));
        });
        app.get("/api/v2/users/{id}/identities.json", ctx -> ok(ctx,
                offsetPage("identities", account.identities(id(ctx.pathParam("id"))))));
        app.get("/api/v2/users/{file}", ctx -> ok(ctx, wrap("user", account.user(id(ctx.pathParam("file"))))));

        app.get("/api/v2/tickets.json", ctx -> ok(ctx, offsetPage("tickets",
                account.ticketsByExternalId(Optional.ofNullable(ctx.queryParam("external_id")).orElse("")))));
        app.post("/api/v2/tickets.json", ctx -> {
            ZendeskAccount.Created created = account.createTicket(body(ctx).path("ticket"),
                    Optional.ofNullable(ctx.header("Idempotency-Key")));
            ctx.header("x-idempotency-lookup", created.replayed() ? "hit" : "miss");
            send(ctx, 201, wrap("ticket", created.ticket()));
        });
        app.get("/api/v2/tickets/{id}/comments.json", ctx -> {
            long ticket = id(ctx.pathParam("id"));
            ObjectNode page = offsetPage("comments", account.comments(ticket, "desc".equals(ctx.queryParam("sort_order"))));
            if (ctx.queryParams("include").stream().anyMatch(i -> java.util.Arrays.asList(i.split(",")).contains("users"))) {
                page.set("users", account.commentAuthors(ticket));
            }
            ok(ctx, page);
        });
        app.get("/api/v2/tickets/{id}/audits.json", ctx -> ok(ctx, offsetPage("audits",
                account.audits(id(ctx.pathParam("id")), "desc".equals(ctx.queryParam("sort_order"))))));
        app.get("/api/v2/tickets/{file}", ctx -> ok(ctx, wrap("ticket", account.ticket(id(ctx.pathParam("file"))))));
        app.put("/api/v2/tickets/{file}", ctx -> {
            long id = id(ctx.pathParam("file"));
            ObjectNode ticket = account.updateTicket(id, body(ctx).path("ticket"));
            ObjectNode answer = wrap("ticket", ticket);
            answer.putObject("audit").put("id", System.nanoTime()).put("ticket_id", id)
                    .put("created_at", ticket.path("updated_at").asText()).put("author_id", account.apiUserId())
                    .putArray("events");
            ok(ctx, answer);
        });

        app.get("/api/v2/ticket_fields.json", ctx -> ok(ctx, cursorPage("ticket_fields", account.ticketFields())));
        app.post("/api/v2/ticket_fields.json", ctx ->
                send(ctx, 201, wrap("ticket_field", account.createTicketField(body(ctx).path("ticket_field")))));

        app.post("/api/v2/uploads.json", ctx -> {
            String fileName = Optional.ofNullable(ctx.queryParam("filename")).filter(f -> !f.isBlank())
                    .orElseThrow(() -> ZendeskError.invalid("filename", "Filename: cannot be blank"));
            String type = Optional.ofNullable(ctx.contentType()).orElse("application/binary");
            send(ctx, 201, wrap("upload", account.upload(fileName, type, ctx.bodyAsBytes(),
                    Optional.ofNullable(ctx.queryParam("token")))));
        });
        app.get("/attachments/token/{token}", ctx -> {
            byte[] file = account.file(ctx.pathParam("token")).orElseThrow(ZendeskError::notFound);
            ctx.contentType("application/octet-stream").result(file);
        });

        app.get("/api/v2/webhooks", ctx -> ok(ctx, cursorPage("webhooks",
                account.webhooks(Optional.ofNullable(ctx.queryParam("filter[name_contains]"))))));
        app.post("/api/v2/webhooks", ctx -> send(ctx, 201, wrap("webhook",
                account.createWebhook(body(ctx).path("webhook"), credentials.webhookSigningSecret().reveal()))));
        app.put("/api/v2/webhooks/{id}", ctx -> {
            account.updateWebhook(ctx.pathParam("id"), body(ctx).path("webhook"));
            ctx.status(204);
        });
        app.get("/api/v2/webhooks/{id}/signing_secret", ctx ->
                ok(ctx, wrap("signing_secret", account.signingSecret(ctx.pathParam("id")))));

        app.get("/api/v2/triggers/search.json", ctx -> ok(ctx, offsetPage("triggers",
                account.searchTriggers(Optional.ofNullable(ctx.queryParam("query")).orElse("")))));
        app.post("/api/v2/triggers.json", ctx ->
                send(ctx, 201, wrap("trigger", account.createTrigger(body(ctx).path("trigger")))));
        app.get("/api/v2/macros/search", ctx -> ok(ctx, offsetPage("macros",
                account.searchMacros(Optional.ofNullable(ctx.queryParam("query")).orElse("")))));
        app.post("/api/v2/macros", ctx -> send(ctx, 201, wrap("macro", account.createMacro(body(ctx).path("macro")))));
        app.put("/api/v2/triggers/{file}", ctx ->
                ok(ctx, wrap("trigger", account.updateTrigger(id(ctx.pathParam("file")), body(ctx).path("trigger")))));
    }

    /** Zendesk's API token authentication: Basic with {@code email/token:api_token}. */
    private void authenticate(Context ctx) {
        String expected = "Basic " + Base64.getEncoder().encodeToString((credentials.email() + "/token:"
                + credentials.apiToken().reveal()).getBytes(StandardCharsets.UTF_8));
        String given = Optional.ofNullable(ctx.header("Authorization")).orElse("");
        if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8))) {
            throw ZendeskError.unauthenticated();
        }
    }

    private static JsonNode body(Context ctx) {
        try {
            JsonNode body = JSON.readTree(ctx.bodyAsBytes());
            return body == null ? JSON.createObjectNode() : body;
        } catch (java.io.IOException e) {
            throw new ZendeskError(400, JSON.createObjectNode().put("error", "InvalidJSON")
                    .put("description", "The request body is not valid JSON"));
        }
    }

    /** The id in a path segment such as {@code 42.json}. */
    private static long id(String segment) {
        String digits = segment.endsWith(".json") ? segment.substring(0, segment.length() - 5) : segment;
        try {
            return Long.parseLong(digits);
        } catch (NumberFormatException e) {
            throw ZendeskError.notFound();
        }
    }

    private static ObjectNode wrap(String name, JsonNode value) {
        ObjectNode n = JSON.createObjectNode();
        n.set(name, value);
        return n;
    }

    /** A list as offset-paginated endpoints answer it. */
    private static ObjectNode offsetPage(String name, ArrayNode items) {
        ObjectNode n = wrap(name, items);
        n.putNull("next_page").putNull("previous_page").put("count", items.size());
        return n;
    }

    /** A list as cursor-paginated endpoints answer it. */
    private static ObjectNode cursorPage(String name, ArrayNode items) {
        ObjectNode n = wrap(name, items);
        n.putObject("meta").put("has_more", false).putNull("after_cursor").putNull("before_cursor");
        n.putObject("links").putNull("prev").putNull("next");
        return n;
    }

    private static void ok(Context ctx, ObjectNode body) {
        send(ctx, 200, body);
    }

    private static void send(Context ctx, int status, ObjectNode body) {
        ctx.status(status).contentType(JSON_TYPE).result(body.toString());
    }
}
