package dev.deskbridge.host.engine;

import dev.deskbridge.connector.api.model.PhoneNumber;
import dev.deskbridge.host.config.RouteConfig;
import dev.deskbridge.host.templates.TemplateCheckResult;
import dev.deskbridge.host.templates.TemplateRefusal;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;

/**
 * A route's re-engagement template as it may go out now: the catalogue's word on it
 * (ConfiguredTemplates), then the customer's consent to the category it would be sent in.
 */
final class ReengageTemplates {
    private ReengageTemplates() {}

    static ConfiguredTemplates.Choice of(Connection c, EngineContext ctx, RouteConfig route, PhoneNumber customer)
            throws SQLException {
        ConfiguredTemplates.Choice choice = ConfiguredTemplates.current(c, ctx, route.channel(),
                Outbound.template(route.reengageTemplate().orElseThrow()));
        if (choice.message().isEmpty()) {
            return choice;
        }
        Optional<String> optedOut = ctx.consent().refusal(c, route.channel(), customer,
                choice.message().get().category());
        return optedOut.isEmpty() ? choice : ConfiguredTemplates.Choice.refused(new TemplateCheckResult.Refused(
                TemplateRefusal.OPTED_OUT, "it is a marketing template and " + optedOut.get(), Optional.empty()));
    }
}
