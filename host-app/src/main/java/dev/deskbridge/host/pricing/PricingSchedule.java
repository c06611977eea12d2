package dev.deskbridge.host.pricing;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One pricing schedule: a name, the half-open interval {@code [from, until)} of message instants
 * it applies to ({@code until} empty: until further notice), and its decision table.
 *
 * @param id the name Meta's announcements and the ledger use, for example {@code PMP-2025-07}
 * @param from the first instant it applies to
 * @param until the first instant it no longer applies to, if it ends
 * @param table what each message costs in each window
 */
public record PricingSchedule(String id, Instant from, Optional<Instant> until, DecisionTable table) {
    public PricingSchedule {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(until, "until");
        Objects.requireNonNull(table, "table");
        if (id.isBlank()) {
            throw new IllegalArgumentException("a schedule needs a name");
        }
        if (until.isPresent() && !from.isBefore(until.get())) {
            throw new IllegalArgumentException("schedule " + id + " ends (" + until.get() + ") before it starts (" + from + ")");
        }
    }

    /** Whether this schedule applies to a message sent at {@code at}. */
    public boolean covers(Instant at) {
        return !at.isBefore(from) && (until.isEmpty() || at.isBefore(until.get()));
    }
}
