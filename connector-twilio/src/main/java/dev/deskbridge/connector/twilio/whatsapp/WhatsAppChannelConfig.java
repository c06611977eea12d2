package dev.deskbridge.connector.twilio.whatsapp;

import dev.deskbridge.connector.api.model.PhoneNumber;
import dev.deskbridge.connector.api.pricing.Money;
import java.util.Objects;

/**
 * What a Twilio WhatsApp channel instance is configured with, beyond the account.
 *
 * @param sender the WhatsApp sender number at Twilio
 * @param statusCallbackUrl where Twilio posts status callbacks
 * @param feePerMessage Twilio's own fee per message, in both directions
 * @param fetchPrice whether to read a missing price from the message resource
 */
public record WhatsAppChannelConfig(PhoneNumber sender, String statusCallbackUrl, Money feePerMessage,
        boolean fetchPrice) {
    public WhatsAppChannelConfig {
        Objects.requireNonNull(sender, "sender");
        Objects.requireNonNull(statusCallbackUrl, "statusCallbackUrl");
        Objects.requireNonNull(feePerMessage, "feePerMessage");
    }
}
