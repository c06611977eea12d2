package dev.deskbridge.host.pricing;

import dev.deskbridge.connector.api.config.Durations;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The pricing part of the host's configuration.
 *
 * @param markets {@code pricing.markets}: a file path or {@code classpath:...}; empty for the shipped card
 * @param rates {@code pricing.rates}: a file path or {@code classpath:...}; empty for the shipped card
 * @param freeServiceAllowance {@code pricing.free-service-allowance}: service messages per business
 *     number and month that are not billed where a schedule bills service messages (default 0)
 * @param closingLead {@code pricing.closing-lead}: how long before the service window closes a
 *     conversation is labelled {@code CLOSING} (default 2 hours)
 * @param numberCacheSize {@code pricing.number-cache-size}: recipients whose region is remembered
 */
public record PricingSettings(Optional<String> markets, Optional<String> rates, int freeServiceAllowance,
        Duration closingLead, int numberCacheSize) {

    public static final String MARKETS_KEY = "pricing.markets";
    public static final String RATES_KEY = "pricing.rates";
    public static final String FREE_SERVICE_ALLOWANCE_KEY = "pricing.free-service-allowance";
    public static final String CLOSING_LEAD_KEY = "pricing.closing-lead";
    public static final String NUMBER_CACHE_SIZE_KEY = "pricing.number-cache-size";

    /** The shipped rate card, no free service allowance, a 2-hour closing warning. */
    public static final PricingSettings DEFAULTS = new PricingSettings(Optional.empty(), Optional.empty(), 0,
            Duration.ofHours(2), RecipientMarkets.DEFAULT_CACHE_SIZE);

    public PricingSettings {
        Objects.requireNonNull(markets, "markets");
        Objects.requireNonNull(rates, "rates");
        Objects.requireNonNull(closingLead, "closingLead");
        if (markets.isPresent() != rates.isPresent()) {
            throw new IllegalArgumentException(MARKETS_KEY + " and " + RATES_KEY
                    + " go together: give both files of a rate card, or neither for the shipped one");
        }
        if (freeServiceAllowance < 0) {
            throw new IllegalArgumentException(FREE_SERVICE_ALLOWANCE_KEY + " must be 0 or more, got " + freeServiceAllowance);
        }
        if (closingLead.isNegative()) {
            throw new IllegalArgumentException(CLOSING_LEAD_KEY + " must not be negative, got " + closingLead);
        }
        if (numberCacheSize < 0) {
            throw new IllegalArgumentException(NUMBER_CACHE_SIZE_KEY + " must be 0 or more, got " + numberCacheSize);
        }
    }

    /**
     * Reads the {@code pricing.*} keys of a flat configuration; absent keys take the defaults.
     * Durations are ISO-8601 ({@code PT2H}) or a number with a unit ({@code 90m}, {@code 2h}).
     *
     * @throws IllegalArgumentException naming the key whose value is wrong
     */
    public static PricingSettings fromConfig(Map<String, ?> config) {
        Objects.requireNonNull(config, "config");
        return new PricingSettings(
                text(config, MARKETS_KEY),
                text(config, RATES_KEY),
                text(config, FREE_SERVICE_ALLOWANCE_KEY).map(v -> integer(FREE_SERVICE_ALLOWANCE_KEY, v))
                        .orElse(DEFAULTS.freeServiceAllowance()),
                text(config, CLOSING_LEAD_KEY).map(v -> duration(CLOSING_LEAD_KEY, v)).orElse(DEFAULTS.closingLead()),
                text(config, NUMBER_CACHE_SIZE_KEY).map(v -> integer(NUMBER_CACHE_SIZE_KEY, v))
                        .orElse(DEFAULTS.numberCacheSize()));
    }

    /** The same settings with another free service allowance. */
    public PricingSettings withFreeServiceAllowance(int allowance) {
        return new PricingSettings(markets, rates, allowance, closingLead, numberCacheSize);
    }

    private static Optional<String> text(Map<String, ?> config, String key) {
        Object v = config.get(key);
        return v == null || v.toString().isBlank() ? Optional.empty() : Optional.of(v.toString().trim());
    }

    private static int integer(String key, String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a whole number, got '" + value + "'");
        }
    }

    private static Duration duration(String key, String value) {
        try {
            return Durations.parse(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(key + " must be a duration such as 2h, 90m or PT2H, got '" + value + "'");
        }
    }
}
