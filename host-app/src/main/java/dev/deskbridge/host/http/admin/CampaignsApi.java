package dev.deskbridge.host.http.admin;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.deskbridge.host.campaigns.Campaigns;
import dev.deskbridge.host.campaigns.RecipientsFile;
import dev.deskbridge.host.engine.RouteName;
import dev.deskbridge.host.engine.SendRefusedException;
import dev.deskbridge.host.engine.TicketMode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The campaigns API, the twin of {@code deskbridge campaign send} (admin token):
 * {@code POST /api/campaigns} checks a recipients file (CSV body) in full and stores the campaign
 * when it is clean (or {@code skipInvalid=true}); {@code POST /api/campaigns/{id}/start} sends it;
 * {@code GET /api/campaigns/{id}} tells its progress and outcome.
 */
public final class CampaignsApi {
    static final String PATH = "/api/campaigns";
    /** A hundred thousand recipients with a few parameters each. */
    static final int MAX_FILE_BYTES = 32 * 1024 * 1024;
    private static final int MAX_BAD_ROWS_SHOWN = 1000;

    private final Campaigns campaigns;

    public CampaignsApi(Campaigns campaigns) {
        this.campaigns = Objects.requireNonNull(campaigns, "campaigns");
    }

    public void register(Javalin app) {
        app.post(PATH, this::prepare);
        app.post(PATH + "/{id}/start", this::start);
        app.get(PATH + "/{id}", this::report);
    }

    private void prepare(Context ctx) {
        Campaigns.Draft draft;
        try {
            draft = new Campaigns.Draft(required(ctx, "template"), optional(ctx, "language"),
                    new RouteName(optional(ctx, "route"), optional(ctx, "channel")),
                    optional(ctx, "ticket").map(TicketMode::fromWire).orElse(TicketMode.NONE),
                    optional(ctx, "rate").map(CampaignsApi::rate), optional(ctx, "skipInvalid")
                            .map(v -> v.equals("true")).orElse(false));
        } catch (IllegalArgumentException e) {
            AdminApi.send(ctx, 400, AdminJson.error("bad_request", e.getMessage()));
            return;
        }
        byte[] csv;
        try {
            // Read here, bounded by its own limit: a recipients file is larger than any webhook.
            csv = RequestBody.read(ctx, MAX_FILE_BYTES);
        } catch (RequestBody.TooLarge e) {
            RequestBody.tooLarge(ctx, e);
            return;
        } catch (java.io.IOException e) {
            AdminApi.send(ctx, 400, AdminJson.error("bad_request", "the recipients file could not be read"));
            return;
        }
        Campaigns.Prepared prepared;
        try {
            prepared = campaigns.prepare(draft, csv);
        } catch (SendRefusedException e) {
            AdminApi.send(ctx, e.httpStatus(), AdminJson.error(e.code(), e.getMessage()));
            return;
        }
        ObjectNode body = prepared(prepared);
        if (prepared.id().isEmpty()) {
            body.put("error", "invalid_rows");
            body.put("message", prepared.badRows().size() + " rows cannot be sent; fix them, or repeat with "
                    + "skipInvalid=true to send the other " + prepared.recipients());
            AdminApi.send(ctx, 422, body);
            return;
        }
        AdminApi.send(ctx, 201, body);
    }

    private void start(Context ctx) {
        Optional<Campaigns.Report> report = campaigns.start(ctx.pathParam("id"));
        if (report.isEmpty()) {
            AdminApi.send(ctx, 404, AdminJson.error("not_found", "no such campaign"));
            return;
        }
        AdminApi.send(ctx, 202, report(report.get()));
    }

    private void report(Context ctx) {
        Optional<Campaigns.Report> report = campaigns.report(ctx.pathParam("id"));
        if (report.isEmpty()) {
            AdminApi.send(ctx, 404, AdminJson.error("not_found", "no such campaign"));
            return;
        }
        AdminApi.send(ctx, 200, report(report.get()));
    }

    static ObjectNode prepared(Campaigns.Prepared p) {
        ObjectNode n = AdminJson.MAPPER.createObjectNode();
        AdminJson.putOptional(n, "id", p.id());
        n.put("recipients", p.recipients());
        n.put("free", p.free());
        n.set("total", AdminJson.money(p.total()));
        ObjectNode by = n.putObject("byMarketAndCategory");
        p.byMarketAndCategory().forEach(by::put);
        p.budget().ifPresentOrElse(b -> {
            ObjectNode budget = n.putObject("budget");
            budget.set("monthly", AdminJson.money(b.monthly()));
            budget.set("left", AdminJson.money(b.left()));
        }, () -> n.putNull("budget"));
        n.put("badRowCount", p.badRows().size());
        ArrayNode bad = n.putArray("badRows");
        p.badRows().stream().limit(MAX_BAD_ROWS_SHOWN).forEach(r -> {
            ObjectNode row = bad.addObject();
            row.put("line", r.line());
            row.put("message", r.message());
        });
        return n;
    }

    static ObjectNode report(Campaigns.Report r) {
        ObjectNode n = AdminJson.MAPPER.createObjectNode();
        n.put("id", r.campaign().id());
        n.put("status", r.campaign().status().toLowerCase(Locale.ROOT));
        n.put("sending", r.sending());
        n.put("template", r.campaign().template());
        n.put("rate", r.campaign().rate());
        n.put("recipients", r.campaign().recipients());
        n.put("skipped", r.campaign().skipped());
        n.put("pending", r.pending());
        n.put("queued", r.queued());
        counts(n.putObject("refused"), r.refused());
        ObjectNode messages = n.putObject("messages");
        for (String s : new String[] {"QUEUED", "ACCEPTED", "SENT", "DELIVERED", "READ", "FAILED"}) {
            messages.put(s.toLowerCase(Locale.ROOT), r.messages().getOrDefault(s, 0L));
        }
        counts(n.putObject("failedByReason"), r.failures());
        n.set("plannedTotal", AdminJson.money(r.plannedTotal()));
        n.set("quoted", AdminJson.money(r.quoted()));
        n.set("settled", AdminJson.money(r.settled()));
        AdminJson.putInstant(n, "startedAt", r.campaign().startedAt());
        AdminJson.putInstant(n, "finishedAt", r.campaign().finishedAt());
        return n;
    }

    private static void counts(ObjectNode n, Map<String, Long> counts) {
        counts.forEach((k, v) -> n.put(k == null ? "unknown" : k, v));
    }

    private static int rate(String raw) {
        try {
            int r = Integer.parseInt(raw.strip());
            if (r >= 1 && r <= 1000) {
                return r;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw new IllegalArgumentException("rate: expected 1 to 1000 messages per second, got '" + raw + "'");
    }

    private static String required(Context ctx, String name) {
        return optional(ctx, name).orElseThrow(() -> new IllegalArgumentException(name + ": required"));
    }

    private static Optional<String> optional(Context ctx, String name) {
        return Optional.ofNullable(ctx.queryParam(name)).map(String::strip).filter(v -> !v.isEmpty());
    }
}
