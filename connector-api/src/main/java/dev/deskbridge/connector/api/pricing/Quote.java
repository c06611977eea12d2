package dev.deskbridge.connector.api.pricing;

import java.util.Objects;
import java.util.Optional;

/**
 * The answer of the window and pricing rules for one outbound message at one instant.
 *
 * @param allowed whether the message may be sent at all (free-form needs an open service window)
 * @param refusal why it may not be sent, when not allowed (for example {@code window_closed})
 * @param billable whether the message is billed
 * @param category the pricing category, when allowed
 * @param type the pricing type, when allowed
 * @param market the rate-card market of the recipient, when allowed
 * @param price the price; zero when not billable or not allowed
 * @param schedule the pricing schedule applied (for example {@code PMP-2026-10}), when allowed
 */
public record Quote(
        boolean allowed,
        Optional<String> refusal,
        boolean billable,
        Optional<PricingCategory> category,
        Optional<PricingType> type,
        Optional<String> market,
        Money price,
        Optional<String> schedule) {

    public Quote {
        Objects.requireNonNull(refusal, "refusal");
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(market, "market");
        Objects.requireNonNull(price, "price");
        Objects.requireNonNull(schedule, "schedule");
        if (allowed == refusal.isPresent()) {
            throw new IllegalArgumentException("a quote carries a refusal exactly when it is not allowed");
        }
        if (!billable && !price.isZero()) {
            throw new IllegalArgumentException("a message that is not billable has price zero");
        }
    }

    /** A message that may not be sent. */
    public static Quote refused(String reason, Money zero) {
        return new Quote(false, Optional.of(reason), false, Optional.empty(), Optional.empty(),
                Optional.empty(), zero, Optional.empty());
    }

    /** A message that may be sent. */
    public static Quote allowed(boolean billable, PricingCategory category, PricingType type, String market,
            Money price, String schedule) {
        return new Quote(true, Optional.empty(), billable, Optional.of(category), Optional.of(type),
                Optional.of(market), price, Optional.of(schedule));
    }
}
