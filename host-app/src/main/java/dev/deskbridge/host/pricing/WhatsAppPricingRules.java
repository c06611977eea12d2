package dev.deskbridge.host.pricing;

import dev.deskbridge.connector.api.pricing.Money;
import dev.deskbridge.connector.api.pricing.PricingCategory;
import dev.deskbridge.connector.api.pricing.PricingType;
import dev.deskbridge.connector.api.pricing.Quote;
import dev.deskbridge.connector.api.pricing.WindowState;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Objects;
import java.util.Optional;

/**
 * {@link PricingRules} for the WhatsApp Business Platform: the window rules of {@link WindowRules},
 * the decision tables of {@link PricingSchedules} chosen by the message's instant, and the prices of
 * a {@link RateCard}. Holds no mutable state apart from a cache of number regions; thread-safe.
 */
public final class WhatsAppPricingRules implements PricingRules {

    /** Why a quote refuses a message: a free-form message needs the customer service window. */
    public static final String WINDOW_CLOSED = "window_closed";

    private final PricingSchedules schedules;
    private final RateCard card;
    private final RecipientMarkets markets;
    private final long freeServiceAllowance;

    /**
     * @param freeServiceAllowance service messages per business number and month that are not billed
     *     where the schedule bills service messages
     */
    public WhatsAppPricingRules(PricingSchedules schedules, RateCard card, long freeServiceAllowance, int numberCacheSize) {
        this.schedules = Objects.requireNonNull(schedules, "schedules");
        this.card = Objects.requireNonNull(card, "card");
        if (freeServiceAllowance < 0) {
            throw new IllegalArgumentException("free service allowance must be 0 or more: " + freeServiceAllowance);
        }
        this.freeServiceAllowance = freeServiceAllowance;
        this.markets = new RecipientMarkets(card, numberCacheSize);
    }

    /** The standard schedules with that card and no free service allowance. */
    public WhatsAppPricingRules(RateCard card) {
        this(PricingSchedules.STANDARD, card, 0, RecipientMarkets.DEFAULT_CACHE_SIZE);
    }

    public RateCard card() {
        return card;
    }

    public PricingSchedules schedules() {
        return schedules;
    }

    public long freeServiceAllowance() {
        return freeServiceAllowance;
    }

    @Override
    public WindowState onCustomerMessage(WindowState current, Instant sentAt, boolean referral) {
        return WindowRules.onCustomerMessage(current, sentAt, referral);
    }

    @Override
    public WindowState onBusinessMessage(WindowState current, Instant sentAt) {
        return WindowRules.onBusinessMessage(current, sentAt);
    }

    @Override
    public Quote quote(QuoteRequest request) {
        Instant at = request.at();
        PricingSchedule schedule = schedules.at(at);
        WindowState window = request.window();
        // A customer who wrote from the number proved it reaches WhatsApp: it is answered, whatever
        // libphonenumber's ranges say. A number no customer wrote from (typed in a CRM) must be valid.
        String market = markets.marketOf(request.customer(), window.firstCustomerMessageAt().isPresent());
        if (!WindowRules.maySend(window, request.kind(), at)) {
            return Quote.refused(WINDOW_CLOSED, card.zero());
        }
        Outcome outcome = schedule.table().outcome(
                MessageClass.of(request.kind(), request.category()), WindowRules.decidingWindow(window, at));
        if (!outcome.allowed()) {
            return Quote.refused(WINDOW_CLOSED, card.zero());
        }
        if (!outcome.billable()) {
            return Quote.allowed(false, outcome.category(), outcome.type(), market, card.zero(), schedule.id());
        }
        PricingCategory category = outcome.category();
        YearMonth month = monthOf(at);
        if (category == PricingCategory.SERVICE && freeServiceAllowance > 0
                && request.usage().freeServiceCount(request.business(), month) < freeServiceAllowance) {
            return Quote.allowed(false, category, PricingType.FREE_CUSTOMER_SERVICE, market, card.zero(), schedule.id());
        }
        long nth = request.usage().billedCount(market, category, month) + 1;
        Money price = rate(market, category, at, nth);
        if (price == null) {
            throw new PricingException("no_rate", "the rate card has no " + category.wireName() + " rate for market "
                    + market + " at " + at + " (its rows start " + card.firstEffectiveDate() + ")");
        }
        return Quote.allowed(true, category, outcome.type(), market, price, schedule.id());
    }

    @Override
    public Optional<Money> billedAs(String market, PricingCategory category, Instant at, long nth) {
        return Optional.ofNullable(rate(market, category, at, nth));
    }

    /** The card's rate, or null; RULES: a market without a service rate bills service at its utility rate. */
    private Money rate(String market, PricingCategory category, Instant at, long nth) {
        Money price = card.priceOrNull(market, category, at, nth);
        return price == null && category == PricingCategory.SERVICE
                ? card.priceOrNull(market, PricingCategory.UTILITY, at, nth) : price;
    }

    @Override
    public boolean usesFreeServiceAllowance(Quote quote) {
        if (!quote.allowed() || quote.billable() || quote.category().orElse(null) != PricingCategory.SERVICE
                || quote.type().orElse(null) != PricingType.FREE_CUSTOMER_SERVICE || quote.schedule().isEmpty()) {
            return false;
        }
        // A free service quote only draws on the allowance where its schedule bills service messages.
        Optional<PricingSchedule> schedule = schedules.byId(quote.schedule().get());
        return schedule.isPresent()
                && schedule.get().table().outcome(MessageClass.FREEFORM, OpenWindow.CUSTOMER_SERVICE).billable();
    }

    /** The market of a recipient, as a quote would find it. */
    public String marketOf(dev.deskbridge.connector.api.model.PhoneNumber customer) {
        return markets.marketOf(customer);
    }

    /** The UTC calendar month of an instant: tiers and allowances count per month. */
    public static YearMonth monthOf(Instant at) {
        LocalDate day = LocalDate.ofEpochDay(Math.floorDiv(at.getEpochSecond(), 86_400L));
        return YearMonth.of(day.getYear(), day.getMonth());
    }
}
