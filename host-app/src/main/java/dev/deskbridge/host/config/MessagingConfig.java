package dev.deskbridge.host.config;

import dev.deskbridge.connector.api.config.Secret;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code messaging:} section: messages the business starts (notifications, campaigns).
 *
 * @param sendToken the bearer token that may send through {@code POST /api/messages} and nothing else
 * @param campaignRate the messages per second a campaign is paced to (the channel's throughput)
 */
public record MessagingConfig(Optional<Secret> sendToken, int campaignRate) {
    /** The pace of a campaign when none is configured: Meta's default throughput per business number. */
    public static final int DEFAULT_CAMPAIGN_RATE = 80;

    public MessagingConfig {
        Objects.requireNonNull(sendToken, "sendToken");
        if (campaignRate < 1) {
            throw new IllegalArgumentException("campaignRate must be positive");
        }
    }

    public static MessagingConfig defaults() {
        return new MessagingConfig(Optional.empty(), DEFAULT_CAMPAIGN_RATE);
    }

    @Override
    public String toString() {
        return "MessagingConfig[sendToken=" + sendToken.map(t -> "****").orElse("none") + ", campaignRate="
                + campaignRate + "]";
    }
}
