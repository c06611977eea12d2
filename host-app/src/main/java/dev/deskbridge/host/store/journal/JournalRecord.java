package dev.deskbridge.host.store.journal;

import java.util.Objects;

/**
 * One record of the journal: its payload and where it ends (its segment and the offset just past
 * it), which is what {@link IntakeJournal#consumed(JournalRecord)} is told.
 */
public record JournalRecord(long segment, long end, byte[] payload) {
    public JournalRecord {
        Objects.requireNonNull(payload, "payload");
        if (segment < 1 || end < SegmentFile.HEADER) {
            throw new IllegalArgumentException("a record ends past its header in a numbered segment");
        }
    }

    /** The bytes it takes in its segment (header and payload). */
    long size() {
        return SegmentFile.HEADER + (long) payload.length;
    }
}
