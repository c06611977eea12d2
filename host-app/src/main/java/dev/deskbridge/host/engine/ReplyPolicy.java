package dev.deskbridge.host.engine;

import java.util.Arrays;
import java.util.Locale;

/** What a route does with an agent's reply once the customer's service window has closed. */
public enum ReplyPolicy {
    /** Send the route's re-engagement template, hold the reply, send it free once the customer answers. */
    HOLD_AND_REENGAGE,
    /** Send nothing and tell the agents why, with what the template would have cost. */
    REFUSE;

    /** The name used in configuration files ({@code hold-and-reengage}). */
    public String configName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static ReplyPolicy fromConfig(String name) {
        return Arrays.stream(values())
                .filter(p -> p.configName().equals(name.trim().toLowerCase(Locale.ROOT)))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown reply policy '" + name
                        + "' (expected hold-and-reengage or refuse)"));
    }
}
