package dev.deskbridge.host.pricing;

import dev.deskbridge.connector.api.model.PhoneNumber;
import dev.deskbridge.connector.api.pricing.OutboundKind;
import dev.deskbridge.connector.api.pricing.TemplateCategory;
import dev.deskbridge.connector.api.pricing.WindowState;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A question to the pricing rules.
 *
 * @param window the conversation's window before this message
 * @param kind free-form or template
 * @param category the template's category; present exactly for templates
 * @param at when the message would be sent
 * @param business the sending business number (free service allowance is per business number)
 * @param customer the recipient; decides the market
 * @param usage the month's counters so far (volume tiers, free allowance)
 */
public record QuoteRequest(WindowState window, OutboundKind kind, Optional<TemplateCategory> category, Instant at,
        PhoneNumber business, PhoneNumber customer, MonthlyUsage usage) {
    public QuoteRequest {
        Objects.requireNonNull(window, "window");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(business, "business");
        Objects.requireNonNull(customer, "customer");
        Objects.requireNonNull(usage, "usage");
        if ((kind == OutboundKind.TEMPLATE) != category.isPresent()) {
            throw new IllegalArgumentException("a template needs its category, a free-form message has none");
        }
    }
}
