package dev.deskbridge.host.http.widget;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.deskbridge.host.links.ChatLink;
import dev.deskbridge.host.links.ChatLinks;
import dev.deskbridge.host.links.LinkFields;
import dev.deskbridge.host.links.WidgetFacts;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;

/**
 * The website button: {@code /widget.js} and {@code /widget.css}, which any site embeds with one
 * line ({@code <script src=".../widget.js" data-link="CODE" defer></script>}), and
 * {@code /widget/{code}.json}, the little the button needs of a link: its wa.me URL and, when known,
 * the responsiveness line and opening hours ({@link WidgetFacts}). Nothing else of the link (its
 * name, source, Meta's ids) and no token: these are public. Cross-origin reads are allowed (no
 * credentials), and the files are served to be embedded elsewhere.
 */
public final class WidgetEndpoints {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SUFFIX = ".json";

    private final ChatLinks links;
    private final WidgetFacts facts;
    private final Clock clock;
    private final byte[] script = read("widget.js");
    private final byte[] stylesheet = read("widget.css");

    public WidgetEndpoints(ChatLinks links, WidgetFacts facts, Clock clock) {
        this.links = Objects.requireNonNull(links, "links");
        this.facts = Objects.requireNonNull(facts, "facts");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public void register(Javalin app) {
        app.get("/widget.js", ctx -> serve(ctx, "text/javascript; charset=utf-8", script));
        app.get("/widget.css", ctx -> serve(ctx, "text/css; charset=utf-8", stylesheet));
        app.get("/widget/{file}", this::link);
    }

    private void link(Context ctx) {
        embeddable(ctx);
        ctx.header("Cache-Control", "public, max-age=60");
        String file = ctx.pathParam("file");
        Optional<ChatLink> link = Optional.empty();
        if (file.endsWith(SUFFIX)) {
            try {
                link = Optional.of(links.get(LinkFields.code(file.substring(0, file.length() - SUFFIX.length()))))
                        .filter(l -> !l.deleted());
            } catch (IllegalArgumentException | NoSuchElementException e) {
                link = Optional.empty();
            }
        }
        if (link.isEmpty()) {
            ctx.status(404).contentType("application/json").result("{\"error\":\"no such link\"}");
            return;
        }
        ctx.status(200).contentType("application/json").result(body(link.get()).toString());
    }

    private ObjectNode body(ChatLink link) {
        WidgetFacts.Availability a = facts.of(link.channelId(), clock.instant());
        ObjectNode n = JSON.createObjectNode();
        n.put("url", link.waMeUrl());
        a.usuallyAnswersWithin().ifPresentOrElse(d -> n.put("usuallyAnswersWithinMinutes",
                Math.max(1, (d.toSeconds() + 59) / 60)), () -> n.putNull("usuallyAnswersWithinMinutes"));
        n.put("timeZone", a.zone().map(Object::toString).orElse(null));
        ArrayNode hours = n.putArray("hours");
        a.hours().forEach(h -> hours.addObject().put("day", h.day().name()).put("opens", h.opens().toString())
                .put("closes", h.closes().toString()));
        a.openNow().ifPresentOrElse(open -> n.put("openNow", open), () -> n.putNull("openNow"));
        return n;
    }

    private static void serve(Context ctx, String type, byte[] body) {
        embeddable(ctx);
        ctx.header("Cache-Control", "public, max-age=300").contentType(type).result(body);
    }

    /** Read and run from any site, never with its cookies; no page of ours can be framed through it. */
    private static void embeddable(Context ctx) {
        ctx.header("Access-Control-Allow-Origin", "*")
                .header("Cross-Origin-Resource-Policy", "cross-origin")
                .header("X-Content-Type-Options", "nosniff")
                .header("Referrer-Policy", "no-referrer");
    }

    private static byte[] read(String name) {
        try (InputStream in = WidgetEndpoints.class.getResourceAsStream("/widget/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource /widget/" + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
