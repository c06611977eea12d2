package dev.deskbridge.host.pricing.simulation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.deskbridge.host.pricing.Golden;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class SimulatorTest {

    private static List<SimulatedResult> simulate(String events) throws IOException {
        String yaml = "scenarios:\n  - id: s\n    customer: \"+12015550123\"\n    events:\n" + events;
        List<Scenario> scenarios = ScenarioFileReader.read("test.yaml",
                new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)));
        return new Simulator(Golden.rules()).run(scenarios);
    }

    @Test
    void undeliveredMessagesAreNeverBilledAndDoNotCountTowardTiers() throws IOException {
        List<SimulatedResult> r = simulate(""
                + "      - {at: \"2025-09-01T10:00:00Z\", out: template, category: utility}\n"
                + "      - {at: \"2025-09-02T10:00:00Z\", out: template, category: utility, delivered: false}\n"
                + "      - {at: \"2025-09-03T10:00:00Z\", out: template, category: utility, delivered: false}\n"
                + "      - {at: \"2025-09-04T10:00:00Z\", out: template, category: utility}\n"
                + "      - {at: \"2025-09-05T10:00:00Z\", out: template, category: utility}\n"
                + "      - {at: \"2025-09-06T10:00:00Z\", out: template, category: utility}\n");

        assertThat(r).extracting(x -> x.fields().get("price")).containsExactly("0.0040", "0", "0", "0.0040", "0.0040", "0.0030");
        assertThat(r).extracting(x -> x.fields().get("billable")).containsExactly(true, false, false, true, true, true);
        assertThat(r.get(1).fields()).containsEntry("category", "utility").containsEntry("type", "regular");
    }

    @Test
    void aRefusedMessageChangesNoWindow() throws IOException {
        List<SimulatedResult> r = simulate(""
                + "      - {at: \"2025-09-01T10:00:00Z\", in: text, referral: true}\n"
                + "      - {at: \"2025-09-01T09:30:00Z\", out: freeform}\n"
                + "      - {at: \"2025-09-01T11:00:00Z\", out: template, category: marketing}\n"
                + "      - {at: \"2025-09-03T11:00:00Z\", out: template, category: marketing}\n");

        assertThat(r.get(0).fields()).containsEntry("allowed", false).containsEntry("reason", "window_closed");
        assertThat(r.get(1).fields()).containsEntry("type", "free_entry_point").containsEntry("billable", false);
        assertThat(r.get(2).fields()).containsEntry("type", "free_entry_point");
    }

    @Test
    void errorsAreResultsAndTheScenarioGoesOn() throws IOException {
        List<SimulatedResult> r = simulate(""
                + "      - {at: \"2025-06-30T10:00:00Z\", out: template, category: marketing}\n"
                + "      - {at: \"2025-07-01T10:00:00Z\", out: template, category: marketing}\n");

        assertThat(r.get(0).fields()).containsOnlyKeys("error", "message").containsEntry("error", "no_schedule");
        assertThat(r.get(1).fields()).containsEntry("price", "0.0250").containsEntry("schedule", "PMP-2025-07");
        assertThat(r.get(1).asJsonObject()).containsEntry("scenario", "s").containsEntry("event", 1);
    }

    @Test
    void aCustomerThatIsNotEvenE164IsAnInvalidNumber() throws IOException {
        String yaml = "scenarios:\n  - id: s\n    customer: \"0049 151\"\n    events:\n"
                + "      - {at: \"2025-09-01T10:00:00Z\", out: template, category: marketing}\n";
        List<SimulatedResult> r = new Simulator(Golden.rules()).run(ScenarioFileReader.read("t.yaml",
                new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8))));

        assertThat(r.get(0).fields()).containsEntry("error", "invalid_number");
    }
}
