package dev.deskbridge.host.pricing.simulation;

import dev.deskbridge.connector.api.model.PhoneNumber;
import dev.deskbridge.connector.api.pricing.PricingCategory;
import dev.deskbridge.connector.api.pricing.Quote;
import dev.deskbridge.connector.api.pricing.WindowState;
import dev.deskbridge.host.pricing.MonthlyUsage;
import dev.deskbridge.host.pricing.PricingException;
import dev.deskbridge.host.pricing.PricingRules;
import dev.deskbridge.host.pricing.QuoteRequest;
import dev.deskbridge.host.pricing.WhatsAppPricingRules;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Plays scenarios through the pricing rules the way the engine would: customer messages move the
 * window, each business message is quoted, allowed ones move the window, and the month's counters
 * count only delivered billed messages. Each scenario starts from an empty conversation and empty
 * counters.
 */
public final class Simulator {

    /** The business number used when a scenario names none. */
    public static final PhoneNumber DEFAULT_BUSINESS = PhoneNumber.of("+10000000000");

    private final PricingRules rules;
    private final String currency;

    public Simulator(WhatsAppPricingRules rules) {
        this.rules = Objects.requireNonNull(rules, "rules");
        this.currency = rules.card().currency().getCurrencyCode();
    }

    /** The results of every business message of every scenario, in file order. */
    public List<SimulatedResult> run(List<Scenario> scenarios) {
        List<SimulatedResult> out = new ArrayList<>();
        for (Scenario s : scenarios) {
            out.addAll(run(s));
        }
        return out;
    }

    /** The results of the scenario's business messages, in order. */
    public List<SimulatedResult> run(Scenario scenario) {
        Counters usage = new Counters();
        PhoneNumber business = scenario.business().map(PhoneNumber::of).orElse(DEFAULT_BUSINESS);
        PhoneNumber customer = parse(scenario.customer());
        WindowState window = WindowState.NONE;
        List<SimulatedResult> results = new ArrayList<>();
        for (ScenarioEvent event : scenario.events()) {
            if (event instanceof ScenarioEvent.Inbound) {
                ScenarioEvent.Inbound in = (ScenarioEvent.Inbound) event;
                window = rules.onCustomerMessage(window, in.at(), in.referral());
                continue;
            }
            ScenarioEvent.Outbound out = (ScenarioEvent.Outbound) event;
            Map<String, Object> fields = new LinkedHashMap<>();
            try {
                if (customer == null) {
                    throw new PricingException("invalid_number", "not an E.164 phone number: '" + scenario.customer() + "'");
                }
                Quote quote = rules.quote(new QuoteRequest(window, out.kind(), out.category(), out.at(), business, customer,
                        usage));
                fields.put("allowed", quote.allowed());
                if (!quote.allowed()) {
                    fields.put("reason", quote.refusal().orElseThrow());
                } else {
                    // Never delivered: never billed, and not counted toward tiers or the allowance.
                    boolean billed = quote.billable() && out.delivered();
                    fields.put("billable", billed);
                    fields.put("category", quote.category().orElseThrow().wireName());
                    fields.put("type", quote.type().orElseThrow().wireName());
                    fields.put("market", quote.market().orElseThrow());
                    fields.put("price", billed ? quote.price().amount().toPlainString() : "0");
                    fields.put("currency", currency);
                    fields.put("schedule", quote.schedule().orElseThrow());
                    if (billed) {
                        usage.countBilled(quote.market().get(), quote.category().get(), WhatsAppPricingRules.monthOf(out.at()));
                    } else if (out.delivered() && rules.usesFreeServiceAllowance(quote)) {
                        usage.countFreeService(business, WhatsAppPricingRules.monthOf(out.at()));
                    }
                    window = rules.onBusinessMessage(window, out.at());
                }
            } catch (PricingException e) {
                fields.clear();
                fields.put("error", e.code());
                fields.put("message", e.getMessage());
            }
            results.add(new SimulatedResult(scenario.id(), out.index(), fields));
        }
        return results;
    }

    private static PhoneNumber parse(String customer) {
        try {
            return PhoneNumber.of(customer);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** The simulator's own month counters. */
    private static final class Counters implements MonthlyUsage {
        private final Map<String, Long> billed = new HashMap<>();
        private final Map<String, Long> freeService = new HashMap<>();

        @Override
        public long billedCount(String market, PricingCategory category, YearMonth month) {
            return billed.getOrDefault(market + "/" + category + "/" + month, 0L);
        }

        @Override
        public long freeServiceCount(PhoneNumber business, YearMonth month) {
            return freeService.getOrDefault(business.e164() + "/" + month, 0L);
        }

        void countBilled(String market, PricingCategory category, YearMonth month) {
            billed.merge(market + "/" + category + "/" + month, 1L, Long::sum);
        }

        void countFreeService(PhoneNumber business, YearMonth month) {
            freeService.merge(business.e164() + "/" + month, 1L, Long::sum);
        }
    }
}
