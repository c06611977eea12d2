package dev.deskbridge.connector.api.pricing;

import java.util.Arrays;
import java.util.Locale;

/** Whether a message is billed regularly or falls in a free window, with the wire name. */
public enum PricingType {
    REGULAR,
    FREE_CUSTOMER_SERVICE,
    FREE_ENTRY_POINT;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static PricingType fromWire(String name) {
        return Arrays.stream(values())
                .filter(c -> c.wireName().equalsIgnoreCase(name.trim()))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown pricing type: " + name));
    }
}
