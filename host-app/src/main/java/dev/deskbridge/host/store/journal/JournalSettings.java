package dev.deskbridge.host.store.journal;

import java.time.Duration;
import java.util.Objects;

/**
 * How large the journal's segments are, how many bytes it holds that the database does not have yet
 * (in memory for the mover, and so on disk: the bound of both), how long an append waits for room
 * before it is refused, and a pause of the mover before each batch (zero but in crash tests, which
 * need the mover to lag behind the acknowledgements).
 */
public record JournalSettings(long segmentBytes, long maxUnconsumedBytes, Duration fullWait, Duration moverPause) {
    /**
     * 8 MiB segments: a force writes only the pages of records since the last one, and a new segment
     * is made ahead of need, so its size is only the spacing of file creations. 64 MiB unconsumed is
     * tens of thousands of events, minutes of a mover's lag at the benchmark's rate.
     */
    public static final JournalSettings DEFAULTS = new JournalSettings(8L << 20, 64L << 20, Duration.ofSeconds(1),
            Duration.ZERO);

    public JournalSettings {
        Objects.requireNonNull(fullWait, "fullWait");
        Objects.requireNonNull(moverPause, "moverPause");
        if (segmentBytes < 4096 || maxUnconsumedBytes < 1) {
            throw new IllegalArgumentException("segments of at least 4096 bytes and a positive bound are needed");
        }
    }

    /** These settings with the mover pausing before each batch (crash tests). */
    public JournalSettings withMoverPause(Duration pause) {
        return new JournalSettings(segmentBytes, maxUnconsumedBytes, fullWait, pause);
    }
}
