package dev.deskbridge.host.http.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.deskbridge.connector.api.config.Durations;
import dev.deskbridge.connector.api.config.Secret;
import dev.deskbridge.connector.api.model.ConversationId;
import dev.deskbridge.connector.api.pricing.WindowPhase;
import dev.deskbridge.host.admin.AdminQueries;
import dev.deskbridge.host.admin.ConversationFilter;
import dev.deskbridge.host.admin.ConversationSummary;
import dev.deskbridge.host.admin.MessageView;
import dev.deskbridge.host.admin.ReplayOutcome;
import dev.deskbridge.host.admin.WindowCounts;
import dev.deskbridge.host.config.BearerToken;
import dev.deskbridge.host.reports.CostGrouping;
import dev.deskbridge.host.reports.CostReportJson;
import dev.deskbridge.host.reports.CostReports;
import dev.deskbridge.host.reports.ReportDates;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The admin API under {@code /api/} and the dashboard at {@code /}, added to the host's Javalin
 * server by {@link #register(Javalin)} before it starts.
 *
 * <p>Every path under {@code /api/} (the OpenAPI description included) needs
 * {@code Authorization: Bearer <host.admin_token>}; anything else gets 401 before any handler runs.
 * The one exception is {@link SidebarApi}'s endpoint, which checks its own tokens (the app's and the admin's).
 * The token is never logged or echoed. The dashboard's static files carry no data and are public;
 * a strict Content-Security-Policy keeps them to this origin.
 */
public final class AdminApi {
    /** Where the API's OpenAPI description is served. */
    public static final String OPENAPI_PATH = "/api/openapi.yaml";
    static final String OPENAPI_RESOURCE = "/admin/openapi.yaml";

    private final AdminQueries queries;
    /** Null when no token is configured: then nothing is accepted. */
    private final BearerToken token;
    private final Clock clock;
    private final byte[] openApi;

    /**
     * @param queries the read model (the store, in the running host)
     * @param adminToken the configured {@code host.admin_token}; without one the API refuses every request
     * @param clock the host's clock: phases, countdowns and the default month follow it
     */
    public AdminApi(AdminQueries queries, Optional<Secret> adminToken, Clock clock) {
        this.queries = Objects.requireNonNull(queries, "queries");
        this.token = Objects.requireNonNull(adminToken, "adminToken").map(BearerToken::new).orElse(null);
        this.clock = Objects.requireNonNull(clock, "clock");
        this.openApi = readOpenApi();
    }

    /** Adds the admin API and the dashboard to {@code app}. */
    public void register(Javalin app) {
        app.before("/api/*", this::authenticate);
        app.get(OPENAPI_PATH, ctx -> ctx.contentType("application/yaml").result(openApi));
        app.get("/api/conversations", guarded(this::conversations));
        app.get("/api/conversations/{id}/messages", guarded(this::messages));
        app.get("/api/costs", guarded(this::costs));
        app.get("/api/plugins", guarded(this::plugins));
        app.get("/api/dead-letters", guarded(this::deadLetters));
        app.post("/api/dead-letters/replay", guarded(this::replayAll));
        app.post("/api/dead-letters/{id}/replay", guarded(this::replay));
        new DashboardAssets().register(app);
    }

    private void authenticate(Context ctx) {
        ctx.header("Cache-Control", "no-store");
        if (SidebarApi.isSidebarPath(ctx.path()) || MessagesApi.isMessagesPath(ctx.path())) {
            return; // they take their own token as well, and check it themselves
        }
        if (token == null || !token.accepts(ctx.header("Authorization"))) {
            ctx.header("WWW-Authenticate", "Bearer realm=\"deskbridge-admin\"");
            send(ctx, 401, AdminJson.error("unauthorized", token == null
                    ? "the admin API is off: no host.admin_token is configured"
                    : "send the admin token as 'Authorization: Bearer <token>'"));
            ctx.skipRemainingHandlers();
        }
    }

    private void conversations(Context ctx) {
        Instant asOf = clock.instant();
        Optional<WindowPhase> phase = Optional.ofNullable(ctx.queryParam("phase")).map(AdminApi::phase);
        Optional<Duration> within = Optional.ofNullable(ctx.queryParam("closingWithin")).map(AdminApi::duration);
        int limit = Optional.ofNullable(ctx.queryParam("limit")).map(AdminApi::limit)
                .orElse(ConversationFilter.DEFAULT_LIMIT);
        List<ConversationSummary> found = queries.conversations(new ConversationFilter(phase, within, asOf, limit));
        WindowCounts counts = queries.windowCounts(asOf);
        ObjectNode body = AdminJson.MAPPER.createObjectNode();
        body.put("asOf", asOf.toString());
        ObjectNode windows = body.putObject("windows");
        windows.put("open", counts.open());
        windows.put("closing", counts.closing());
        windows.put("closed", counts.closed());
        ArrayNode list = body.putArray("conversations");
        found.forEach(c -> list.add(AdminJson.conversation(c)));
        send(ctx, 200, body);
    }

    private void messages(Context ctx) {
        Instant asOf = clock.instant();
        ConversationId id = ConversationId.of(ctx.pathParam("id"));
        Optional<ConversationSummary> conversation = queries.conversation(id, asOf);
        Optional<List<MessageView>> messages = queries.messages(id);
        if (conversation.isEmpty() || messages.isEmpty()) {
            send(ctx, 404, AdminJson.error("not_found", "no conversation with id '" + id.value() + "'"));
            return;
        }
        ObjectNode body = AdminJson.MAPPER.createObjectNode();
        body.put("asOf", asOf.toString());
        body.set("conversation", AdminJson.conversation(conversation.get()));
        ArrayNode list = body.putArray("messages");
        messages.get().forEach(m -> list.add(AdminJson.message(m)));
        send(ctx, 200, body);
    }

    private void costs(Context ctx) {
        YearMonth month = Optional.ofNullable(ctx.queryParam("month"))
                .map(AdminApi::month)
                .orElseGet(() -> YearMonth.now(clock.withZone(ZoneOffset.UTC)));
        Optional<CostGrouping> by = Optional.ofNullable(ctx.queryParam("by")).map(b -> {
            try {
                return CostGrouping.fromWire(b);
            } catch (IllegalArgumentException e) {
                throw new BadParameter("by", e.getMessage());
            }
        });
        send(ctx, 200, CostReportJson.toJson(CostReports.compute(month, queries, by)));
    }

    private void plugins(Context ctx) {
        ObjectNode body = AdminJson.MAPPER.createObjectNode();
        ArrayNode list = body.putArray("plugins");
        queries.plugins().forEach(p -> list.add(AdminJson.plugin(p)));
        send(ctx, 200, body);
    }

    private void deadLetters(Context ctx) {
        ObjectNode body = AdminJson.MAPPER.createObjectNode();
        ArrayNode list = body.putArray("deadLetters");
        queries.deadLetters().forEach(d -> list.add(AdminJson.deadLetter(d)));
        send(ctx, 200, body);
    }

    private void replay(Context ctx) {
        String id = ctx.pathParam("id");
        if (queries.replay(id) == ReplayOutcome.NOT_FOUND) {
            send(ctx, 404, AdminJson.error("not_found", "no dead letter with id '" + id + "'"));
            return;
        }
        ObjectNode body = AdminJson.MAPPER.createObjectNode();
        body.put("replayed", 1);
        body.putArray("ids").add(id);
        send(ctx, 200, body);
    }

    private void replayAll(Context ctx) {
        ObjectNode body = AdminJson.MAPPER.createObjectNode();
        body.put("replayed", queries.replayAll());
        body.putArray("ids");
        send(ctx, 200, body);
    }

    private static WindowPhase phase(String raw) {
        try {
            return WindowPhase.valueOf(raw.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new BadParameter("phase", "expected open, closing or closed, got '" + raw + "'");
        }
    }

    private static Duration duration(String raw) {
        try {
            Duration d = Durations.parse(raw);
            if (d.isNegative() || d.compareTo(ConversationFilter.MAX_CLOSING_WITHIN) > 0) {
                throw new BadParameter("closingWithin", "expected 0 to " + ConversationFilter.MAX_CLOSING_WITHIN.toDays()
                        + "d, got '" + raw + "'");
            }
            return d;
        } catch (IllegalArgumentException e) {
            throw new BadParameter("closingWithin", "expected a duration such as 2h, 30m or PT2H, got '" + raw + "'");
        }
    }

    private static int limit(String raw) {
        try {
            int n = Integer.parseInt(raw.trim());
            if (n >= 1 && n <= ConversationFilter.MAX_LIMIT) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new BadParameter("limit", "expected 1 to " + ConversationFilter.MAX_LIMIT + ", got '" + raw + "'");
    }

    private static YearMonth month(String raw) {
        try {
            return ReportDates.month(raw);
        } catch (IllegalArgumentException e) {
            throw new BadParameter("month", e.getMessage());
        }
    }

    private static Handler guarded(Handler handler) {
        return ctx -> {
            try {
                handler.handle(ctx);
            } catch (BadParameter e) {
                send(ctx, 400, AdminJson.error("bad_request", e.getMessage()));
            }
        };
    }

    static void send(Context ctx, int status, JsonNode body) {
        try {
            ctx.status(status).contentType("application/json").result(AdminJson.MAPPER.writeValueAsBytes(body));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] readOpenApi() {
        try (InputStream in = AdminApi.class.getResourceAsStream(OPENAPI_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + OPENAPI_RESOURCE);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A query or path parameter the API cannot use; answered with 400 naming it. */
    private static final class BadParameter extends RuntimeException {
        private static final long serialVersionUID = 1L;

        BadParameter(String parameter, String problem) {
            super(parameter + ": " + problem);
        }
    }
}
