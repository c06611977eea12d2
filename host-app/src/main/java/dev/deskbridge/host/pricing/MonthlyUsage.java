package dev.deskbridge.host.pricing;

import dev.deskbridge.connector.api.model.PhoneNumber;
import dev.deskbridge.connector.api.pricing.PricingCategory;
import java.time.YearMonth;

/** The month's counters the price of a message depends on. The engine answers from its ledger. */
public interface MonthlyUsage {

    /** How many billed messages of that market and category were sent in that UTC month so far. */
    long billedCount(String market, PricingCategory category, YearMonth month);

    /** How many service messages of that business number were counted as free allowance that month. */
    long freeServiceCount(PhoneNumber business, YearMonth month);
}
