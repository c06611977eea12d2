package dev.deskbridge.host.engine;

import dev.deskbridge.connector.api.model.OutboundMessage;
import dev.deskbridge.connector.api.model.TemplateRequest;
import dev.deskbridge.host.config.ReengageTemplate;
import dev.deskbridge.host.config.RouteConfig;
import dev.deskbridge.host.templates.TemplateCheck;
import dev.deskbridge.host.templates.TemplateCheckResult;
import dev.deskbridge.host.templates.TemplateRefusal;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;

/**
 * A route's re-engagement template as it may go out now: checked against the channel's catalogue
 * (approved, parameters fitting) and quoted in the catalogue's current category. Before the
 * channel's catalogue was first synced, or for a channel without one, it goes as configured.
 */
final class ReengageTemplates {
    private ReengageTemplates() {}

    /**
     * The template to send, or why it may not be sent.
     *
     * @param message present when it may go
     * @param refusal present when the catalogue refused it
     */
    record Choice(Optional<OutboundMessage.Template> message, Optional<TemplateCheckResult.Refused> refusal) {}

    static Choice of(Connection c, EngineContext ctx, RouteConfig route) throws SQLException {
        ReengageTemplate t = route.reengageTemplate().orElseThrow();
        TemplateCheckResult r = new TemplateCheck(ctx.templates()).check(c, route.channel(),
                TemplateRequest.of(t.name(), t.language(), t.bodyParameters(), Map.of()));
        if (r instanceof TemplateCheckResult.Resolved ok) {
            return new Choice(Optional.of(ok.message()), Optional.empty());
        }
        TemplateCheckResult.Refused refused = (TemplateCheckResult.Refused) r;
        if (refused.reason() == TemplateRefusal.CATALOGUE_NOT_SYNCED) {
            return new Choice(Optional.of(Outbound.template(t)), Optional.empty());
        }
        return new Choice(Optional.empty(), Optional.of(refused));
    }
}
