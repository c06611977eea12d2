package dev.deskbridge.host.config;

import java.util.Arrays;
import java.util.Optional;

/** What happens to an agent's reply when the customer service window is closed. */
public enum ReplyPolicy {
    /** Send the route's re-engagement template and hold the reply until the customer answers. */
    HOLD_AND_REENGAGE("hold-and-reengage"),
    /** Send nothing and say so on the ticket. */
    REFUSE("refuse");

    private final String configName;

    ReplyPolicy(String configName) {
        this.configName = configName;
    }

    /** The spelling used in configuration files. */
    public String configName() {
        return configName;
    }

    /** The policy spelled so in a configuration file. */
    public static Optional<ReplyPolicy> fromConfig(String name) {
        return Arrays.stream(values()).filter(p -> p.configName.equals(name.trim())).findFirst();
    }
}
