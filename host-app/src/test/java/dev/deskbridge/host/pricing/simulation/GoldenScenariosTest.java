package dev.deskbridge.host.pricing.simulation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.deskbridge.host.pricing.Golden;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every scenario of the golden file meets every expectation, under the golden rate card. */
class GoldenScenariosTest {

    static Stream<Scenario> scenarios() {
        return ScenarioFileReader.read(Golden.file("scenarios-basic.yaml")).stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void scenarioMeetsItsExpectations(Scenario scenario) {
        List<SimulatedResult> results = new Simulator(Golden.rules()).run(scenario);
        List<ScenarioEvent.Outbound> outbound = new ArrayList<>();
        scenario.events().stream().filter(e -> e instanceof ScenarioEvent.Outbound)
                .forEach(e -> outbound.add((ScenarioEvent.Outbound) e));
        assertThat(results).hasSameSizeAs(outbound);
        List<ExpectationCheck.Mismatch> mismatches = new ArrayList<>();
        for (int i = 0; i < outbound.size(); i++) {
            assertThat(results.get(i).event()).isEqualTo(outbound.get(i).index());
            mismatches.addAll(ExpectationCheck.compare(outbound.get(i), results.get(i)));
        }
        assertThat(mismatches).isEmpty();
    }

    @Test
    void theGoldenFileChecks106FieldsIn22Scenarios() {
        List<Scenario> all = scenarios().toList();
        int fields = all.stream().flatMap(s -> s.events().stream())
                .filter(e -> e instanceof ScenarioEvent.Outbound)
                .mapToInt(e -> ((ScenarioEvent.Outbound) e).expect().size()).sum();
        assertThat(all).hasSize(22);
        assertThat(fields).isEqualTo(106);
    }
}
