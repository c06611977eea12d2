package dev.deskbridge.host.demo.whatsapp;

import java.util.Objects;

/**
 * The {@code pricing} object Meta puts on a status under per-message pricing.
 *
 * @param billable whether Meta charges the message
 * @param category {@code marketing}, {@code utility}, {@code authentication}, {@code service} or
 *     {@code referral_conversion}
 * @param type {@code regular}, {@code free_customer_service} or {@code free_entry_point}
 */
public record MetaPricing(boolean billable, String category, String type) {
    public MetaPricing {
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(type, "type");
    }

    /** A message Meta bills at the category's rate. */
    public static MetaPricing billed(String category) {
        return new MetaPricing(true, category, "regular");
    }

    /** A message free because the customer service window was open. */
    public static MetaPricing freeCustomerService(String category) {
        return new MetaPricing(false, category, "free_customer_service");
    }

    /** A message free because a free entry point window (ad or page button) was open. */
    public static MetaPricing freeEntryPoint() {
        return new MetaPricing(false, "referral_conversion", "free_entry_point");
    }
}
