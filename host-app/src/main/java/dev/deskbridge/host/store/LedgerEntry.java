package dev.deskbridge.host.store;

import dev.deskbridge.connector.api.model.ConversationId;
import dev.deskbridge.connector.api.model.PhoneNumber;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Currency;
import java.util.Objects;
import java.util.Optional;

/**
 * One message's cost: what was quoted before sending and what was settled from the provider's
 * pricing data, with Meta's fee and the channel provider's fee kept apart.
 *
 * @param direction {@code OUT} for sends; {@code IN} when a channel bills received messages
 * @param month the UTC month ({@code 2026-10}) the message counts in
 * @param status {@code QUOTED}, {@code SETTLED} or {@code FAILED} (a failed message costs nothing)
 */
public record LedgerEntry(
        long id,
        long messageId,
        ConversationId conversationId,
        String direction,
        String channelId,
        String crmId,
        PhoneNumber business,
        PhoneNumber customer,
        Optional<String> providerMessageId,
        String month,
        Optional<String> market,
        Optional<String> category,
        Optional<String> pricingType,
        Optional<String> schedule,
        boolean billable,
        Currency currency,
        BigDecimal quotedMetaFee,
        BigDecimal quotedChannelFee,
        Optional<BigDecimal> settledMetaFee,
        Optional<BigDecimal> settledChannelFee,
        Optional<Boolean> providerBillable,
        Optional<String> providerCategory,
        Optional<String> providerType,
        String status,
        Instant quotedAt,
        Optional<Instant> settledAt) {
    public LedgerEntry {
        Objects.requireNonNull(conversationId, "conversationId");
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(channelId, "channelId");
        Objects.requireNonNull(crmId, "crmId");
        Objects.requireNonNull(business, "business");
        Objects.requireNonNull(customer, "customer");
        Objects.requireNonNull(providerMessageId, "providerMessageId");
        Objects.requireNonNull(month, "month");
        Objects.requireNonNull(market, "market");
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(pricingType, "pricingType");
        Objects.requireNonNull(schedule, "schedule");
        Objects.requireNonNull(currency, "currency");
        Objects.requireNonNull(quotedMetaFee, "quotedMetaFee");
        Objects.requireNonNull(quotedChannelFee, "quotedChannelFee");
        Objects.requireNonNull(settledMetaFee, "settledMetaFee");
        Objects.requireNonNull(settledChannelFee, "settledChannelFee");
        Objects.requireNonNull(providerBillable, "providerBillable");
        Objects.requireNonNull(providerCategory, "providerCategory");
        Objects.requireNonNull(providerType, "providerType");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(quotedAt, "quotedAt");
        Objects.requireNonNull(settledAt, "settledAt");
    }

    /** The quoted total: Meta's fee plus the channel's fee. */
    public BigDecimal quotedTotal() {
        return quotedMetaFee.add(quotedChannelFee);
    }

    /** The settled total, once settled. */
    public Optional<BigDecimal> settledTotal() {
        if (settledMetaFee.isEmpty() && settledChannelFee.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(settledMetaFee.orElse(BigDecimal.ZERO).add(settledChannelFee.orElse(BigDecimal.ZERO)));
    }
}
