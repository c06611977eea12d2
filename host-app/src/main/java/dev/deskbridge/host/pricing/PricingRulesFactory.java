package dev.deskbridge.host.pricing;

import java.util.Map;

/** Builds the host's {@link PricingRules} from its configuration. */
public final class PricingRulesFactory {

    private PricingRulesFactory() {}

    /**
     * Loads the configured rate card (or the shipped one) and builds the rules.
     *
     * @throws RateCardException when a rate-card file is refused, naming file, line and reason
     */
    public static WhatsAppPricingRules create(PricingSettings settings) {
        RateCard card = settings.markets().isPresent()
                ? RateCardLoader.load(RateCardLoader.Source.of(settings.markets().get()),
                        RateCardLoader.Source.of(settings.rates().orElseThrow()))
                : RateCardLoader.defaultCard();
        return new WhatsAppPricingRules(PricingSchedules.STANDARD, card, settings.freeServiceAllowance(),
                settings.numberCacheSize());
    }

    /** {@link #create(PricingSettings)} from the flat {@code pricing.*} configuration keys. */
    public static WhatsAppPricingRules create(Map<String, ?> config) {
        return create(PricingSettings.fromConfig(config));
    }
}
