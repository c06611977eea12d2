package dev.deskbridge.connector.api.pricing;

import java.util.Arrays;
import java.util.Locale;

/** The category a message is priced under, with the wire name WhatsApp uses. */
public enum PricingCategory {
    MARKETING,
    UTILITY,
    AUTHENTICATION,
    SERVICE,
    REFERRAL_CONVERSION;

    /** The lower-case name used by Meta's pricing data and DeskBridge's rate cards. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Reads a wire name such as {@code referral_conversion}. */
    public static PricingCategory fromWire(String name) {
        return Arrays.stream(values())
                .filter(c -> c.wireName().equalsIgnoreCase(name.trim()))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown pricing category: " + name));
    }
}
