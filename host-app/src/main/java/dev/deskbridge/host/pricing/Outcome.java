package dev.deskbridge.host.pricing;

import dev.deskbridge.connector.api.pricing.PricingCategory;
import dev.deskbridge.connector.api.pricing.PricingType;
import java.util.Objects;

/**
 * A cell of a schedule's decision table: whether the message may be sent and, if so, whether it
 * is billed and under which category and type.
 *
 * @param allowed whether the message may be sent
 * @param billable whether it is priced from the rate card
 * @param category the pricing category (null exactly when not allowed)
 * @param type the pricing type (null exactly when not allowed)
 */
public record Outcome(boolean allowed, boolean billable, PricingCategory category, PricingType type) {

    /** The message may not be sent. */
    public static final Outcome NOT_ALLOWED = new Outcome(false, false, null, null);

    public Outcome {
        if (allowed) {
            Objects.requireNonNull(category, "category");
            Objects.requireNonNull(type, "type");
        } else if (billable || category != null || type != null) {
            throw new IllegalArgumentException("a message that is not allowed has no price, category or type");
        }
    }

    public static Outcome free(PricingCategory category, PricingType type) {
        return new Outcome(true, false, category, type);
    }

    public static Outcome billed(PricingCategory category, PricingType type) {
        return new Outcome(true, true, category, type);
    }

    @Override
    public String toString() {
        if (!allowed) {
            return "not allowed";
        }
        return (billable ? "billed " : "free ") + category.wireName() + "/" + type.wireName();
    }
}
