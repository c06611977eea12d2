package dev.deskbridge.host.pricing;

import dev.deskbridge.host.config.PricingConfig;

/** Builds the host's {@link PricingRules} from the {@code pricing:} section of its configuration. */
public final class PricingRulesFactory {

    private PricingRulesFactory() {}

    /**
     * Loads the configured rate card ({@code pricing.markets} and {@code pricing.rates}), or the one
     * shipped with the host when they are absent, and builds the rules with the standard schedules.
     *
     * @throws RateCardException when a rate-card file is refused, naming file, line and reason
     */
    public static WhatsAppPricingRules create(PricingConfig config) {
        RateCard card = config.markets().isPresent()
                ? RateCardLoader.load(config.markets().get(), config.rates().orElseThrow())
                : RateCardLoader.defaultCard();
        return new WhatsAppPricingRules(PricingSchedules.STANDARD, card, config.freeServiceAllowance(),
                RecipientMarkets.DEFAULT_CACHE_SIZE);
    }
}
