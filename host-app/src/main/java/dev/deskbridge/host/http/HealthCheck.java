package dev.deskbridge.host.http;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.BooleanSupplier;

/** Readiness: every named check (database reachable, plugins loaded) must pass. */
public final class HealthCheck {
    private final Map<String, BooleanSupplier> checks = new LinkedHashMap<>();

    public HealthCheck add(String name, BooleanSupplier check) {
        checks.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(check, "check"));
        return this;
    }

    /** Each check's result, in the order added; a check that throws counts as failed. */
    public Map<String, Boolean> run() {
        Map<String, Boolean> results = new LinkedHashMap<>();
        checks.forEach((name, check) -> {
            boolean ok;
            try {
                ok = check.getAsBoolean();
            } catch (RuntimeException e) {
                ok = false;
            }
            results.put(name, ok);
        });
        return results;
    }
}
