package dev.deskbridge.host.costs;

import dev.deskbridge.connector.api.pricing.Money;
import java.math.BigDecimal;
import java.util.Objects;
import java.util.Optional;

/**
 * A route's monthly budget rule, one for the engine's sends and the sidebar's quotes, so an agent is
 * never offered what the engine then refuses: a message's cost is Meta's price plus the channel's own
 * fee, a free one always fits, and a budget in another currency takes nothing.
 */
public final class RouteBudget {
    private RouteBudget() {}

    /**
     * Whether {@code count} messages at {@code each} fit what is left of {@code budget}.
     *
     * @param spent what the route spent this month, in the budget's currency
     * @return empty when they fit, else the sentence telling agents why not
     */
    public static Optional<String> over(Money budget, Money spent, Money each, int count) {
        Objects.requireNonNull(each, "each");
        Money cost = new Money(each.amount().multiply(BigDecimal.valueOf(count)), each.currency());
        return over(budget, spent, cost, "this message costs " + cost);
    }

    /**
     * Whether messages costing {@code cost} together fit what is left of {@code budget}.
     *
     * @param spent what the route spent this month, in the budget's currency
     * @param costs what the messages are and cost, for the sentence: {@code this message costs 0.0150 USD}
     * @return empty when they fit, else the sentence telling agents why not
     */
    public static Optional<String> over(Money budget, Money spent, Money cost, String costs) {
        Objects.requireNonNull(budget, "budget");
        Objects.requireNonNull(spent, "spent");
        Objects.requireNonNull(cost, "cost");
        Objects.requireNonNull(costs, "costs");
        if (cost.isZero()) {
            return Optional.empty();
        }
        if (!budget.currency().equals(cost.currency())) {
            return Optional.of("the route's monthly budget is in " + budget.currency() + " but this message is priced in "
                    + cost.currency());
        }
        if (spent.plus(cost).compareTo(budget) > 0) {
            return Optional.of("Not sent: this route's monthly budget of " + budget + " would be exceeded (" + spent
                    + " spent this month, " + costs + ").");
        }
        return Optional.empty();
    }
}
