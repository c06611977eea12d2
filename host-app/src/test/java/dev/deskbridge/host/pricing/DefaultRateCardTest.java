package dev.deskbridge.host.pricing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.deskbridge.connector.api.model.PhoneNumber;
import dev.deskbridge.connector.api.pricing.Money;
import dev.deskbridge.connector.api.pricing.OutboundKind;
import dev.deskbridge.connector.api.pricing.PricingCategory;
import dev.deskbridge.connector.api.pricing.Quote;
import dev.deskbridge.connector.api.pricing.TemplateCategory;
import dev.deskbridge.connector.api.pricing.WindowState;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The rate card shipped in the host's resources loads and prices known numbers. */
class DefaultRateCardTest {

    private static final RateCard CARD = RateCardLoader.defaultCard();
    private static final WhatsAppPricingRules RULES = new WhatsAppPricingRules(CARD);
    private static final Instant NOV_2026 = Instant.parse("2026-11-10T12:00:00Z");

    @Test
    void hasEveryMarketOfMetasCardInUsd() {
        assertThat(CARD.currency().getCurrencyCode()).isEqualTo("USD");
        assertThat(CARD.markets()).hasSize(47).contains("NORTH_AMERICA", "REST_OF_AFRICA", "REST_OF_ASIA_PACIFIC",
                "REST_OF_CENTRAL_EASTERN_EUROPE", "REST_OF_LATIN_AMERICA", "REST_OF_MIDDLE_EAST",
                "REST_OF_WESTERN_EUROPE", "OTHER", "DE", "IN", "BR", "UA");
        assertThat(CARD.fallbackMarket()).isEqualTo("OTHER");
        assertThat(CARD.firstEffectiveDate()).hasToString("2026-10-01");
    }

    @Test
    void statesItsSourceAndEffectiveDate() throws IOException {
        for (String file : new String[] {"pricing/markets.csv", "pricing/rates.csv", "pricing/README.md"}) {
            try (InputStream in = getClass().getClassLoader().getResourceAsStream(file)) {
                String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                assertThat(text).as(file).contains("developers.facebook.com/docs/whatsapp/pricing").contains("2026-10-01");
            }
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(textBlock = """
            +12015550123,   MARKETING,      NORTH_AMERICA,         0.0250
            +14165550123,   UTILITY,        NORTH_AMERICA,         0.0034
            +4915123456789, MARKETING,      DE,                    0.1365
            +4915123456789, AUTHENTICATION, DE,                    0.0550
            +919812345678,  UTILITY,        IN,                    0.0014
            +5511987654321, MARKETING,      BR,                    0.0625
            +254712345678,  MARKETING,      REST_OF_AFRICA,        0.0225
            +61412345678,   UTILITY,        REST_OF_ASIA_PACIFIC,  0.0113
            +819012345678,  MARKETING,      REST_OF_ASIA_PACIFIC,  0.0842
            +380501234567,  UTILITY,        UA,                    0.0298
            +351912345678,  MARKETING,      REST_OF_WESTERN_EUROPE, 0.0592
            +5930991234567, UTILITY,        REST_OF_LATIN_AMERICA, 0.0113
            +821012345678,  MARKETING,      OTHER,                 0.0604
            +447911123456,  MARKETING,      GB,                    0.0635
            +441534712345,  UTILITY,        GB,                    0.0220
            +447624123456,  UTILITY,        GB,                    0.0220
            """)
    void pricesKnownNumbers(String number, TemplateCategory category, String market, String price) {
        Quote q = RULES.quote(new QuoteRequest(WindowState.NONE, OutboundKind.TEMPLATE, Optional.of(category), NOV_2026,
                PhoneNumber.of("+15550100000"), PhoneNumber.of(number), MonthlyUsageFixture.EMPTY));

        assertThat(q.billable()).isTrue();
        assertThat(q.market()).contains(market);
        assertThat(q.price()).isEqualTo(Money.of(price, "USD"));
    }

    @Test
    void serviceMessagesArePricedAtTheServiceRate() {
        assertThat(CARD.price("DE", PricingCategory.SERVICE, NOV_2026, 1)).contains(Money.of("0.0550", "USD"));
    }

    @Test
    void holdsNoPriceBeforeItsEffectiveDate() {
        assertThatThrownBy(() -> RULES.quote(new QuoteRequest(WindowState.NONE, OutboundKind.TEMPLATE,
                        Optional.of(TemplateCategory.MARKETING), Instant.parse("2026-09-30T23:59:59Z"),
                        PhoneNumber.of("+15550100000"), PhoneNumber.of("+12015550123"), MonthlyUsageFixture.EMPTY)))
                .isInstanceOf(PricingException.class)
                .hasMessageContaining("no marketing rate for market NORTH_AMERICA")
                .extracting(e -> ((PricingException) e).code()).isEqualTo("no_rate");
    }
}
