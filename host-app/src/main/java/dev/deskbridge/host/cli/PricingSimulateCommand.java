package dev.deskbridge.host.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.deskbridge.host.config.PricingConfig;
import dev.deskbridge.host.pricing.PricingRulesFactory;
import dev.deskbridge.host.pricing.RateCardException;
import dev.deskbridge.host.pricing.WhatsAppPricingRules;
import dev.deskbridge.host.pricing.simulation.ExpectationCheck;
import dev.deskbridge.host.pricing.simulation.Scenario;
import dev.deskbridge.host.pricing.simulation.ScenarioEvent;
import dev.deskbridge.host.pricing.simulation.ScenarioFileReader;
import dev.deskbridge.host.pricing.simulation.ScenarioFormatException;
import dev.deskbridge.host.pricing.simulation.SimulatedResult;
import dev.deskbridge.host.pricing.simulation.Simulator;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code deskbridge pricing simulate}: prices the business messages of a scenario file and, with
 * {@code --check}, compares them with the file's expectations. Exit codes: 0 all met, 1 an
 * expectation unmet, 2 a malformed scenario file or a refused rate card.
 */
@Command(
        name = "simulate",
        mixinStandardHelpOptions = true,
        description = {
            "Prices the business messages of a scenario file (the format of RULES.md) and prints one JSON object "
                    + "per business message: scenario, event (index in the scenario's events, from 0) and the result.",
            "Answers questions such as \"what would this month have cost under the new schedule?\"."
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:results printed (and with --check every expectation met)",
            "1:with --check, at least one expectation unmet",
            "2:malformed scenario file, refused rate card or bad arguments"
        })
public final class PricingSimulateCommand implements Callable<Integer> {

    private static final ObjectMapper JSON = new ObjectMapper();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--markets", paramLabel = "FILE",
            description = "markets.csv of the rate card (default: the card shipped with the host; give --rates too)")
    Path markets;

    @Option(names = "--rates", paramLabel = "FILE",
            description = "rates.csv of the rate card (default: the card shipped with the host; give --markets too)")
    Path rates;

    @Option(names = "--check", description = "compare each result with its event's expect, print every mismatch and a summary")
    boolean check;

    @Option(names = "--free-service-allowance", paramLabel = "N", defaultValue = "0",
            description = "service messages per business number and month that are not billed (default: ${DEFAULT-VALUE})")
    int freeServiceAllowance;

    @Parameters(index = "0", paramLabel = "SCENARIOS.yaml", description = "the scenario file")
    Path scenarios;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if ((markets == null) != (rates == null)) {
            err.println("deskbridge pricing simulate: --markets and --rates go together (or leave both out for the shipped card)");
            return 2;
        }
        if (freeServiceAllowance < 0) {
            err.println("deskbridge pricing simulate: --free-service-allowance must be 0 or more");
            return 2;
        }
        WhatsAppPricingRules rules;
        List<Scenario> parsed;
        try {
            rules = PricingRulesFactory.create(
                    new PricingConfig(Optional.ofNullable(markets), Optional.ofNullable(rates), freeServiceAllowance));
            parsed = ScenarioFileReader.read(scenarios);
        } catch (RateCardException | ScenarioFormatException e) {
            err.println("deskbridge pricing simulate: " + e.getMessage());
            return 2;
        }

        Simulator simulator = new Simulator(rules);
        int expected = 0;
        int met = 0;
        for (Scenario scenario : parsed) {
            List<SimulatedResult> results = simulator.run(scenario);
            int r = 0;
            for (ScenarioEvent event : scenario.events()) {
                if (!(event instanceof ScenarioEvent.Outbound)) {
                    continue;
                }
                SimulatedResult result = results.get(r++);
                out.println(json(result));
                if (check) {
                    ScenarioEvent.Outbound outbound = (ScenarioEvent.Outbound) event;
                    List<ExpectationCheck.Mismatch> mismatches = ExpectationCheck.compare(outbound, result);
                    mismatches.forEach(m -> out.println(m));
                    expected += outbound.expect().size();
                    met += outbound.expect().size() - mismatches.size();
                }
            }
        }
        if (check) {
            out.println(met + " of " + expected + " expectations met");
        }
        out.flush();
        return check && met < expected ? 1 : 0;
    }

    private static String json(SimulatedResult result) {
        try {
            return JSON.writeValueAsString(result.asJsonObject());
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
