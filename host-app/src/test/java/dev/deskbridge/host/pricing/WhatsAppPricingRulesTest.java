package dev.deskbridge.host.pricing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.deskbridge.connector.api.model.PhoneNumber;
import dev.deskbridge.connector.api.pricing.Money;
import dev.deskbridge.connector.api.pricing.OutboundKind;
import dev.deskbridge.connector.api.pricing.PricingCategory;
import dev.deskbridge.connector.api.pricing.PricingType;
import dev.deskbridge.connector.api.pricing.Quote;
import dev.deskbridge.connector.api.pricing.TemplateCategory;
import dev.deskbridge.connector.api.pricing.WindowState;
import dev.deskbridge.host.config.PricingConfig;
import java.time.Instant;
import java.time.YearMonth;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class WhatsAppPricingRulesTest {

    private static final PhoneNumber BUSINESS = PhoneNumber.of("+15550100000");
    private static final PhoneNumber US = PhoneNumber.of("+12015550123");
    private static final PhoneNumber DE = PhoneNumber.of("+4915123456789");
    private static final Instant OCT_2026 = Instant.parse("2026-10-05T08:00:00Z");

    private static WhatsAppPricingRules rules(int allowance) {
        return new WhatsAppPricingRules(PricingSchedules.STANDARD, Golden.card(), allowance, 16);
    }

    private static QuoteRequest freeform(WindowState w, Instant at, PhoneNumber customer, MonthlyUsage usage) {
        return new QuoteRequest(w, OutboundKind.FREEFORM, Optional.empty(), at, BUSINESS, customer, usage);
    }

    private static QuoteRequest template(TemplateCategory c, Instant at, PhoneNumber customer, MonthlyUsage usage) {
        return new QuoteRequest(WindowState.NONE, OutboundKind.TEMPLATE, Optional.of(c), at, BUSINESS, customer, usage);
    }

    @Test
    void theFreeServiceAllowanceCoversServiceMessagesUntilUsedUp() {
        WhatsAppPricingRules rules = rules(2);
        WindowState w = rules.onCustomerMessage(WindowState.NONE, OCT_2026, false);

        Quote first = rules.quote(freeform(w, OCT_2026.plusSeconds(60), DE, new MonthlyUsageFixture(0, 0)));
        Quote second = rules.quote(freeform(w, OCT_2026.plusSeconds(60), DE, new MonthlyUsageFixture(0, 1)));
        Quote third = rules.quote(freeform(w, OCT_2026.plusSeconds(60), DE, new MonthlyUsageFixture(0, 2)));

        assertThat(first.billable()).isFalse();
        assertThat(first.type()).contains(PricingType.FREE_CUSTOMER_SERVICE);
        assertThat(first.category()).contains(PricingCategory.SERVICE);
        assertThat(first.price().isZero()).isTrue();
        assertThat(rules.usesFreeServiceAllowance(first)).isTrue();
        assertThat(rules.usesFreeServiceAllowance(second)).isTrue();
        assertThat(third.billable()).isTrue();
        assertThat(third.price()).isEqualTo(Money.of("0.0550", "USD"));
        assertThat(rules.usesFreeServiceAllowance(third)).isFalse();
    }

    @Test
    void theAllowanceDefaultsToZeroAndNeverTouchesOtherCategoriesOrTheOldSchedule() {
        WindowState w = rules(0).onCustomerMessage(WindowState.NONE, OCT_2026, false);
        assertThat(rules(0).quote(freeform(w, OCT_2026.plusSeconds(60), DE, MonthlyUsageFixture.EMPTY)).billable()).isTrue();

        WhatsAppPricingRules generous = rules(1000);
        Quote utility = generous.quote(template(TemplateCategory.UTILITY, OCT_2026, DE, MonthlyUsageFixture.EMPTY));
        assertThat(utility.billable()).isTrue();
        Instant sep2025 = Instant.parse("2025-09-01T10:00:00Z");
        Quote oldFree = generous.quote(freeform(generous.onCustomerMessage(WindowState.NONE, sep2025, false),
                sep2025.plusSeconds(60), US, MonthlyUsageFixture.EMPTY));
        assertThat(oldFree.billable()).isFalse();
        assertThat(generous.usesFreeServiceAllowance(oldFree)).isFalse(); // free by the schedule, not the allowance
    }

    @Test
    void theAllowanceIsCountedPerBusinessNumberAndMonth() {
        WhatsAppPricingRules rules = rules(1);
        PhoneNumber other = PhoneNumber.of("+15550100001");
        MonthlyUsage usage = new MonthlyUsage() {
            @Override
            public long billedCount(String market, PricingCategory category, YearMonth month) {
                return 0;
            }

            @Override
            public long freeServiceCount(PhoneNumber business, YearMonth month) {
                return business.equals(BUSINESS) && month.equals(YearMonth.of(2026, 10)) ? 1 : 0;
            }
        };
        WindowState w = rules.onCustomerMessage(WindowState.NONE, OCT_2026, false);

        assertThat(rules.quote(freeform(w, OCT_2026.plusSeconds(1), DE, usage)).billable()).isTrue();
        assertThat(rules.quote(new QuoteRequest(w, OutboundKind.FREEFORM, Optional.empty(), OCT_2026.plusSeconds(1), other,
                DE, usage)).billable()).isFalse();
    }

    @Test
    void tiersFollowTheCallersCountOfBilledMessages() {
        WhatsAppPricingRules rules = rules(0);
        Instant sep = Instant.parse("2025-09-10T10:00:00Z");

        assertThat(rules.quote(template(TemplateCategory.UTILITY, sep, US, new MonthlyUsageFixture(2, 0))).price())
                .isEqualTo(Money.of("0.0040", "USD"));
        assertThat(rules.quote(template(TemplateCategory.UTILITY, sep, US, new MonthlyUsageFixture(3, 0))).price())
                .isEqualTo(Money.of("0.0030", "USD"));
    }

    @Test
    void aFreeFormMessageOutsideTheServiceWindowIsRefused() {
        Quote q = rules(0).quote(freeform(WindowState.NONE, OCT_2026, US, MonthlyUsageFixture.EMPTY));

        assertThat(q.allowed()).isFalse();
        assertThat(q.refusal()).contains("window_closed");
        assertThat(q.price()).isEqualTo(Money.zero("USD"));
    }

    @Test
    void anInvalidNumberIsAnErrorEveryTimeEvenWhenCached() {
        WhatsAppPricingRules rules = rules(0);
        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> rules.quote(template(TemplateCategory.MARKETING, OCT_2026, PhoneNumber.of("+12"),
                            MonthlyUsageFixture.EMPTY)))
                    .isInstanceOf(PricingException.class)
                    .hasMessageContaining("+12")
                    .extracting(e -> ((PricingException) e).code()).isEqualTo("invalid_number");
        }
        assertThatThrownBy(() -> rules.marketOf(PhoneNumber.of("+1201555012"))) // one digit short
                .extracting(e -> ((PricingException) e).code()).isEqualTo("invalid_number");
    }

    @Test
    void aNumberACustomerWroteFromIsPricedByItsCallingCodeWhenLibphonenumberCannotValidateIt() {
        WhatsAppPricingRules rules = rules(0);
        WindowState wrote = rules.onCustomerMessage(WindowState.NONE, OCT_2026, false);
        // Outside libphonenumber's ranges: a UK drama number, US area code 000, German 0 after the code.
        PhoneNumber uk = PhoneNumber.of("+447700900123");
        PhoneNumber us = PhoneNumber.of("+10005550123");
        PhoneNumber de = PhoneNumber.of("+4901234");
        RecipientMarkets markets = new RecipientMarkets(Golden.card(), 16);
        for (PhoneNumber n : new PhoneNumber[] {uk, us, de}) {
            assertThatThrownBy(() -> markets.regionOf(n)).as(n + " is not valid to libphonenumber")
                    .extracting(e -> ((PricingException) e).code()).isEqualTo("invalid_number");
        }

        assertThat(markets.regionOf(uk, true)).isEqualTo("GB");
        assertThat(markets.regionOf(PhoneNumber.of("+80012345"), true)).isEqualTo("001");
        assertThatThrownBy(() -> rules.quote(template(TemplateCategory.MARKETING, OCT_2026, us,
                MonthlyUsageFixture.EMPTY))).as("no customer wrote: refused").isInstanceOf(PricingException.class);
        assertThat(rules.quote(new QuoteRequest(wrote, OutboundKind.TEMPLATE, Optional.of(TemplateCategory.MARKETING),
                OCT_2026.plus(java.time.Duration.ofDays(2)), BUSINESS, us, MonthlyUsageFixture.EMPTY)).market())
                .contains("NORTH_AMERICA");
        Quote reply = rules.quote(freeform(wrote, OCT_2026.plusSeconds(60), de, MonthlyUsageFixture.EMPTY));
        assertThat(reply.allowed()).isTrue();
        assertThat(reply.market()).contains("DE");
        assertThat(rules.quote(freeform(wrote, OCT_2026.plusSeconds(60), uk, MonthlyUsageFixture.EMPTY)).market())
                .contains("OTHER"); // the golden card maps no GB
    }

    @Test
    void aNumberWithNoCallingCodeIsRefusedEvenWhenACustomerWroteFromIt() {
        WindowState wrote = WindowRules.onCustomerMessage(WindowState.NONE, OCT_2026, false);
        // +28 and +289 are unassigned, so no calling code is a prefix of this number.
        assertThatThrownBy(() -> rules(0).quote(freeform(wrote, OCT_2026.plusSeconds(60), PhoneNumber.of("+2890123456"),
                MonthlyUsageFixture.EMPTY)))
                .isInstanceOf(PricingException.class).hasMessageContaining("no country calling code");
    }

    @Test
    void theNumberCacheIsBoundedAndAnswersTheSameAfterEvictions() {
        RecipientMarkets markets = new RecipientMarkets(Golden.card(), 2);
        PhoneNumber au = PhoneNumber.of("+61412345678");

        for (int round = 0; round < 3; round++) {
            assertThat(markets.marketOf(US)).isEqualTo("NORTH_AMERICA");
            assertThat(markets.marketOf(DE)).isEqualTo("DE");
            assertThat(markets.marketOf(au)).isEqualTo("AU");
            assertThat(markets.regionOf(PhoneNumber.of("+15062345678"))).isEqualTo("CA");
            assertThat(markets.rememberedNumbers()).isLessThanOrEqualTo(2);
        }
        RecipientMarkets none = new RecipientMarkets(Golden.card(), 0);
        assertThat(none.marketOf(US)).isEqualTo("NORTH_AMERICA");
        assertThat(none.rememberedNumbers()).isZero();
    }

    @Test
    void theFactoryBuildsFromThePricingSection() {
        WhatsAppPricingRules rules = PricingRulesFactory.create(new PricingConfig(
                Optional.of(Golden.file("markets.csv")), Optional.of(Golden.file("rates.csv")), 5));

        assertThat(rules.freeServiceAllowance()).isEqualTo(5);
        assertThat(rules.card().markets()).contains("AU", "REST_OF_AFRICA");
        WhatsAppPricingRules shipped = PricingRulesFactory.create(new PricingConfig(Optional.empty(), Optional.empty(), 0));
        assertThat(shipped.card().markets()).hasSize(47);
        assertThat(shipped.freeServiceAllowance()).isZero();
    }

    @Test
    void statusIsAnsweredThroughTheRulesInterface() {
        PricingRules rules = rules(0);
        WindowState w = rules.onCustomerMessage(WindowState.NONE, OCT_2026, false);

        assertThat(rules.status(w, OCT_2026.plusSeconds(3600), java.time.Duration.ofHours(2), Money.zero("USD")).phase())
                .isEqualTo(dev.deskbridge.connector.api.pricing.WindowPhase.OPEN);
    }
}
