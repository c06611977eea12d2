package dev.deskbridge.host.pricing;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber;
import dev.deskbridge.connector.api.model.PhoneNumber;
import java.util.Objects;

/**
 * The rate-card market of a recipient: libphonenumber's region of a valid number, mapped through
 * the card. Parsing a number is the costly step of a quote, so regions are cached per number in a
 * bounded Caffeine cache (conversations revisit the same customers).
 */
public final class RecipientMarkets {

    /** Default number of recipients whose region is remembered. */
    public static final int DEFAULT_CACHE_SIZE = 100_000;
    private static final String INVALID = "";

    private final RateCard card;
    private final Cache<String, String> regionByNumber;
    private final PhoneNumberUtil util = PhoneNumberUtil.getInstance();

    public RecipientMarkets(RateCard card, int cacheSize) {
        this.card = Objects.requireNonNull(card, "card");
        if (cacheSize < 0) {
            throw new IllegalArgumentException("cache size must not be negative: " + cacheSize);
        }
        this.regionByNumber = Caffeine.newBuilder().maximumSize(cacheSize).build();
    }

    /**
     * The market of the number.
     *
     * @throws PricingException {@code invalid_number} when libphonenumber does not know it as valid
     */
    public String marketOf(PhoneNumber number) {
        return card.marketOfRegion(regionOf(number));
    }

    /**
     * libphonenumber's region code of the number ({@code 001} for non-geographic numbers).
     *
     * @throws PricingException {@code invalid_number} when the number is not valid
     */
    public String regionOf(PhoneNumber number) {
        String e164 = number.e164();
        String region = regionByNumber.get(e164, this::parseRegion);
        if (region.equals(INVALID)) {
            throw new PricingException("invalid_number",
                    "not a valid phone number: " + e164 + " (no country's numbering plan has it)");
        }
        return region;
    }

    /** How many numbers' regions are remembered now (after pending evictions). */
    long rememberedNumbers() {
        regionByNumber.cleanUp();
        return regionByNumber.estimatedSize();
    }

    private String parseRegion(String e164) {
        try {
            Phonenumber.PhoneNumber parsed = util.parse(e164, null);
            // isValidNumber(n) is exactly isValidNumberForRegion(n, getRegionCodeForNumber(n)): asking
            // both would search the calling code's regions twice, the costliest step of a first quote.
            String region = util.getRegionCodeForNumber(parsed);
            return region != null && util.isValidNumberForRegion(parsed, region) ? region : INVALID;
        } catch (NumberParseException e) {
            return INVALID;
        }
    }
}
