package dev.deskbridge.host.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.deskbridge.host.pricing.Golden;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PricingSimulateCommandTest {

    @TempDir
    Path dir;

    /** What a run printed and returned. */
    record Run(int exit, String out, String err) {
        List<String> lines() {
            return out.lines().toList();
        }
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = DeskBridgeCli.commandLine(new DeskBridgeCli(), args)
                .setOut(new PrintWriter(out, true))
                .setErr(new PrintWriter(err, true))
                .execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    static Run simulate(Path scenarios, String... more) {
        List<String> args = new ArrayList<>(List.of("pricing", "simulate",
                "--markets", Golden.file("markets.csv").toString(),
                "--rates", Golden.file("rates.csv").toString()));
        args.addAll(List.of(more));
        args.add(scenarios.toString());
        return run(args.toArray(String[]::new));
    }

    private Path scenarioFile(String yaml) throws IOException {
        Path f = dir.resolve("scenarios-test.yaml");
        Files.writeString(f, yaml);
        return f;
    }

    @Test
    void goldenFileMeetsAll106Expectations() {
        Run r = simulate(Golden.file("scenarios-basic.yaml"), "--check");

        assertThat(r.exit()).as(r.out() + r.err()).isZero();
        assertThat(r.lines()).last().isEqualTo("106 of 106 expectations met");
        assertThat(r.out()).doesNotContain("mismatch");
        assertThat(r.lines()).hasSize(43 + 1); // one JSON object per business message, then the summary
    }

    @Test
    void printsOneJsonObjectPerBusinessMessageWithTheResultFields() throws IOException {
        Run r = simulate(Golden.file("scenarios-basic.yaml"));

        assertThat(r.exit()).isZero();
        assertThat(r.lines()).hasSize(43);
        JsonNode first = new ObjectMapper().readTree(r.lines().get(0));
        assertThat(first.get("scenario").asText()).isEqualTo("csw-free-form-inside");
        assertThat(first.get("event").asInt()).isEqualTo(1);
        assertThat(first.get("allowed").asBoolean()).isTrue();
        assertThat(first.get("billable").asBoolean()).isFalse();
        assertThat(first.get("category").asText()).isEqualTo("service");
        assertThat(first.get("type").asText()).isEqualTo("free_customer_service");
        assertThat(first.get("market").asText()).isEqualTo("NORTH_AMERICA");
        assertThat(first.get("price").asText()).isEqualTo("0");
        assertThat(first.get("currency").asText()).isEqualTo("USD");
        JsonNode error = new ObjectMapper().readTree(r.lines().get(41));
        assertThat(error.get("scenario").asText()).isEqualTo("no-schedule-before-july-2025");
        assertThat(error.get("error").asText()).isEqualTo("no_schedule");
        assertThat(error.get("message").asText()).contains("2025-06-30T12:00:00Z");
        assertThat(r.out()).doesNotContain("expectations met");
    }

    @Test
    void aWrongExpectationIsPrintedAndExitsOne() throws IOException {
        Path f = scenarioFile("scenarios:\n"
                + "  - id: wrong-price\n"
                + "    customer: \"+12015550123\"\n"
                + "    events:\n"
                + "      - {at: \"2025-09-01T10:00:00Z\", out: template, category: utility,"
                + " expect: {billable: true, price: \"0.0041\", market: NORTH_AMERICA}}\n"
                + "      - {at: \"2025-09-01T11:00:00Z\", out: freeform, expect: {allowed: true}}\n");

        Run r = simulate(f, "--check");

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).contains("mismatch: scenario 'wrong-price', event 0, price: expected 0.0041, got 0.0040");
        assertThat(r.out()).contains("mismatch: scenario 'wrong-price', event 1, allowed: expected true, got false");
        assertThat(r.lines()).last().isEqualTo("2 of 4 expectations met");
    }

    @Test
    void pricesCompareAsDecimals() throws IOException {
        Path f = scenarioFile("scenarios:\n"
                + "  - id: decimals\n"
                + "    customer: \"+12015550123\"\n"
                + "    events:\n"
                + "      - {at: \"2025-09-01T10:00:00Z\", out: template, category: utility, expect: {price: \"0.004\"}}\n"
                + "      - {at: \"2025-09-01T10:00:00Z\", out: template, category: utility, expect: {price: 0.00400}}\n");

        Run r = simulate(f, "--check");

        assertThat(r.exit()).as(r.out()).isZero();
        assertThat(r.lines()).last().isEqualTo("2 of 2 expectations met");
    }

    @Test
    void theFreeServiceAllowanceMakesTheFirstServiceMessagesFree() throws IOException {
        Path f = scenarioFile("scenarios:\n"
                + "  - id: allowance\n"
                + "    customer: \"+4915123456789\"\n"
                + "    events:\n"
                + "      - {at: \"2026-10-05T08:00:00Z\", in: text}\n"
                + "      - {at: \"2026-10-05T08:10:00Z\", out: freeform, expect: {billable: false, type: free_customer_service}}\n"
                + "      - {at: \"2026-10-05T08:20:00Z\", out: freeform, delivered: false, expect: {billable: false}}\n"
                + "      - {at: \"2026-10-05T08:30:00Z\", out: freeform, expect: {billable: false, price: \"0\"}}\n"
                + "      - {at: \"2026-10-05T08:40:00Z\", out: freeform, expect: {billable: true, type: regular, price: \"0.0550\"}}\n"
                + "      - {at: \"2026-11-01T08:00:00Z\", in: text}\n"
                + "      - {at: \"2026-11-01T08:10:00Z\", out: freeform, expect: {billable: false}}\n");

        Run withAllowance = simulate(f, "--check", "--free-service-allowance", "2");
        Run without = simulate(f, "--check");

        assertThat(withAllowance.exit()).as(withAllowance.out()).isZero();
        assertThat(withAllowance.lines()).last().isEqualTo("9 of 9 expectations met");
        assertThat(without.exit()).isEqualTo(1);
        assertThat(without.out()).contains("mismatch: scenario 'allowance', event 1, billable: expected false, got true");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            unknown event field     | {at: "2025-09-01T10:00:00Z", out: freeform, colour: red}                  | 'colour': unknown field
            bad instant             | {at: "yesterday", out: freeform}                                          | 'at': not an instant: 'yesterday'
            missing in and out      | {at: "2025-09-01T10:00:00Z"}                                              | 'in': missing
            both in and out         | {at: "2025-09-01T10:00:00Z", in: text, out: freeform}                     | 'out': an event is either
            template no category    | {at: "2025-09-01T10:00:00Z", out: template}                               | 'category': missing: a template needs its category
            unknown category        | {at: "2025-09-01T10:00:00Z", out: template, category: promo}              | 'category': expected marketing, utility or authentication
            free-form with category | {at: "2025-09-01T10:00:00Z", out: freeform, category: utility}            | 'category': only a template has a category
            unknown out             | {at: "2025-09-01T10:00:00Z", out: sms}                                    | 'out': expected freeform or template
            missing at              | {in: text}                                                                | 'at': missing
            unknown expect field    | {at: "2025-09-01T10:00:00Z", out: freeform, expect: {cost: "1"}}          | 'expect.cost': unknown result field
            non-boolean expect      | {at: "2025-09-01T10:00:00Z", out: freeform, expect: {allowed: "maybe"}}   | 'expect.allowed': expected true or false
            non-decimal price       | {at: "2025-09-01T10:00:00Z", out: freeform, expect: {price: "cheap"}}     | 'expect.price': expected a decimal
            expect on inbound       | {at: "2025-09-01T10:00:00Z", in: text, expect: {allowed: true}}           | 'expect': unknown field
            non-boolean referral    | {at: "2025-09-01T10:00:00Z", in: text, referral: "yes"}                   | 'referral': expected true or false
            """)
    void aMalformedEventExitsTwoNamingFileScenarioEventAndField(String caseName, String event, String message)
            throws IOException {
        Path f = scenarioFile("scenarios:\n"
                + "  - id: fine\n"
                + "    customer: \"+12015550123\"\n"
                + "    events:\n"
                + "      - {at: \"2025-09-01T10:00:00Z\", in: text}\n"
                + "  - id: broken\n"
                + "    customer: \"+12015550123\"\n"
                + "    events:\n"
                + "      - {at: \"2025-09-01T10:00:00Z\", in: text}\n"
                + "      - " + event + "\n");

        Run r = simulate(f, "--check");

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains(f + ": scenario 'broken', event 1, field " + message);
        assertThat(r.out()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            no scenarios list  | other: 1                                                   | field 'other': unknown field
            scenario no id     | 'scenarios: [{customer: "+12015550123", events: []}]'       | scenario '#1', field 'id': missing
            scenario no events | 'scenarios: [{id: a, customer: "+12015550123"}]'            | scenario 'a', field 'events': expected a list
            scenario no number | 'scenarios: [{id: a, events: []}]'                          | scenario 'a', field 'customer': missing
            unknown key        | 'scenarios: [{id: a, customer: "+1", events: [], x: 1}]'    | scenario 'a', field 'x': unknown field
            duplicate ids      | 'scenarios: [{id: a, customer: "+1", events: []}, {id: a, customer: "+1", events: []}]' | scenario 'a', field 'id': two scenarios
            not yaml           | 'scenarios: [unclosed'                                      | not valid YAML at line
            """)
    void aMalformedFileExitsTwo(String caseName, String yaml, String message) throws IOException {
        Path f = scenarioFile(yaml + "\n");

        Run r = simulate(f);

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains(f.toString()).contains(message);
    }

    @Test
    void aMissingScenarioFileExitsTwo() {
        Run r = simulate(dir.resolve("nope.yaml"));

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("nope.yaml").contains("no such file");
    }

    @Test
    void aRefusedRateCardExitsTwoWithFileLineAndReason() throws IOException {
        Path rates = dir.resolve("rates.csv");
        Files.writeString(rates, "market,category,tier_from,price,currency,effective_from\n"
                + "OTHER,marketing,1,abc,USD,2025-07-01\n");

        Run r = run("pricing", "simulate", "--markets", Golden.file("markets.csv").toString(), "--rates", rates.toString(),
                Golden.file("scenarios-basic.yaml").toString());

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains(rates + ":2: price 'abc' is not a number");
    }

    @Test
    void marketsWithoutRatesIsAUsageError() {
        Run r = run("pricing", "simulate", "--markets", Golden.file("markets.csv").toString(),
                Golden.file("scenarios-basic.yaml").toString());

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("--markets and --rates go together");
    }

    @Test
    void withoutRateCardOptionsTheShippedCardPrices() {
        Run r = run("pricing", "simulate", Golden.file("scenarios-basic.yaml").toString());

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.lines()).hasSize(43);
        assertThat(r.out()).contains("\"market\":\"NORTH_AMERICA\"");
    }
}
