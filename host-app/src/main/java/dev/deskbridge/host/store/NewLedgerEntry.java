package dev.deskbridge.host.store;

import dev.deskbridge.connector.api.model.ConversationId;
import dev.deskbridge.connector.api.model.PhoneNumber;
import dev.deskbridge.connector.api.pricing.Money;
import dev.deskbridge.connector.api.pricing.Quote;
import java.time.Instant;
import java.util.Objects;

/** A quote to put in the ledger before a message is sent (or when a billed message is received). */
public record NewLedgerEntry(long messageId, ConversationId conversationId, String direction, String channelId,
        String crmId, PhoneNumber business, PhoneNumber customer, Quote quote, Money channelFee, Instant at) {
    public NewLedgerEntry {
        Objects.requireNonNull(conversationId, "conversationId");
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(channelId, "channelId");
        Objects.requireNonNull(crmId, "crmId");
        Objects.requireNonNull(business, "business");
        Objects.requireNonNull(customer, "customer");
        Objects.requireNonNull(quote, "quote");
        Objects.requireNonNull(channelFee, "channelFee");
        Objects.requireNonNull(at, "at");
        if (!quote.price().currency().equals(channelFee.currency()) && !channelFee.isZero()) {
            throw new IllegalArgumentException("the channel fee must be in the quote's currency: "
                    + channelFee + " vs " + quote.price());
        }
    }
}
