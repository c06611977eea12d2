package dev.deskbridge.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a phase's slow acknowledgements overlap: the host's safepoints (every stop of its Java
 * threads: GC pauses and the rest), read from its GC log written with {@code -Xlog:gc,safepoint}
 * and {@code utctime}. An acknowledgement that overlaps none waited for something else (the
 * journal's force, the CPU).
 */
final class AckTail {
    private static final Pattern SAFEPOINT = Pattern.compile(
            "^\\[([^\\]]+)\\]\\[[^\\]]+\\] Safepoint \"(\\w+)\".*Total: (\\d+) ns", Pattern.MULTILINE);
    private static final DateTimeFormatter UTC_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ");

    /** A stop of the host's Java threads, in microseconds since the epoch. */
    record Pause(String what, long startMicros, long endMicros) {}

    private AckTail() {}

    /** The safepoints in a GC log; none when it has none or is missing. */
    static List<Pause> pauses(Path gcLog) throws IOException {
        List<Pause> out = new ArrayList<>();
        if (!Files.exists(gcLog)) {
            return out;
        }
        Matcher m = SAFEPOINT.matcher(Files.readString(gcLog));
        while (m.find()) {
            OffsetDateTime end = OffsetDateTime.parse(m.group(1), UTC_TIME);
            long endMicros = end.toEpochSecond() * 1_000_000 + end.getNano() / 1000;
            out.add(new Pause(m.group(2), endMicros - Long.parseLong(m.group(3)) / 1000, endMicros));
        }
        return out;
    }

    /**
     * One line on a phase: acknowledgements (start and duration in µs) at or over {@code slowMillis},
     * how many of them overlap a safepoint, and the safepoints of the phase.
     */
    static String describe(List<long[]> acks, List<Pause> pauses, double slowMillis) {
        if (acks.isEmpty()) {
            return "no acknowledgements";
        }
        long from = Long.MAX_VALUE;
        long to = Long.MIN_VALUE;
        int slow = 0;
        int overlapping = 0;
        for (long[] a : acks) {
            from = Math.min(from, a[0]);
            to = Math.max(to, a[0] + a[1]);
            if (a[1] < slowMillis * 1000) {
                continue;
            }
            slow++;
            for (Pause p : pauses) {
                if (p.startMicros() < a[0] + a[1] && p.endMicros() > a[0]) {
                    overlapping++;
                    break;
                }
            }
        }
        int count = 0;
        long total = 0;
        long longest = 0;
        for (Pause p : pauses) {
            if (p.endMicros() > from && p.startMicros() < to) {
                count++;
                total += p.endMicros() - p.startMicros();
                longest = Math.max(longest, p.endMicros() - p.startMicros());
            }
        }
        return String.format("acks >= %.0f ms: %d, of them overlapping a host safepoint: %d; host safepoints in the"
                + " phase: %d, %.0f ms in all, longest %.1f ms", slowMillis, slow, overlapping, count, total / 1e3,
                longest / 1e3);
    }
}
