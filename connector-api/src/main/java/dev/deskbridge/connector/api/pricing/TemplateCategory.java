package dev.deskbridge.connector.api.pricing;

import java.util.Arrays;
import java.util.Locale;

/** The category of an approved template, as declared when the template was approved. */
public enum TemplateCategory {
    MARKETING,
    UTILITY,
    AUTHENTICATION;

    public PricingCategory pricingCategory() {
        return PricingCategory.valueOf(name());
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static TemplateCategory fromWire(String name) {
        return Arrays.stream(values())
                .filter(c -> c.wireName().equalsIgnoreCase(name.trim()))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown template category: " + name));
    }
}
