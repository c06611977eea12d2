package dev.deskbridge.host.pricing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.deskbridge.connector.api.pricing.Money;
import dev.deskbridge.connector.api.pricing.PricingCategory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RateCardLoaderTest {

    private static final String MARKETS = "country,market\nUS,NORTH_AMERICA\nDE,DE\n*,OTHER\n";
    private static final String RATES_HEADER = "market,category,tier_from,price,currency,effective_from\n";
    private static final String RATES = RATES_HEADER
            + "NORTH_AMERICA,marketing,1,0.0250,USD,2025-07-01\n"
            + "DE,marketing,1,0.1400,USD,2025-07-01\n"
            + "OTHER,marketing,1,0.0600,USD,2025-07-01\n";

    @TempDir
    Path dir;

    private RateCard load(String markets, String rates) throws IOException {
        Path m = dir.resolve("markets.csv");
        Path r = dir.resolve("rates.csv");
        Files.writeString(m, markets);
        Files.writeString(r, rates);
        return RateCardLoader.load(m, r);
    }

    private void assertRefused(String markets, String rates, String file, int line, String reason) {
        assertThatThrownBy(() -> load(markets, rates))
                .isInstanceOf(RateCardException.class)
                .hasMessage(dir.resolve(file) + (line > 0 ? ":" + line : "") + ": " + reason)
                .satisfies(e -> {
                    RateCardException r = (RateCardException) e;
                    assertThat(r.file()).isEqualTo(dir.resolve(file).toString());
                    assertThat(r.line()).isEqualTo(line);
                });
    }

    @Test
    void loadsAValidCard() throws IOException {
        RateCard card = load(MARKETS, RATES);

        assertThat(card.currency().getCurrencyCode()).isEqualTo("USD");
        assertThat(card.markets()).containsExactlyInAnyOrder("NORTH_AMERICA", "DE", "OTHER");
        assertThat(card.marketOfRegion("US")).isEqualTo("NORTH_AMERICA");
        assertThat(card.marketOfRegion("JP")).isEqualTo("OTHER");
        assertThat(card.price("DE", PricingCategory.MARKETING, Instant.parse("2025-08-01T00:00:00Z"), 1))
                .contains(Money.of("0.1400", "USD"));
    }

    @Test
    void skipsCommentsAndBlankLinesAndKeepsLineNumbers() throws IOException {
        String rates = "# a comment naming the source\n\n" + RATES_HEADER
                + "  # an indented comment\n"
                + "NORTH_AMERICA,marketing,1,0.0250,USD,2025-07-01\n"
                + "DE,marketing,1,0.1400,USD,2025-07-01\n"
                + "\n"
                + "OTHER,marketing,1,abc,USD,2025-07-01\n";

        assertRefused("# markets\n" + MARKETS, rates, "rates.csv", 8, "price 'abc' is not a number (expected a decimal such as 0.0250)");
        RateCard card = load("# comment\n" + MARKETS + "# trailing comment\n", "\n# c\n" + RATES);
        assertThat(card.markets()).hasSize(3);
    }

    @Test
    void readsASpreadsheetExportByteOrderMarkCrlfAndQuotedFields() throws IOException {
        String markets = "\uFEFFcountry,market\r\n\"US\",NORTH_AMERICA\r\nDE,\"DE\"\r\n*,OTHER\r\n";
        String rates = "\uFEFF" + RATES.replace("\n", "\r\n").replace("DE,marketing,1,0.1400", "\"DE\",\"marketing\",1,\"0.1400\"");

        RateCard card = load(markets, rates);

        assertThat(card.marketOfRegion("US")).isEqualTo("NORTH_AMERICA");
        assertThat(card.price("DE", PricingCategory.MARKETING, Instant.parse("2025-08-01T00:00:00Z"), 1))
                .contains(Money.of("0.1400", "USD"));
        // CRLF line ends keep line numbers right.
        assertRefused(markets, rates.replace("\r\n", "\r\n\r\n# note\r\n") + "OTHER,utility,1,abc,USD,2025-07-01\r\n",
                "rates.csv", 13, "price 'abc' is not a number (expected a decimal such as 0.0250)");
    }

    @Test
    void aQuotedCommaIsPartOfItsFieldAndAnOpenQuoteIsReportedWithItsLine() {
        assertRefused(MARKETS, RATES + "OTHER,\"utility, promo\",1,0.0040,USD,2025-07-01\n", "rates.csv", 5,
                "unknown category 'utility, promo' (expected marketing, utility, authentication or service)");
        assertThatThrownBy(() -> load(MARKETS, RATES + "OTHER,\"utility,1,0.0040,USD,2025-07-01\n"))
                .isInstanceOf(RateCardException.class)
                .hasMessage(dir.resolve("rates.csv") + ":5: not valid CSV: Missing closing quote for value");
    }

    @Test
    void effectiveDatesAndTiersPickTheRightRow() throws IOException {
        RateCard card = load(MARKETS, RATES
                + "NORTH_AMERICA,marketing,1,0.0275,USD,2026-01-01\n"
                + "NORTH_AMERICA,utility,1,0.0040,USD,2025-07-01\n"
                + "NORTH_AMERICA,utility,4,0.0030,USD,2025-07-01\n"
                + "NORTH_AMERICA,utility,1000,0.0020,USD,2025-07-01\n");

        Instant sep = Instant.parse("2025-09-15T00:00:00Z");
        assertThat(card.price("NORTH_AMERICA", PricingCategory.MARKETING, Instant.parse("2025-12-31T23:59:59Z"), 1))
                .contains(Money.of("0.0250", "USD"));
        assertThat(card.price("NORTH_AMERICA", PricingCategory.MARKETING, Instant.parse("2026-01-01T00:00:00Z"), 1))
                .contains(Money.of("0.0275", "USD"));
        assertThat(card.price("NORTH_AMERICA", PricingCategory.UTILITY, sep, 3)).contains(Money.of("0.0040", "USD"));
        assertThat(card.price("NORTH_AMERICA", PricingCategory.UTILITY, sep, 4)).contains(Money.of("0.0030", "USD"));
        assertThat(card.price("NORTH_AMERICA", PricingCategory.UTILITY, sep, 999)).contains(Money.of("0.0030", "USD"));
        assertThat(card.price("NORTH_AMERICA", PricingCategory.UTILITY, sep, 1000)).contains(Money.of("0.0020", "USD"));
        assertThat(card.price("NORTH_AMERICA", PricingCategory.UTILITY, Instant.parse("2025-06-30T23:59:59Z"), 1)).isEmpty();
        assertThat(card.price("DE", PricingCategory.SERVICE, sep, 1)).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            unknown column      | market,category,tier_from,price,currency,effective_from,note | 1 | unknown column 'note' (expected the columns market,category,tier_from,price,currency,effective_from)
            missing column      | market,category,tier_from,price,effective_from               | 1 | missing column 'currency' (expected the columns market,category,tier_from,price,currency,effective_from)
            repeated column     | market,market,category,tier_from,price,currency              | 1 | column 'market' appears twice
            """)
    void refusesABadRatesHeader(String caseName, String header, int line, String reason) {
        assertRefused(MARKETS, header + "\nOTHER,marketing,1,0.06,USD,2025-07-01\n", "rates.csv", line, reason);
    }

    @Test
    void refusesABadMarketsHeader() {
        assertRefused("country,market,region\n*,OTHER,x\n", RATES, "markets.csv", 1,
                "unknown column 'region' (expected the columns country,market)");
        assertRefused("country\n*\n", RATES, "markets.csv", 1, "missing column 'market' (expected the columns country,market)");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            non-numeric price   | OTHER,utility,1,abc,USD,2025-07-01        | price 'abc' is not a number (expected a decimal such as 0.0250)
            exponent price      | OTHER,utility,1,1e-3,USD,2025-07-01       | price '1e-3' is not a number (expected a decimal such as 0.0250)
            negative price      | OTHER,utility,1,-0.0040,USD,2025-07-01    | negative price -0.0040
            tier 0              | OTHER,utility,0,0.0040,USD,2025-07-01     | tier_from must be 1 or more, found 0 (the first message of a month is number 1)
            non-integer tier    | OTHER,utility,1.5,0.0040,USD,2025-07-01   | tier_from '1.5' is not a whole number (the n-th message of the month a price starts at)
            negative tier       | OTHER,utility,-1,0.0040,USD,2025-07-01    | tier_from '-1' is not a whole number (the n-th message of the month a price starts at)
            bad date            | OTHER,utility,1,0.0040,USD,2025-13-01     | bad date '2025-13-01' in effective_from (expected YYYY-MM-DD)
            not a date          | OTHER,utility,1,0.0040,USD,July 2025      | bad date 'July 2025' in effective_from (expected YYYY-MM-DD)
            mixed currencies    | OTHER,utility,1,0.0040,EUR,2025-07-01     | mixed currencies: EUR here, USD on line 2 (a rate card has one currency)
            unknown currency    | OTHER,utility,1,0.0040,XYZ,2025-07-01     | unknown currency 'XYZ' (expected an ISO 4217 code such as USD)
            unknown market      | MARS,utility,1,0.0040,USD,2025-07-01      | unknown market 'MARS' (not in MARKETS)
            unknown category    | OTHER,promo,1,0.0040,USD,2025-07-01       | unknown category 'promo' (expected marketing, utility, authentication or service)
            duplicate row       | DE,marketing,1,0.1500,USD,2025-07-01      | duplicate row for DE marketing tier_from 1 effective 2025-07-01 (first on line 3)
            field count         | OTHER,utility,1,0.0040,USD                | expected 6 fields (market,category,tier_from,price,currency,effective_from), found 5
            """)
    void refusesABadRateRowWithItsLine(String caseName, String row, String reason) {
        assertRefused(MARKETS, RATES + row + "\n", "rates.csv", 5,
                reason.replace("MARKETS", dir.resolve("markets.csv").toString()));
    }

    @Test
    void refusesATierTableWithoutTierOne() {
        assertRefused(MARKETS, RATES + "OTHER,utility,4,0.0030,USD,2025-07-01\n", "rates.csv", 5,
                "no tier_from 1 for OTHER utility effective 2025-07-01 (the first messages of a month would have no price)");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            duplicate country  | country,market\\nUS,NORTH_AMERICA\\nUS,DE\\n*,OTHER                | 3 | duplicate row for country 'US' (first on line 2)
            unknown country    | country,market\\nUSA,NORTH_AMERICA\\nDE,DE\\n*,OTHER              | 2 | unknown country 'USA' (expected an ISO 3166 two-letter code in capitals, or * for the fallback market)
            lower-case country | country,market\\nus,NORTH_AMERICA\\nDE,DE\\n*,OTHER               | 2 | unknown country 'us' (expected an ISO 3166 two-letter code in capitals, or * for the fallback market)
            bad market id      | country,market\\nUS,North America\\nDE,DE\\n*,OTHER               | 2 | market 'North America' is not an id of capital letters, digits and underscores (for example REST_OF_AFRICA)
            no fallback        | country,market\\nUS,NORTH_AMERICA\\nDE,DE\\nJP,OTHER\\n# end       | 5 | no fallback market: add a row '*,<market>' for the countries not listed
            market no rates    | country,market\\nUS,NORTH_AMERICA\\nDE,DE\\nAU,AU\\n*,OTHER         | 4 | market 'AU' has no rows in RATES
            """)
    void refusesABadMarketsFileWithItsLine(String caseName, String markets, int line, String reason) {
        assertRefused(markets.replace("\\n", "\n") + "\n", RATES, "markets.csv", line,
                reason.replace("RATES", dir.resolve("rates.csv").toString()));
    }

    @Test
    void refusesEmptyAndMissingFiles() throws IOException {
        assertRefused(MARKETS, "# only a comment\n", "rates.csv", 0,
                "empty file: expected a header line market,category,tier_from,price,currency,effective_from");
        assertRefused(MARKETS, RATES_HEADER, "rates.csv", 1, "no rows after the header");
        Path markets = dir.resolve("markets.csv");
        Files.writeString(markets, MARKETS);
        assertThatThrownBy(() -> RateCardLoader.load(markets, dir.resolve("nope.csv")))
                .isInstanceOf(RateCardException.class)
                .hasMessage(dir.resolve("nope.csv") + ": no such file");
        assertThatThrownBy(() -> RateCardLoader.load(RateCardLoader.Source.of("classpath:pricing/nope.csv"),
                        RateCardLoader.Source.of(markets.toString())))
                .hasMessage("classpath:pricing/nope.csv: no such file");
    }

    @Test
    void loadsFromTheClasspath() {
        RateCard card = RateCardLoader.load(RateCardLoader.Source.of("classpath:golden/pricing/markets.csv"),
                RateCardLoader.Source.of("classpath:golden/pricing/rates.csv"));

        assertThat(card.markets()).contains("NORTH_AMERICA", "REST_OF_AFRICA", "OTHER");
    }
}
