package dev.deskbridge.host.http.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.deskbridge.connector.api.error.ConnectorException;
import dev.deskbridge.host.links.ChatLink;
import dev.deskbridge.host.links.ChatLinks;
import dev.deskbridge.host.links.QrImage;
import dev.deskbridge.host.logging.LogSafe;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;

/**
 * The admin API's click-to-chat links under {@code /api/links}: list, create, read, change,
 * delete, and a QR code's image. Behind the admin token like the rest of {@code /api/}
 * ({@link AdminApi} registers the check).
 */
public final class LinksApi {
    private final ChatLinks links;
    private final String publicBaseUrl;

    /**
     * @param publicBaseUrl {@code host.public_base_url}, for the website button's snippet
     */
    public LinksApi(ChatLinks links, String publicBaseUrl) {
        this.links = Objects.requireNonNull(links, "links");
        this.publicBaseUrl = Objects.requireNonNull(publicBaseUrl, "publicBaseUrl");
    }

    public void register(Javalin app) {
        app.get("/api/links", handled(ctx -> {
            ObjectNode body = AdminJson.MAPPER.createObjectNode();
            ArrayNode list = body.putArray("links");
            links.list(deleted(ctx.queryParam("deleted"))).forEach(l -> list.add(json(l)));
            AdminApi.send(ctx, 200, body);
        }));
        app.post("/api/links", handled(ctx -> {
            LinkRequest.Create in = LinkRequest.create(body(ctx));
            AdminApi.send(ctx, 201, json(links.create(in.channel(), in.name(), in.source(), in.message(), in.qr())));
        }));
        app.get("/api/links/{code}", handled(ctx -> AdminApi.send(ctx, 200, json(links.get(ctx.pathParam("code"))))));
        app.patch("/api/links/{code}", handled(ctx -> {
            LinkRequest.Change in = LinkRequest.change(body(ctx));
            AdminApi.send(ctx, 200, json(links.update(ctx.pathParam("code"), in.name(), in.source(), in.message())));
        }));
        app.delete("/api/links/{code}", handled(ctx -> AdminApi.send(ctx, 200, json(links.delete(ctx.pathParam("code"))))));
        app.get("/api/links/{code}/qr", handled(ctx -> {
            QrImage image = links.qrImage(ctx.pathParam("code"),
                    Optional.ofNullable(ctx.queryParam("format")).orElse("png"));
            ctx.header("Content-Disposition", "attachment; filename=\"whatsapp-" + ctx.pathParam("code") + "."
                    + image.extension() + "\"");
            ctx.header("X-Content-Type-Options", "nosniff");
            ctx.status(200).contentType(image.mediaType()).result(image.bytes());
        }));
    }

    private ObjectNode json(ChatLink l) {
        ObjectNode n = AdminJson.MAPPER.createObjectNode();
        n.put("code", l.code());
        n.put("name", l.name());
        n.put("source", l.source());
        n.put("channel", l.channelId());
        n.put("message", l.message());
        n.put("prefilledMessage", l.prefilledMessage());
        n.put("waMeUrl", l.waMeUrl());
        n.put("qrCode", l.metaCode().orElse(null));
        n.put("shortLink", l.metaShortLink().orElse(null));
        n.put("createdAt", l.createdAt().toString());
        n.put("deletedAt", l.deletedAt().map(Object::toString).orElse(null));
        n.put("widgetSnippet", "<script src=\"" + publicBaseUrl + "/widget.js\" data-link=\"" + l.code()
                + "\" defer></script>");
        return n;
    }

    private static JsonNode body(Context ctx) {
        JsonNode in = RequestBody.json(ctx);
        if (in == null || !in.isObject()) {
            throw new IllegalArgumentException("body: expected a JSON object");
        }
        return in;
    }

    /** {@code deleted=true} lists deleted links too, absent or {@code false} not; {@code deleted=yes} is no answer. */
    private static boolean deleted(String raw) {
        if (raw == null || raw.equals("false")) {
            return false;
        }
        if (raw.equals("true")) {
            return true;
        }
        throw new IllegalArgumentException("deleted: expected true or false, got '" + LogSafe.text(raw, 40) + "'");
    }

    /** Bad input 400, a body over the limit 413, unknown link 404, Meta's refusal or absence 502, each saying why. */
    private static Handler handled(Handler handler) {
        return ctx -> {
            try {
                handler.handle(ctx);
            } catch (RequestBody.TooLarge e) {
                RequestBody.tooLarge(ctx, e);
            } catch (IllegalArgumentException e) {
                AdminApi.send(ctx, 400, AdminJson.error("bad_request", e.getMessage()));
            } catch (NoSuchElementException e) {
                AdminApi.send(ctx, 404, AdminJson.error("not_found", e.getMessage()));
            } catch (ConnectorException e) {
                AdminApi.send(ctx, 502, AdminJson.error("meta_failed", "Meta: " + e.getMessage()));
            }
        };
    }
}
