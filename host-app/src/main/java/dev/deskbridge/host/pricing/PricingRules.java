package dev.deskbridge.host.pricing;

import dev.deskbridge.connector.api.pricing.ConversationStatus;
import dev.deskbridge.connector.api.pricing.Money;
import dev.deskbridge.connector.api.pricing.PricingCategory;
import dev.deskbridge.connector.api.pricing.Quote;
import dev.deskbridge.connector.api.pricing.WindowState;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The window and price rules of RULES.md: deterministic, no clock of its own (every instant is
 * an argument), thread-safe. The engine and the simulator are its only callers.
 */
public interface PricingRules {

    /**
     * The window after a customer message sent at {@code sentAt}. Never moves the service window's
     * end backwards (late webhooks happen). A message with a referral is an entry point.
     */
    WindowState onCustomerMessage(WindowState current, Instant sentAt, boolean referral);

    /**
     * The window after an allowed business message was sent at {@code sentAt}: the first reply to
     * a pending entry point may open a free entry point window.
     */
    WindowState onBusinessMessage(WindowState current, Instant sentAt);

    /**
     * What the message in {@code request} may do and cost. A message that is not delivered is never
     * billed: the caller settles that, and counts only billed messages in {@link MonthlyUsage}.
     *
     * @throws PricingException with code {@code no_schedule} or {@code invalid_number} (or another
     *     short code, such as {@code no_rate}) when no honest answer exists
     */
    Quote quote(QuoteRequest request);

    /**
     * Whether a quote this rules gave is a service message made free by the monthly free service
     * allowance; the caller then counts it in {@link MonthlyUsage#freeServiceCount} once it is sent.
     */
    default boolean usesFreeServiceAllowance(Quote quote) {
        return false;
    }

    /**
     * What the provider's own pricing data says a message costs when it bills it under another
     * category than the quote's (or bills one quoted free): the rate of {@code category} in
     * {@code market} at {@code at}, for the {@code nth} billed message of that market and category in
     * its month. Empty when the rules have no such rate.
     */
    default Optional<Money> billedAs(String market, PricingCategory category, Instant at, long nth) {
        return Optional.empty();
    }

    /**
     * The conversation's label at {@code asOf}: {@code OPEN}, {@code CLOSING} when the service
     * window ends within {@code closingLead}, or {@code CLOSED}; what {@code ConversationLookup#status}
     * answers.
     */
    default ConversationStatus status(WindowState window, Instant asOf, Duration closingLead, Money costSoFar) {
        return WindowRules.status(window, asOf, closingLead, costSoFar);
    }
}
