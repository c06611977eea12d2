package dev.deskbridge.host.pricing;

import java.net.URISyntaxException;
import java.nio.file.Path;

/** The golden rate card and scenarios of {@code golden/pricing/} (copied from the shared folder). */
public final class Golden {
    private Golden() {}

    public static Path file(String name) {
        try {
            return Path.of(Golden.class.getResource("/golden/pricing/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    public static RateCard card() {
        return RateCardLoader.load(file("markets.csv"), file("rates.csv"));
    }

    public static WhatsAppPricingRules rules() {
        return new WhatsAppPricingRules(card());
    }
}
