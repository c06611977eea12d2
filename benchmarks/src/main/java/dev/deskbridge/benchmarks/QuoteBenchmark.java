package dev.deskbridge.benchmarks;

import com.google.i18n.phonenumbers.PhoneNumberUtil;
import dev.deskbridge.connector.api.model.PhoneNumber;
import dev.deskbridge.connector.api.pricing.OutboundKind;
import dev.deskbridge.connector.api.pricing.PricingCategory;
import dev.deskbridge.connector.api.pricing.Quote;
import dev.deskbridge.connector.api.pricing.TemplateCategory;
import dev.deskbridge.connector.api.pricing.WindowState;
import dev.deskbridge.host.pricing.MonthlyUsage;
import dev.deskbridge.host.pricing.PricingSchedules;
import dev.deskbridge.host.pricing.QuoteRequest;
import dev.deskbridge.host.pricing.RateCard;
import dev.deskbridge.host.pricing.RateCardLoader;
import dev.deskbridge.host.pricing.RecipientMarkets;
import dev.deskbridge.host.pricing.WhatsAppPricingRules;
import dev.deskbridge.host.pricing.WindowRules;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The quote decision the engine makes before every send: window check, schedule, market of the
 * recipient (libphonenumber) and tier price, with the rate card shipped with the host (all 47
 * markets). Recipients are one valid mobile number of every country libphonenumber knows, so
 * every market and the fallback are hit; windows, kinds and categories vary per call.
 *
 * <ul>
 *   <li>{@code quote}: the steady state, recipients' regions cached (conversations revisit the
 *       same customers);
 *   <li>{@code quoteFirstContact}: the number cache disabled, so every call parses the number:
 *       the cost of a recipient seen for the first time.
 * </ul>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
public class QuoteBenchmark {

    private static final int SIZE = 1024; // power of two: the index wraps with a mask
    private static final PhoneNumber BUSINESS = PhoneNumber.of("+15550100000");

    private WhatsAppPricingRules cached;
    private WhatsAppPricingRules uncached;
    private QuoteRequest[] requests;
    private int next;

    /** Counters as the engine's ledger would answer them: a lookup, here a few fixed values. */
    private static final class Usage implements MonthlyUsage {
        private final long billed;

        Usage(long billed) {
            this.billed = billed;
        }

        @Override
        public long billedCount(String market, PricingCategory category, YearMonth month) {
            return billed;
        }

        @Override
        public long freeServiceCount(dev.deskbridge.connector.api.model.PhoneNumber business, YearMonth month) {
            return billed;
        }
    }

    @Setup(Level.Trial)
    public void setUp() {
        RateCard card = RateCardLoader.defaultCard();
        cached = new WhatsAppPricingRules(PricingSchedules.STANDARD, card, 1000, RecipientMarkets.DEFAULT_CACHE_SIZE);
        uncached = new WhatsAppPricingRules(PricingSchedules.STANDARD, card, 1000, 0);

        PhoneNumberUtil util = PhoneNumberUtil.getInstance();
        List<PhoneNumber> customers = new ArrayList<>();
        for (String region : new TreeSet<>(util.getSupportedRegions())) {
            var example = util.getExampleNumberForType(region, PhoneNumberUtil.PhoneNumberType.MOBILE);
            if (example != null && util.isValidNumber(example)) {
                customers.add(PhoneNumber.of(util.format(example, PhoneNumberUtil.PhoneNumberFormat.E164)));
            }
        }

        Random random = new Random(42);
        Instant base = Instant.parse("2026-11-02T00:00:00Z");
        Usage[] usages = {new Usage(0), new Usage(3), new Usage(999), new Usage(250_000)};
        TemplateCategory[] categories = TemplateCategory.values();
        requests = new QuoteRequest[SIZE];
        for (int i = 0; i < SIZE; i++) {
            Instant at = base.plus(Duration.ofMinutes(random.nextInt(60 * 24 * 25)));
            WindowState window;
            switch (i % 4) {
                case 0: // no customer message yet
                    window = WindowState.NONE;
                    break;
                case 1: // customer wrote an hour ago
                    window = WindowRules.onCustomerMessage(WindowState.NONE, at.minus(Duration.ofHours(1)), false);
                    break;
                case 2: // entry point awaiting the first reply
                    window = WindowRules.onCustomerMessage(WindowState.NONE, at.minus(Duration.ofHours(2)), true);
                    break;
                default: // customer wrote two days ago
                    window = WindowRules.onCustomerMessage(WindowState.NONE, at.minus(Duration.ofDays(2)), false);
            }
            boolean template = i % 3 != 1 || !window.serviceWindowOpenAt(at);
            requests[i] = new QuoteRequest(window,
                    template ? OutboundKind.TEMPLATE : OutboundKind.FREEFORM,
                    template ? Optional.of(categories[random.nextInt(categories.length)]) : Optional.empty(),
                    at, BUSINESS, customers.get(random.nextInt(customers.size())), usages[random.nextInt(usages.length)]);
        }
        for (QuoteRequest r : requests) { // every request must price without an error
            cached.quote(r);
        }
    }

    @Benchmark
    public Quote quote() {
        return cached.quote(request());
    }

    @Benchmark
    public Quote quoteFirstContact() {
        return uncached.quote(request());
    }

    /** The engine builds a request per send: so does the benchmark. */
    private QuoteRequest request() {
        QuoteRequest r = requests[next++ & (SIZE - 1)];
        return new QuoteRequest(r.window(), r.kind(), r.category(), r.at(), r.business(), r.customer(), r.usage());
    }
}
