package dev.deskbridge.host.pricing;

import dev.deskbridge.connector.api.model.PhoneNumber;
import dev.deskbridge.connector.api.pricing.PricingCategory;
import java.time.YearMonth;

/** Fixed month counters for tests. */
record MonthlyUsageFixture(long billed, long freeService) implements MonthlyUsage {
    static final MonthlyUsageFixture EMPTY = new MonthlyUsageFixture(0, 0);

    @Override
    public long billedCount(String market, PricingCategory category, YearMonth month) {
        return billed;
    }

    @Override
    public long freeServiceCount(PhoneNumber business, YearMonth month) {
        return freeService;
    }
}
