package dev.deskbridge.host.pricing.simulation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Values of the wrong shape, refused by the Jackson binding, are told with their field. */
class ScenarioFileReaderTest {
    private static List<Scenario> read(String yaml) throws Exception {
        return ScenarioFileReader.read("s.yaml", new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)));
    }

    private static String scenario(String customer, String event) {
        return "scenarios:\n  - id: a\n    customer: " + customer + "\n    events:\n      - " + event + "\n";
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            quoted boolean referral | '"+1"' | {at: "2025-09-01T10:00:00Z", in: text, referral: "true"}      | s.yaml: scenario 'a', event 0, field 'referral': expected true or false, found 'true'
            delivered as a word     | '"+1"' | {at: "2025-09-01T10:00:00Z", out: freeform, delivered: no_}   | s.yaml: scenario 'a', event 0, field 'delivered': expected true or false, found 'no_'
            at as a list            | '"+1"' | {at: [1], in: text}                                          | s.yaml: scenario 'a', event 0, field 'at': expected a text value
            expect as a list        | '"+1"' | {at: "2025-09-01T10:00:00Z", out: freeform, expect: [1]}     | s.yaml: scenario 'a', event 0, field 'expect': expected a mapping of result fields
            expect market as a list | '"+1"' | {at: "2025-09-01T10:00:00Z", out: freeform, expect: {market: [x]}} | s.yaml: scenario 'a', event 0, field 'expect.market': expected a word such as NORTH_AMERICA
            customer as a mapping   | '{x: 1}' | {at: "2025-09-01T10:00:00Z", in: text}                     | s.yaml: scenario 'a', field 'customer': expected a text value
            """)
    void aValueOfTheWrongShapeIsToldWithItsField(String name, String customer, String event, String message) {
        assertThatThrownBy(() -> read(scenario(customer, event)))
                .isInstanceOf(ScenarioFormatException.class)
                .hasMessage(message);
    }

    @Test
    void expectKeepsOnlyTheFieldsGivenAndAPriceAsItsPlainText() throws Exception {
        List<Scenario> s = read(scenario("'+12015550123'",
                "{at: \"2025-09-01T10:00:00Z\", out: template, category: utility, delivered: false, "
                        + "expect: {price: \"0.0250\", allowed: true, market: NORTH_AMERICA}}"));

        ScenarioEvent.Outbound out = (ScenarioEvent.Outbound) s.get(0).events().get(0);
        assertThat(out.delivered()).isFalse();
        assertThat(out.expect()).containsOnly(
                Map.entry("price", "0.0250"),
                Map.entry("allowed", true),
                Map.entry("market", "NORTH_AMERICA"));
    }
}
