package dev.deskbridge.host.pricing;

import java.util.Arrays;
import java.util.Objects;

/**
 * What each kind of outbound message costs in each window: one {@link Outcome} per
 * ({@link MessageClass}, {@link OpenWindow}) pair. Immutable; {@link #with} returns a copy, so a
 * new schedule is written as "the old table, except these cells".
 */
public final class DecisionTable {
    private static final int COLUMNS = OpenWindow.values().length;
    private final Outcome[] cells;

    private DecisionTable(Outcome[] cells) {
        this.cells = cells;
    }

    /** Starts a table; every cell must be set before {@link Builder#build()}. */
    public static Builder builder() {
        return new Builder(new Outcome[MessageClass.values().length * COLUMNS]);
    }

    /** The outcome for that message in that window. */
    public Outcome outcome(MessageClass message, OpenWindow window) {
        return cells[message.ordinal() * COLUMNS + window.ordinal()];
    }

    /** A copy of this table with one cell changed. */
    public DecisionTable with(MessageClass message, OpenWindow window, Outcome outcome) {
        Builder b = new Builder(cells.clone());
        return b.set(message, window, outcome).build();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DecisionTable && Arrays.equals(cells, ((DecisionTable) o).cells);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(cells);
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder();
        for (MessageClass m : MessageClass.values()) {
            s.append(m).append(':');
            for (OpenWindow w : OpenWindow.values()) {
                s.append(' ').append(w).append('=').append(outcome(m, w)).append(';');
            }
            s.append('\n');
        }
        return s.toString();
    }

    /** Fills a table cell by cell. */
    public static final class Builder {
        private final Outcome[] cells;

        private Builder(Outcome[] cells) {
            this.cells = cells;
        }

        public Builder set(MessageClass message, OpenWindow window, Outcome outcome) {
            cells[message.ordinal() * COLUMNS + window.ordinal()] = Objects.requireNonNull(outcome, "outcome");
            return this;
        }

        /** Sets one row: the outcomes in a free entry point window, in the service window, and in neither. */
        public Builder row(MessageClass message, Outcome inFreeEntryPoint, Outcome inServiceWindow, Outcome otherwise) {
            return set(message, OpenWindow.FREE_ENTRY_POINT, inFreeEntryPoint)
                    .set(message, OpenWindow.CUSTOMER_SERVICE, inServiceWindow)
                    .set(message, OpenWindow.NONE, otherwise);
        }

        public DecisionTable build() {
            for (MessageClass m : MessageClass.values()) {
                for (OpenWindow w : OpenWindow.values()) {
                    if (cells[m.ordinal() * COLUMNS + w.ordinal()] == null) {
                        throw new IllegalStateException("decision table has no outcome for " + m + " in " + w);
                    }
                }
            }
            return new DecisionTable(cells.clone());
        }
    }
}
