package dev.deskbridge.host.http.admin;

import dev.deskbridge.host.admin.responsiveness.ResponsivenessService;
import dev.deskbridge.host.reports.ReportDates;
import dev.deskbridge.host.reports.ResponsivenessJson;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code GET /api/stats/responsiveness?from=YYYY-MM-DD&to=YYYY-MM-DD&route=<channel id>}: how fast
 * customers were answered, per route, business number, agent and day. Dates are UTC days, both
 * included; the default is the last 30 days. A route no channel of the configuration has is a 400
 * listing those it has, not a report of zeros. Behind the admin token like all of {@code /api/}
 * ({@link AdminApi} checks it before any handler runs, so register that first).
 */
public final class ResponsivenessApi {
    public static final String PATH = "/api/stats/responsiveness";
    static final int MAX_DAYS = 366;

    private final ResponsivenessService service;
    private final Clock clock;

    public ResponsivenessApi(ResponsivenessService service, Clock clock) {
        this.service = Objects.requireNonNull(service, "service");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public void register(Javalin app) {
        app.get(PATH, this::stats);
    }

    private void stats(Context ctx) {
        LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
        LocalDate to;
        LocalDate from;
        Optional<String> route;
        try {
            to = date(ctx.queryParam("to"), "to").orElse(today);
            from = date(ctx.queryParam("from"), "from").orElse(to.minusDays(29));
            route = Optional.ofNullable(ctx.queryParam("route")).filter(r -> !r.isBlank()).map(this::route);
        } catch (IllegalArgumentException e) {
            AdminApi.send(ctx, 400, AdminJson.error("bad_request", e.getMessage()));
            return;
        }
        if (from.isAfter(to) || from.plusDays(MAX_DAYS).isBefore(to)) {
            AdminApi.send(ctx, 400, AdminJson.error("bad_request", "from: must be on or before to, and at most "
                    + MAX_DAYS + " days before it"));
            return;
        }
        AdminApi.send(ctx, 200, ResponsivenessJson.toJson(service.report(from.atStartOfDay(ZoneOffset.UTC).toInstant(),
                to.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant(), route)));
    }

    private static Optional<LocalDate> date(String raw, String name) {
        if (raw == null || raw.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(ReportDates.day(raw));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name + ": " + e.getMessage());
        }
    }

    private String route(String channelId) {
        try {
            return service.route(channelId);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("route: " + e.getMessage());
        }
    }
}
