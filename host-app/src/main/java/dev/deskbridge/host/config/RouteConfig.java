package dev.deskbridge.host.config;

import dev.deskbridge.connector.api.pricing.Money;
import dev.deskbridge.host.config.answering.Answering;
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
 * @param answering business hours, automatic answers and the response target
 */
public record RouteConfig(
        String channel,
        String crm,
        ReplyPolicy policy,
        Optional<ReengageTemplate> reengageTemplate,
        Optional<Money> monthlyBudget,
        boolean readReceipts,
        Answering answering) {
    public RouteConfig {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(crm, "crm");
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(reengageTemplate, "reengageTemplate");
        Objects.requireNonNull(monthlyBudget, "monthlyBudget");
        Objects.requireNonNull(answering, "answering");
        if (policy == ReplyPolicy.HOLD_AND_REENGAGE && reengageTemplate.isEmpty()) {
            throw new IllegalArgumentException("hold-and-reengage needs a reengage template");
        }
    }

    /** A route without business hours or automatic answers. */
    public RouteConfig(String channel, String crm, ReplyPolicy policy, Optional<ReengageTemplate> reengageTemplate,
            Optional<Money> monthlyBudget, boolean readReceipts) {
        this(channel, crm, policy, reengageTemplate, monthlyBudget, readReceipts, Answering.NONE);
    }

    /** A route without read receipts, business hours or automatic answers. */
    public RouteConfig(String channel, String crm, ReplyPolicy policy, Optional<ReengageTemplate> reengageTemplate,
            Optional<Money> monthlyBudget) {
        this(channel, crm, policy, reengageTemplate, monthlyBudget, false);
    }
}
