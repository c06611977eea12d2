package dev.deskbridge.host.http.admin;

import dev.deskbridge.connector.api.config.Secret;
import dev.deskbridge.host.config.BearerToken;
import dev.deskbridge.host.admin.TicketSidebar;
import dev.deskbridge.host.admin.TicketSidebars;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The one endpoint a CRM sidebar app calls: {@code GET /api/tickets/{crm}/{ticketId}/sidebar}.
 *
 * <p>It accepts the app's own token ({@code host.app_token}), which opens nothing else of the admin
 * API ({@link AdminApi} refuses it everywhere), and the admin token. The app's token sits in the
 * CRM's app settings, so it gets the narrowest reach: one ticket's window, cost and templates.
 * Neither token is logged or echoed.
 */
public final class SidebarApi {
    /** The endpoint's route. */
    public static final String PATH = "/api/tickets/{crm}/{ticketId}/sidebar";
    private static final Pattern PATH_PATTERN = Pattern.compile("^/api/tickets/[^/]+/[^/]+/sidebar/?$");

    private final TicketSidebars sidebars;
    /** Null when not configured. */
    private final BearerToken appToken;
    /** Null when not configured. */
    private final BearerToken adminToken;
    private final Clock clock;

    /**
     * @param appToken the configured {@code host.app_token}
     * @param adminToken the configured {@code host.admin_token}; an operator may read a sidebar with it too
     * @param clock the host's clock: phases, countdowns and prices follow it
     */
    public SidebarApi(TicketSidebars sidebars, Optional<Secret> appToken, Optional<Secret> adminToken, Clock clock) {
        this.sidebars = Objects.requireNonNull(sidebars, "sidebars");
        this.appToken = Objects.requireNonNull(appToken, "appToken").map(BearerToken::new).orElse(null);
        this.adminToken = Objects.requireNonNull(adminToken, "adminToken").map(BearerToken::new).orElse(null);
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Whether a request path is the sidebar endpoint, which checks its own tokens. */
    public static boolean isSidebarPath(String path) {
        return path != null && PATH_PATTERN.matcher(path).matches();
    }

    /** Adds the endpoint to {@code app}. */
    public void register(Javalin app) {
        app.get(PATH, this::sidebar);
    }

    private void sidebar(Context ctx) {
        ctx.header("Cache-Control", "no-store");
        String auth = ctx.header("Authorization");
        boolean accepted = (appToken != null && appToken.accepts(auth)) || (adminToken != null && adminToken.accepts(auth));
        if (!accepted) {
            ctx.header("WWW-Authenticate", "Bearer realm=\"deskbridge-app\"");
            AdminApi.send(ctx, 401, AdminJson.error("unauthorized", appToken == null && adminToken == null
                    ? "the sidebar is off: no host.app_token is configured"
                    : "send the app token as 'Authorization: Bearer <token>'"));
            return;
        }
        String crm = ctx.pathParam("crm");
        String ticketId = ctx.pathParam("ticketId");
        Instant asOf = clock.instant();
        Optional<TicketSidebar> found = sidebars.forTicket(crm, ticketId, asOf);
        if (found.isEmpty()) {
            AdminApi.send(ctx, 404, AdminJson.error("not_found", "no WhatsApp conversation is carried by ticket '" + ticketId
                    + "' of '" + crm + "'"));
            return;
        }
        AdminApi.send(ctx, 200, SidebarJson.sidebar(found.get()));
    }
}
