package dev.deskbridge.host.pricing;

import dev.deskbridge.connector.api.pricing.Money;
import dev.deskbridge.connector.api.pricing.PricingCategory;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Currency;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A loaded rate card: which market each country belongs to, and per market and category the
 * prices by effective date and volume tier, in one currency. Immutable and thread-safe; every
 * lookup is precomputed into arrays so pricing a message parses nothing. Load one with
 * {@link RateCardLoader}.
 */
public final class RateCard {

    /** The prices of one market and category over time: effective dates, each with its volume tiers. */
    static final class CategoryRates {
        private final long[] effectiveFromSeconds; // ascending
        private final long[][] tierFrom;           // per effective date, ascending, starts at 1
        private final Money[][] prices;            // parallel to tierFrom

        CategoryRates(long[] effectiveFromSeconds, long[][] tierFrom, Money[][] prices) {
            this.effectiveFromSeconds = effectiveFromSeconds;
            this.tierFrom = tierFrom;
            this.prices = prices;
        }

        /** The price of the {@code nth} billed message of the month at {@code epochSecond}, or null before the first date. */
        Money price(long epochSecond, long nth) {
            int version = -1;
            for (int i = effectiveFromSeconds.length - 1; i >= 0; i--) {
                if (effectiveFromSeconds[i] <= epochSecond) {
                    version = i;
                    break;
                }
            }
            if (version < 0) {
                return null;
            }
            long[] tiers = tierFrom[version];
            for (int t = tiers.length - 1; t >= 0; t--) {
                if (tiers[t] <= nth) {
                    return prices[version][t];
                }
            }
            return null; // unreachable: every version has a tier from 1 and nth >= 1
        }
    }

    private final Currency currency;
    private final Money zero;
    private final Map<String, String> marketByCountry;
    private final String fallbackMarket;
    private final Map<String, EnumMap<PricingCategory, CategoryRates>> rates;
    private final LocalDate firstEffectiveDate;

    RateCard(Currency currency, Map<String, String> marketByCountry, String fallbackMarket,
            Map<String, EnumMap<PricingCategory, CategoryRates>> rates, LocalDate firstEffectiveDate) {
        this.currency = Objects.requireNonNull(currency, "currency");
        this.zero = Money.zero(currency);
        this.marketByCountry = Map.copyOf(marketByCountry);
        this.fallbackMarket = Objects.requireNonNull(fallbackMarket, "fallbackMarket");
        this.rates = Map.copyOf(rates);
        this.firstEffectiveDate = Objects.requireNonNull(firstEffectiveDate, "firstEffectiveDate");
    }

    /** The card's one currency. */
    public Currency currency() {
        return currency;
    }

    /** Zero in the card's currency: the price of anything free. */
    public Money zero() {
        return zero;
    }

    /** Every market of the card. */
    public Set<String> markets() {
        return rates.keySet();
    }

    /** Countries listed explicitly (ISO 3166 alpha-2) and their markets; other countries use {@link #fallbackMarket()}. */
    public Map<String, String> marketByCountry() {
        return marketByCountry;
    }

    /** The market of every country not listed: the {@code *} row. */
    public String fallbackMarket() {
        return fallbackMarket;
    }

    /** The earliest {@code effective_from} of any row. */
    public LocalDate firstEffectiveDate() {
        return firstEffectiveDate;
    }

    /** The market of a libphonenumber region code ({@code US}, {@code DE}; {@code 001} for non-geographic numbers). */
    public String marketOfRegion(String regionCode) {
        String market = marketByCountry.get(regionCode);
        return market != null ? market : fallbackMarket;
    }

    /**
     * The price of the {@code nth} billed message (1-based) of that market and category in its
     * month, at the rates effective at {@code at}; empty when the card has no such rate then.
     */
    public Optional<Money> price(String market, PricingCategory category, Instant at, long nth) {
        return Optional.ofNullable(priceOrNull(market, category, at, nth));
    }

    /** {@link #price} without the Optional, for the quote path. */
    Money priceOrNull(String market, PricingCategory category, Instant at, long nth) {
        if (nth < 1) {
            throw new IllegalArgumentException("the nth message of a month starts at 1, got " + nth);
        }
        EnumMap<PricingCategory, CategoryRates> byCategory = rates.get(market);
        if (byCategory == null) {
            return null;
        }
        CategoryRates r = byCategory.get(category);
        return r == null ? null : r.price(at.getEpochSecond(), nth);
    }
}
