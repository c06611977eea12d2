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
 * @param optOut the words that opt customers out of marketing templates ({@code opt_out:})
 * @param answering business hours, automatic answers and the response target
 */
public record RouteConfig(
        String channel,
        String crm,
        ReplyPolicy policy,
        Optional<ReengageTemplate> reengageTemplate,
        Optional<Money> monthlyBudget,
        boolean readReceipts,
        ConsentConfig optOut,
        Answering answering) {

    public RouteConfig {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(crm, "crm");
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(reengageTemplate, "reengageTemplate");
        Objects.requireNonNull(monthlyBudget, "monthlyBudget");
        Objects.requireNonNull(optOut, "optOut");
        Objects.requireNonNull(answering, "answering");
        if (policy == ReplyPolicy.HOLD_AND_REENGAGE && reengageTemplate.isEmpty()) {
            throw new IllegalArgumentException("hold-and-reengage needs a reengage template");
        }
    }

    /** A route without business hours or automatic answers. */
    public RouteConfig(String channel, String crm, ReplyPolicy policy, Optional<ReengageTemplate> reengageTemplate,
            Optional<Money> monthlyBudget, boolean readReceipts, ConsentConfig optOut) {
        this(channel, crm, policy, reengageTemplate, monthlyBudget, readReceipts, optOut, Answering.NONE);
    }

    /** A route with the default opt-out words. */
    public RouteConfig(String channel, String crm, ReplyPolicy policy, Optional<ReengageTemplate> reengageTemplate,
            Optional<Money> monthlyBudget, boolean readReceipts, Answering answering) {
        this(channel, crm, policy, reengageTemplate, monthlyBudget, readReceipts, ConsentConfig.DEFAULTS, answering);
    }

    /** A route with the default opt-out words, without business hours or automatic answers. */
    public RouteConfig(String channel, String crm, ReplyPolicy policy, Optional<ReengageTemplate> reengageTemplate,
            Optional<Money> monthlyBudget, boolean readReceipts) {
        this(channel, crm, policy, reengageTemplate, monthlyBudget, readReceipts, ConsentConfig.DEFAULTS);
    }

    /** A route without read receipts, with the default opt-out words. */
    public RouteConfig(String channel, String crm, ReplyPolicy policy, Optional<ReengageTemplate> reengageTemplate,
            Optional<Money> monthlyBudget) {
        this(channel, crm, policy, reengageTemplate, monthlyBudget, false);
    }

    /** A route without read receipts, with its own opt-out words. */
    public RouteConfig(String channel, String crm, ReplyPolicy policy, Optional<ReengageTemplate> reengageTemplate,
            Optional<Money> monthlyBudget, ConsentConfig optOut) {
        this(channel, crm, policy, reengageTemplate, monthlyBudget, false, optOut);
    }
}
