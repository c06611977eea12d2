package dev.deskbridge.connector.api.model;

import dev.deskbridge.connector.api.pricing.Money;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The provider accepted a message.
 *
 * @param providerMessageId the provider's id; status updates refer to it
 * @param acceptedAt when the provider accepted it
 * @param channelFee the channel provider's own fee for this message (Twilio's), next to Meta's
 */
public record SendResult(String providerMessageId, Instant acceptedAt, Optional<Money> channelFee) {
    public SendResult {
        Objects.requireNonNull(providerMessageId, "providerMessageId");
        Objects.requireNonNull(acceptedAt, "acceptedAt");
        Objects.requireNonNull(channelFee, "channelFee");
    }

    public static SendResult of(String providerMessageId, Instant acceptedAt) {
        return new SendResult(providerMessageId, acceptedAt, Optional.<Money>empty());
    }
}
