package dev.deskbridge.host.engine;

import dev.deskbridge.connector.api.model.OutboundMessage;
import dev.deskbridge.connector.api.pricing.Money;
import java.util.Objects;
import java.util.Optional;

/**
 * Carries one channel's conversations to one CRM.
 *
 * @param policy what happens to a reply once the window has closed
 * @param reengageTemplate the template sent to re-open a closed window; required for hold-and-reengage
 * @param monthlyBudget the most the route may spend in a calendar month (UTC), if limited
 */
public record Route(String channelId, String crmId, ReplyPolicy policy,
        Optional<OutboundMessage.Template> reengageTemplate, Optional<Money> monthlyBudget) {
    public Route {
        Objects.requireNonNull(channelId, "channelId");
        Objects.requireNonNull(crmId, "crmId");
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(reengageTemplate, "reengageTemplate");
        Objects.requireNonNull(monthlyBudget, "monthlyBudget");
        if (policy == ReplyPolicy.HOLD_AND_REENGAGE && reengageTemplate.isEmpty()) {
            throw new IllegalArgumentException("route " + channelId + " -> " + crmId
                    + ": hold-and-reengage needs a reengage_template");
        }
    }
}
