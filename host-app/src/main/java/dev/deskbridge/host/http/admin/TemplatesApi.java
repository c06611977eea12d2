package dev.deskbridge.host.http.admin;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.deskbridge.host.templates.CatalogueTemplate;
import dev.deskbridge.host.templates.TemplateCatalogue;
import dev.deskbridge.host.templates.TemplateViews;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code GET /api/templates[?channel=ID]}: the template catalogue, with each channel's last sync.
 * Registered beside {@link AdminApi}, whose guard asks every {@code /api/} request for the admin token.
 */
public final class TemplatesApi {
    private final TemplateCatalogue catalogue;
    private final List<String> channels;

    /** @param channels the configured channel ids, whose last sync is reported (never synced: null) */
    public TemplatesApi(TemplateCatalogue catalogue, List<String> channels) {
        this.catalogue = Objects.requireNonNull(catalogue, "catalogue");
        this.channels = List.copyOf(channels);
    }

    public void register(Javalin app) {
        app.get("/api/templates", this::list);
    }

    private void list(Context ctx) {
        Optional<String> channel = Optional.ofNullable(ctx.queryParam("channel")).filter(c -> !c.isBlank());
        if (channel.isPresent() && !channels.contains(channel.get())) {
            AdminApi.send(ctx, 404, AdminJson.error("not_found", "channel: no channel '" + channel.get() + "'"));
            return;
        }
        ObjectNode body = AdminJson.MAPPER.createObjectNode();
        ArrayNode syncs = body.putArray("channels");
        for (String id : channel.map(List::of).orElse(channels)) {
            ObjectNode s = syncs.addObject().put("channel", id);
            catalogue.lastSync(id).ifPresentOrElse(t -> s.put("syncedAt", t.toString()), () -> s.putNull("syncedAt"));
        }
        ArrayNode list = body.putArray("templates");
        for (CatalogueTemplate t : catalogue.list(channel)) {
            list.add(TemplateViews.json(t, false));
        }
        AdminApi.send(ctx, 200, body);
    }
}
