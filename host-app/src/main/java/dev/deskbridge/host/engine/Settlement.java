package dev.deskbridge.host.engine;

import dev.deskbridge.connector.api.model.DeliveryStatus;
import dev.deskbridge.connector.api.model.DeliveryUpdate;
import dev.deskbridge.connector.api.model.ProviderPricing;
import dev.deskbridge.connector.api.pricing.Money;
import dev.deskbridge.connector.api.pricing.PricingCategory;
import dev.deskbridge.host.costs.ConnectionUsage;
import dev.deskbridge.host.logging.LogSafe;
import dev.deskbridge.host.pricing.PricingException;
import dev.deskbridge.host.store.LedgerEntry;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.YearMonth;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A sent message's cost settled from what its provider reports in a delivery status. */
final class Settlement {
    private static final Logger LOG = LoggerFactory.getLogger(Settlement.class);

    private final EngineContext ctx;

    Settlement(EngineContext ctx) {
        this.ctx = ctx;
    }

    /**
     * Settles from the provider's data: Meta's pricing data decides Meta's fee (billed or not, and
     * under which category), a reported price the channel's.
     *
     * @return the entry as it is now
     */
    LedgerEntry settle(Connection c, LedgerEntry entry, DeliveryUpdate u, Instant now) throws SQLException {
        if (entry.status().equals("FAILED")) {
            return entry;
        }
        if (u.status() == DeliveryStatus.FAILED) {
            return ctx.ledger().fail(c, entry.messageId(), now).orElseThrow();
        }
        boolean final_ = u.status() == DeliveryStatus.DELIVERED || u.status() == DeliveryStatus.READ;
        if (u.pricing().isEmpty() && u.providerPrice().isEmpty() && !final_) {
            return entry;
        }
        BigDecimal meta = u.pricing().isEmpty() ? entry.settledMetaFee().orElse(entry.quotedMetaFee())
                : u.pricing().get().billable() ? billedFee(c, entry, u.pricing().get(), u) : BigDecimal.ZERO;
        BigDecimal channel = u.providerPrice().map(p -> p.amount().abs())
                .orElse(entry.settledChannelFee().orElse(entry.quotedChannelFee()));
        boolean firstSettlement = entry.status().equals("QUOTED");
        LedgerEntry settled = ctx.ledger().settle(c, entry, meta, channel, u.pricing(), now);
        if (firstSettlement) {
            ctx.metrics().spend("settled", new Money(meta.add(channel), entry.currency()));
        }
        return settled;
    }

    /**
     * Meta's fee for a message its pricing data says it bills: the quote's, unless Meta bills it under
     * another category than the quote's, or bills one quoted free (the provider's data settles, not the
     * quote); then the rate of Meta's category in the quote's market, at the quote's time. Kept at the
     * quote, with a warning, when the rules have no such rate or Meta names a category they do not know.
     */
    private BigDecimal billedFee(Connection c, LedgerEntry entry, ProviderPricing pricing, DeliveryUpdate u)
            throws SQLException {
        boolean sameCategory = entry.category().filter(q -> q.equalsIgnoreCase(pricing.category().trim())).isPresent();
        if (entry.billable() && sameCategory) {
            return entry.quotedMetaFee();
        }
        Optional<Money> billed = Optional.empty();
        try {
            PricingCategory category = PricingCategory.fromWire(pricing.category());
            if (entry.market().isPresent()) {
                long nth = new ConnectionUsage(c).billedCount(entry.market().get(), category,
                        YearMonth.parse(entry.month())) + 1;
                billed = ctx.pricing().billedAs(entry.market().get(), category, entry.quotedAt(), nth)
                        .filter(price -> price.currency().equals(entry.currency()));
            }
        } catch (IllegalArgumentException | PricingException e) {
            // an unknown category name, or no rate: kept at the quote, said below
        }
        if (billed.isEmpty()) {
            LOG.warn("provider bills message {} as {} ({}); no rate for it, kept at the quoted price, see "
                    + "provider_category in the ledger", u.providerMessageId(), LogSafe.text(pricing.category()),
                    entry.billable() ? "quoted as " + entry.category().orElse("?") : "quoted free");
            return entry.quotedMetaFee();
        }
        return billed.get().amount();
    }
}
