package dev.deskbridge.host.pricing;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber;
import dev.deskbridge.connector.api.model.PhoneNumber;
import java.util.Objects;
import java.util.Set;

/**
 * The rate-card market of a recipient: libphonenumber's region of a valid number, mapped through
 * the card. Parsing a number is the costly step of a quote, so regions are cached per number in a
 * bounded Caffeine cache (conversations revisit the same customers).
 *
 * <p>A number libphonenumber does not know as valid is refused, unless it reached the business (a
 * customer wrote from it): such a number is real whatever libphonenumber's ranges say, and Meta
 * bills by the country calling code, so it takes the main region of its longest matching calling
 * code ({@code +447700900123}: 44, GB).
 */
public final class RecipientMarkets {

    /** Default number of recipients whose region is remembered. */
    public static final int DEFAULT_CACHE_SIZE = 100_000;
    /** Cached for a number that is not valid; followed by its calling code's region, if it has one. */
    private static final char INVALID = '!';

    private final RateCard card;
    private final Cache<String, String> regionByNumber;
    private final PhoneNumberUtil util = PhoneNumberUtil.getInstance();
    private final Set<Integer> callingCodes = util.getSupportedCallingCodes();

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
        return marketOf(number, false);
    }

    /**
     * The market of the number.
     *
     * @param reachedBusiness a customer wrote from this number: it is answerable, so a number
     *     libphonenumber does not validate is placed by its calling code instead of refused
     * @throws PricingException {@code invalid_number} when the number is not valid and either did not
     *     reach the business or starts with no known calling code
     */
    public String marketOf(PhoneNumber number, boolean reachedBusiness) {
        return card.marketOfRegion(regionOf(number, reachedBusiness));
    }

    /**
     * libphonenumber's region code of the number ({@code 001} for non-geographic numbers).
     *
     * @throws PricingException {@code invalid_number} when the number is not valid
     */
    public String regionOf(PhoneNumber number) {
        return regionOf(number, false);
    }

    /** {@link #regionOf(PhoneNumber)}, falling back to the calling code's region as {@link #marketOf(PhoneNumber, boolean)} says. */
    public String regionOf(PhoneNumber number, boolean reachedBusiness) {
        String e164 = number.e164();
        String region = regionByNumber.get(e164, this::parseRegion);
        if (region.isEmpty() || region.charAt(0) != INVALID) {
            return region;
        }
        if (reachedBusiness && region.length() > 1) {
            return region.substring(1);
        }
        throw new PricingException("invalid_number", "not a valid phone number: " + e164
                + (region.length() > 1 ? " (no number of its country has this length or these digits)"
                        : " (it starts with no country calling code)"));
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
            if (region != null && util.isValidNumberForRegion(parsed, region)) {
                return region;
            }
        } catch (NumberParseException e) {
            // Too short or too long for libphonenumber: the calling code may still place it.
        }
        return INVALID + callingCodeRegion(e164);
    }

    /**
     * The main region of the longest calling code the number starts with ({@code 001} for
     * non-geographic codes), or empty when none matches. Calling codes are one to three digits.
     */
    private String callingCodeRegion(String e164) {
        for (int digits = Math.min(3, e164.length() - 2); digits >= 1; digits--) {
            int code = Integer.parseInt(e164.substring(1, 1 + digits));
            if (callingCodes.contains(code)) {
                return util.getRegionCodeForCountryCode(code);
            }
        }
        return "";
    }
}
