package dev.deskbridge.host.pricing.simulation;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Compares a result with its event's {@code expect}: field by field, prices as decimals. */
public final class ExpectationCheck {

    /** One expected field that the result does not have. */
    public record Mismatch(String scenario, int event, String field, Object expected, Object actual) {
        @Override
        public String toString() {
            return "mismatch: scenario '" + scenario + "', event " + event + ", " + field + ": expected " + expected
                    + ", got " + (actual == null ? "nothing" : actual);
        }
    }

    private ExpectationCheck() {}

    /** The expected fields of {@code event} that {@code result} does not meet (empty: all met). */
    public static List<Mismatch> compare(ScenarioEvent.Outbound event, SimulatedResult result) {
        List<Mismatch> out = new ArrayList<>();
        for (Map.Entry<String, Object> e : event.expect().entrySet()) {
            Object actual = result.fields().get(e.getKey());
            if (!matches(e.getKey(), e.getValue(), actual)) {
                out.add(new Mismatch(result.scenario(), result.event(), e.getKey(), e.getValue(), actual));
            }
        }
        return out;
    }

    private static boolean matches(String field, Object expected, Object actual) {
        if (actual == null) {
            return false;
        }
        if (field.equals("price")) {
            return new BigDecimal(expected.toString()).compareTo(new BigDecimal(actual.toString())) == 0;
        }
        return expected.equals(actual);
    }
}
