package dev.deskbridge.host.config;

import dev.deskbridge.connector.api.pricing.Money;
import java.util.Objects;
import java.util.Optional;

/**
 * One entry of {@code routes:}: conversations of a channel are handled in a CRM.
 *
 * @param channel the channel id
 * @param crm the CRM id
 * @param policy what happens to a reply outside the window
 * @param reengageTemplate the template sent to reopen the window; present with
 *     {@link ReplyPolicy#HOLD_AND_REENGAGE}
 * @param monthlyBudget the most the route may spend per calendar month
 * @param readReceipts mark each customer message read on WhatsApp once it is on the ticket
 * @param optOut the words that opt customers out of marketing templates ({@code opt_out:})
 */
public record RouteConfig(
        String channel,
        String crm,
        ReplyPolicy policy,
        Optional<ReengageTemplate> reengageTemplate,
        Optional<Money> monthlyBudget,
        boolean readReceipts,
        ConsentConfig optOut) {
    /** A route without read receipts, with the default opt-out words. */
    public RouteConfig(String channel, String crm, ReplyPolicy policy, Optional<ReengageTemplate> reengageTemplate,
            Optional<Money> monthlyBudget) {
        this(channel, crm, policy, reengageTemplate, monthlyBudget, false, ConsentConfig.DEFAULTS);
    }

    public RouteConfig(String channel, String crm, ReplyPolicy policy, Optional<ReengageTemplate> reengageTemplate,
            Optional<Money> monthlyBudget, boolean readReceipts) {
        this(channel, crm, policy, reengageTemplate, monthlyBudget, readReceipts, ConsentConfig.DEFAULTS);
    }

    public RouteConfig(String channel, String crm, ReplyPolicy policy, Optional<ReengageTemplate> reengageTemplate,
            Optional<Money> monthlyBudget, ConsentConfig optOut) {
        this(channel, crm, policy, reengageTemplate, monthlyBudget, false, optOut);
    }

    public RouteConfig {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(crm, "crm");
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(reengageTemplate, "reengageTemplate");
        Objects.requireNonNull(monthlyBudget, "monthlyBudget");
        Objects.requireNonNull(optOut, "optOut");
        if (policy == ReplyPolicy.HOLD_AND_REENGAGE && reengageTemplate.isEmpty()) {
            throw new IllegalArgumentException("hold-and-reengage needs a reengage template");
        }
    }
}
