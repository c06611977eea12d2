package dev.deskbridge.host.http.admin;

import com.fasterxml.jackson.databind.JsonNode;
import dev.deskbridge.connector.api.config.Secret;
import dev.deskbridge.host.config.BearerToken;
import dev.deskbridge.host.engine.BusinessMessages;
import dev.deskbridge.host.engine.BusinessSend;
import dev.deskbridge.host.engine.OrderSend;
import dev.deskbridge.host.engine.Orders;
import dev.deskbridge.host.engine.SendRefusedException;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.Objects;
import java.util.Optional;

/**
 * The notifications API: {@code POST /api/messages} starts a conversation with an approved
 * template, {@code GET /api/messages/{id}} tells its delivery and cost. The request is decided and
 * stored, then answered; the engine's outbox sends it.
 *
 * <p>It takes the admin token or the send token ({@code messaging.send_token}), which opens these
 * two paths and nothing else. Neither token is logged or echoed.
 */
public final class MessagesApi {
    static final String PATH = "/api/messages";
    /** Longest idempotency key and order reference accepted. */
    static final int MAX_KEY = 255;
    static final int MAX_REFERENCE = 128;

    private final BusinessMessages messages;
    private final Orders orders;
    private final BearerToken sendToken;
    private final BearerToken adminToken;

    /**
     * @param sendToken the configured {@code messaging.send_token}
     * @param adminToken the configured {@code host.admin_token}
     */
    public MessagesApi(BusinessMessages messages, Orders orders, Optional<Secret> sendToken,
            Optional<Secret> adminToken) {
        this.messages = Objects.requireNonNull(messages, "messages");
        this.orders = Objects.requireNonNull(orders, "orders");
        this.sendToken = Objects.requireNonNull(sendToken, "sendToken").map(BearerToken::new).orElse(null);
        this.adminToken = Objects.requireNonNull(adminToken, "adminToken").map(BearerToken::new).orElse(null);
    }

    /** Whether a request path is this API's, which checks its own tokens. */
    public static boolean isMessagesPath(String path) {
        return path.equals(PATH) || path.startsWith(PATH + "/");
    }

    public void register(Javalin app) {
        app.post(PATH, this::send);
        app.get(PATH + "/{id}", this::state);
    }

    private boolean authenticated(Context ctx) {
        String header = ctx.header("Authorization");
        if ((sendToken != null && sendToken.accepts(header)) || (adminToken != null && adminToken.accepts(header))) {
            return true;
        }
        ctx.header("WWW-Authenticate", "Bearer realm=\"deskbridge-messages\"");
        AdminApi.send(ctx, 401, AdminJson.error("unauthorized", sendToken == null && adminToken == null
                ? "sending is off: neither messaging.send_token nor host.admin_token is configured"
                : "send the send token or the admin token as 'Authorization: Bearer <token>'"));
        return false;
    }

    private void send(Context ctx) {
        if (!authenticated(ctx)) {
            return;
        }
        MessageRequest request;
        try {
            JsonNode json = RequestBody.json(ctx);
            if (OrderRequest.isOrder(json)) {
                sendOrder(ctx, OrderRequest.parse(json, Optional.ofNullable(ctx.header("Idempotency-Key"))));
                return;
            }
            request = MessageRequest.parse(json, Optional.ofNullable(ctx.header("Idempotency-Key")));
        } catch (RequestBody.TooLarge e) {
            RequestBody.tooLarge(ctx, e);
            return;
        } catch (IllegalArgumentException e) {
            AdminApi.send(ctx, 400, AdminJson.error("bad_request", e.getMessage()));
            return;
        }
        try {
            BusinessMessages.Answer answer = messages.submit(new BusinessSend(request.to(), request.template(),
                    request.route(), request.ticket(), request.idempotencyKey(), request.orderReference()),
                    MessagesJson::accepted);
            answer(ctx, answer);
        } catch (SendRefusedException e) {
            AdminApi.send(ctx, e.httpStatus(), AdminJson.error(e.code(), e.getMessage()));
        }
    }

    /** An order message: the same answer, replay and refusals as a template's. */
    private void sendOrder(Context ctx, OrderSend send) {
        try {
            answer(ctx, orders.submit(send, MessagesJson::orderAccepted));
        } catch (SendRefusedException e) {
            AdminApi.send(ctx, e.httpStatus(), AdminJson.error(e.code(), e.getMessage()));
        }
    }

    private static void answer(Context ctx, BusinessMessages.Answer answer) {
        if (answer.replayed()) {
            ctx.header("Idempotent-Replayed", "true");
        }
        ctx.status(202).contentType("application/json").result(answer.json());
    }

    private void state(Context ctx) {
        if (!authenticated(ctx)) {
            return;
        }
        String raw = ctx.pathParam("id");
        Optional<BusinessMessages.State> state = Optional.empty();
        try {
            state = messages.state(Long.parseLong(raw));
        } catch (NumberFormatException e) {
            // not one of ours: 404 below
        }
        if (state.isEmpty()) {
            AdminApi.send(ctx, 404, AdminJson.error("not_found", "no message sent through the API has id '"
                    + LogSafeId.of(raw) + "'"));
            return;
        }
        AdminApi.send(ctx, 200, MessagesJson.state(state.get()));
    }

    /** A path value as it may be echoed: short, and only characters an id has. */
    private static final class LogSafeId {
        static String of(String raw) {
            String cut = raw.length() > 40 ? raw.substring(0, 40) + "…" : raw;
            return cut.replaceAll("[^A-Za-z0-9._:-]", "?");
        }
    }
}
