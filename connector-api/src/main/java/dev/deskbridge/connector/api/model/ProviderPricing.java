package dev.deskbridge.connector.api.model;

import java.util.Objects;

/**
 * Meta's own pricing information on a status update ({@code pricing} object), kept as given.
 *
 * @param billable whether Meta bills this message
 * @param pricingModel for example {@code PMP}
 * @param category for example {@code utility}, {@code service}, {@code referral_conversion}
 * @param type for example {@code regular}, {@code free_customer_service}, {@code free_entry_point}
 */
public record ProviderPricing(boolean billable, String pricingModel, String category, String type) {
    public ProviderPricing {
        Objects.requireNonNull(pricingModel, "pricingModel");
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(type, "type");
    }
}
