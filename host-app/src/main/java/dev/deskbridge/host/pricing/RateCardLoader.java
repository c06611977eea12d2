package dev.deskbridge.host.pricing;

import com.google.i18n.phonenumbers.PhoneNumberUtil;
import dev.deskbridge.connector.api.pricing.Money;
import dev.deskbridge.connector.api.pricing.PricingCategory;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Currency;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Reads a rate card from {@code markets.csv} ({@code country,market}) and {@code rates.csv}
 * ({@code market,category,tier_from,price,currency,effective_from}), as described in RULES.md, and
 * refuses a bad file with its name, line and reason. Lines starting with {@code #} are comments.
 */
public final class RateCardLoader {

    /** Where the rate card shipped with the host lives on the classpath. */
    public static final String DEFAULT_MARKETS = "pricing/markets.csv";
    public static final String DEFAULT_RATES = "pricing/rates.csv";
    /** Prefix of a config value naming a classpath resource instead of a file. */
    public static final String CLASSPATH_PREFIX = "classpath:";

    static final List<String> MARKET_COLUMNS = List.of("country", "market");
    static final List<String> RATE_COLUMNS = List.of("market", "category", "tier_from", "price", "currency", "effective_from");

    private static final Set<PricingCategory> PRICED = Set.of(
            PricingCategory.MARKETING, PricingCategory.UTILITY, PricingCategory.AUTHENTICATION, PricingCategory.SERVICE);
    private static final Pattern MARKET_ID = Pattern.compile("[A-Z][A-Z0-9_]*");
    private static final Pattern COUNTRY = Pattern.compile("[A-Z]{2}");
    private static final Pattern DECIMAL = Pattern.compile("[0-9]+(\\.[0-9]+)?");
    private static final Pattern WHOLE = Pattern.compile("[0-9]+");
    private static final Pattern DATE = Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}");

    private RateCardLoader() {}

    /** A file's name (for messages) and a way to open it. */
    public interface Source {
        String name();

        Reader open() throws IOException;

        /** A file on disk. */
        static Source file(Path path) {
            return new Source() {
                @Override
                public String name() {
                    return path.toString();
                }

                @Override
                public Reader open() throws IOException {
                    return Files.newBufferedReader(path, StandardCharsets.UTF_8);
                }
            };
        }

        /** A resource on the host's classpath. */
        static Source classpath(String resource) {
            String path = resource.startsWith("/") ? resource.substring(1) : resource;
            return new Source() {
                @Override
                public String name() {
                    return CLASSPATH_PREFIX + path;
                }

                @Override
                public Reader open() throws IOException {
                    InputStream in = RateCardLoader.class.getClassLoader().getResourceAsStream(path);
                    if (in == null) {
                        throw new NoSuchFileException(name());
                    }
                    return new InputStreamReader(in, StandardCharsets.UTF_8);
                }
            };
        }

        /** {@code classpath:pricing/rates.csv} or a file path, as written in the configuration. */
        static Source of(String location) {
            return location.startsWith(CLASSPATH_PREFIX)
                    ? classpath(location.substring(CLASSPATH_PREFIX.length()))
                    : file(Path.of(location));
        }
    }

    /** The rate card shipped with the host (see {@code pricing/README.md} among its resources). */
    public static RateCard defaultCard() {
        return load(Source.classpath(DEFAULT_MARKETS), Source.classpath(DEFAULT_RATES));
    }

    /** Loads two files from disk. */
    public static RateCard load(Path markets, Path rates) {
        return load(Source.file(markets), Source.file(rates));
    }

    /**
     * Loads and checks a rate card.
     *
     * @throws RateCardException when a file is missing, unreadable or wrong, naming file, line and reason
     */
    public static RateCard load(Source markets, Source rates) {
        CsvTable marketTable = read(markets, MARKET_COLUMNS);
        CsvTable rateTable = read(rates, RATE_COLUMNS);

        Map<String, String> marketByCountry = new HashMap<>();
        Map<String, Integer> countryLine = new HashMap<>();
        Map<String, Integer> marketFirstLine = new LinkedHashMap<>();
        String fallback = null;
        Set<String> regions = PhoneNumberUtil.getInstance().getSupportedRegions();
        for (CsvTable.Row row : marketTable.rows()) {
            String country = row.get("country");
            String market = row.get("market");
            if (!MARKET_ID.matcher(market).matches()) {
                throw marketTable.error(row.line(), "market '" + market
                        + "' is not an id of capital letters, digits and underscores (for example REST_OF_AFRICA)");
            }
            Integer first = countryLine.putIfAbsent(country, row.line());
            if (first != null) {
                throw marketTable.error(row.line(), "duplicate row for country '" + country + "' (first on line " + first + ")");
            }
            if (country.equals("*")) {
                fallback = market;
            } else if (!COUNTRY.matcher(country).matches() || !regions.contains(country)) {
                throw marketTable.error(row.line(), "unknown country '" + country
                        + "' (expected an ISO 3166 two-letter code in capitals, or * for the fallback market)");
            } else {
                marketByCountry.put(country, market);
            }
            marketFirstLine.putIfAbsent(market, row.line());
        }
        if (fallback == null) {
            throw marketTable.error(marketTable.lastLine(),
                    "no fallback market: add a row '*,<market>' for the countries not listed");
        }

        Currency currency = null;
        int currencyLine = 0;
        LocalDate firstDate = null;
        // market -> category -> effective date -> tier -> price, with the line of each row for messages.
        Map<String, Map<PricingCategory, TreeMap<LocalDate, TreeMap<Long, Money>>>> tree = new HashMap<>();
        Map<String, Integer> rowLine = new HashMap<>();
        for (CsvTable.Row row : rateTable.rows()) {
            int line = row.line();
            String market = row.get("market");
            if (!marketFirstLine.containsKey(market)) {
                throw rateTable.error(line, "unknown market '" + market + "' (not in " + marketTable.file() + ")");
            }
            PricingCategory category = category(rateTable, line, row.get("category"));
            long tier = tier(rateTable, line, row.get("tier_from"));
            BigDecimal price = price(rateTable, line, row.get("price"));
            Currency rowCurrency = currency(rateTable, line, row.get("currency"));
            if (currency == null) {
                currency = rowCurrency;
                currencyLine = line;
            } else if (!currency.equals(rowCurrency)) {
                throw rateTable.error(line, "mixed currencies: " + rowCurrency.getCurrencyCode() + " here, "
                        + currency.getCurrencyCode() + " on line " + currencyLine + " (a rate card has one currency)");
            }
            LocalDate effective = date(rateTable, line, row.get("effective_from"));
            if (firstDate == null || effective.isBefore(firstDate)) {
                firstDate = effective;
            }
            String key = market + "/" + category.wireName() + "/" + tier + "/" + effective;
            Integer first = rowLine.putIfAbsent(key, line);
            if (first != null) {
                throw rateTable.error(line, "duplicate row for " + market + " " + category.wireName() + " tier_from " + tier
                        + " effective " + effective + " (first on line " + first + ")");
            }
            rowLine.putIfAbsent(market + "/" + category.wireName() + "/" + effective, line);
            tree.computeIfAbsent(market, m -> new EnumMap<>(PricingCategory.class))
                    .computeIfAbsent(category, c -> new TreeMap<>())
                    .computeIfAbsent(effective, d -> new TreeMap<>())
                    .put(tier, new Money(price, rowCurrency));
        }
        for (Map.Entry<String, Integer> m : marketFirstLine.entrySet()) {
            if (!tree.containsKey(m.getKey())) {
                throw marketTable.error(m.getValue(), "market '" + m.getKey() + "' has no rows in " + rateTable.file());
            }
        }

        Map<String, EnumMap<PricingCategory, RateCard.CategoryRates>> compiledRates = new HashMap<>();
        tree.forEach((market, byCategory) -> {
            EnumMap<PricingCategory, RateCard.CategoryRates> compiled = new EnumMap<>(PricingCategory.class);
            byCategory.forEach((category, byDate) -> compiled.put(category,
                    compile(rateTable, rowLine, market, category, byDate)));
            compiledRates.put(market, compiled);
        });
        return new RateCard(currency, marketByCountry, fallback, compiledRates, firstDate);
    }

    private static RateCard.CategoryRates compile(CsvTable table, Map<String, Integer> rowLine, String market,
            PricingCategory category, TreeMap<LocalDate, TreeMap<Long, Money>> byDate) {
        long[] from = new long[byDate.size()];
        long[][] tiers = new long[byDate.size()][];
        Money[][] prices = new Money[byDate.size()][];
        int i = 0;
        for (Map.Entry<LocalDate, TreeMap<Long, Money>> version : byDate.entrySet()) {
            TreeMap<Long, Money> byTier = version.getValue();
            if (byTier.firstKey() != 1L) {
                int line = rowLine.get(market + "/" + category.wireName() + "/" + version.getKey());
                throw table.error(line, "no tier_from 1 for " + market + " " + category.wireName() + " effective "
                        + version.getKey() + " (the first messages of a month would have no price)");
            }
            from[i] = version.getKey().atStartOfDay(ZoneOffset.UTC).toEpochSecond();
            tiers[i] = byTier.keySet().stream().mapToLong(Long::longValue).toArray();
            prices[i] = byTier.values().toArray(new Money[0]);
            i++;
        }
        return new RateCard.CategoryRates(from, tiers, prices);
    }

    private static CsvTable read(Source source, List<String> columns) {
        try (Reader reader = source.open()) {
            return CsvTable.read(source.name(), reader, columns);
        } catch (NoSuchFileException e) {
            throw new RateCardException(source.name(), 0, "no such file");
        } catch (IOException e) {
            throw new RateCardException(source.name(), 0, "cannot be read: " + e.getMessage());
        } catch (UncheckedIOException e) {
            throw new RateCardException(source.name(), 0, "cannot be read: " + e.getCause().getMessage());
        }
    }

    private static PricingCategory category(CsvTable t, int line, String value) {
        for (PricingCategory c : PRICED) {
            if (c.wireName().equals(value)) {
                return c;
            }
        }
        throw t.error(line, "unknown category '" + value + "' (expected marketing, utility, authentication or service)");
    }

    private static long tier(CsvTable t, int line, String value) {
        if (!WHOLE.matcher(value).matches() || value.length() > 18) {
            throw t.error(line, "tier_from '" + value + "' is not a whole number (the n-th message of the month a price starts at)");
        }
        long tier = Long.parseLong(value);
        if (tier < 1) {
            throw t.error(line, "tier_from must be 1 or more, found " + value + " (the first message of a month is number 1)");
        }
        return tier;
    }

    private static BigDecimal price(CsvTable t, int line, String value) {
        if (value.startsWith("-") && DECIMAL.matcher(value.substring(1)).matches()) {
            throw t.error(line, "negative price " + value);
        }
        if (!DECIMAL.matcher(value).matches()) {
            throw t.error(line, "price '" + value + "' is not a number (expected a decimal such as 0.0250)");
        }
        return new BigDecimal(value);
    }

    private static Currency currency(CsvTable t, int line, String value) {
        try {
            if (value.length() == 3 && value.equals(value.toUpperCase(java.util.Locale.ROOT))) {
                return Currency.getInstance(value);
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        throw t.error(line, "unknown currency '" + value + "' (expected an ISO 4217 code such as USD)");
    }

    private static LocalDate date(CsvTable t, int line, String value) {
        try {
            if (DATE.matcher(value).matches()) {
                return LocalDate.parse(value);
            }
        } catch (DateTimeParseException e) {
            // reported below
        }
        throw t.error(line, "bad date '" + value + "' in effective_from (expected YYYY-MM-DD)");
    }
}
