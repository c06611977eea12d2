package dev.deskbridge.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * The whole machine's CPU time by kind, from the first line of Linux's {@code /proc/stat}. A
 * benchmark's figures move with what the machine's neighbours take: on a virtual machine the
 * hypervisor's {@code steal} is the time its CPUs wanted to run and were not given (on this product's
 * benchmark machine it reached a quarter of the time in some phases), so a phase says how much was
 * stolen while it ran, and how busy the machine was.
 *
 * @param busy user, nice, system, irq and softirq ticks (guest time is inside user and nice)
 * @param idle idle and iowait ticks
 * @param steal ticks the hypervisor gave to others
 */
record MachineCpu(long busy, long idle, long steal) {
    private static final Path STAT = Path.of("/proc/stat");

    /** The machine's counters now; null where {@code /proc/stat} cannot be read. */
    static MachineCpu now() {
        try {
            return parse(Files.readString(STAT));
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** The counters of {@code /proc/stat}'s text; its first line sums all CPUs. */
    static MachineCpu parse(String procStat) {
        Objects.requireNonNull(procStat, "procStat");
        String first = procStat.lines().findFirst().orElse("");
        String[] f = first.trim().split("\\s+");
        if (!f[0].equals("cpu") || f.length < 9) {
            throw new IllegalArgumentException("not the summary line of /proc/stat: " + first);
        }
        long user = Long.parseLong(f[1]);
        long nice = Long.parseLong(f[2]);
        long system = Long.parseLong(f[3]);
        long idle = Long.parseLong(f[4]);
        long iowait = Long.parseLong(f[5]);
        long irq = Long.parseLong(f[6]);
        long softirq = Long.parseLong(f[7]);
        long steal = Long.parseLong(f[8]);
        return new MachineCpu(user + nice + system + irq + softirq, idle + iowait, steal);
    }

    /** What the machine did between two readings, as a sentence; "unknown" without both. */
    static String between(MachineCpu before, MachineCpu after) {
        if (before == null || after == null) {
            return "the machine's CPU time: unknown";
        }
        long b = after.busy - before.busy;
        long i = after.idle - before.idle;
        long s = after.steal - before.steal;
        long all = b + i + s;
        if (all <= 0) {
            return "the machine's CPU time: unknown";
        }
        return String.format("the machine's CPU time: busy %.0f %%, idle %.0f %%, stolen by the hypervisor %.0f %%",
                100.0 * b / all, 100.0 * i / all, 100.0 * s / all);
    }
}
