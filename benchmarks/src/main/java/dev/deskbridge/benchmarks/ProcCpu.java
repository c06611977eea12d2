package dev.deskbridge.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * CPU time from Linux's {@code /proc}, for what {@code ProcessHandle} does not tell: a server's
 * processes that ended (their time is added to the parent that reaped them), and one JVM's threads
 * by name. -1 where {@code /proc} cannot be read.
 */
final class ProcCpu {
    /** USER_HZ, the unit of /proc's times: 100 on every Linux the JDK runs on. */
    private static final long MILLIS_PER_TICK = 10;

    private ProcCpu() {}

    /** The process, its live descendants, and the children it reaped, in milliseconds. */
    static long treeMillis(long pid) {
        ProcessHandle root = ProcessHandle.of(pid).orElse(null);
        long[] own = fields(Path.of("/proc", Long.toString(pid), "stat"));
        if (root == null || own == null) {
            return -1;
        }
        long ticks = own[0] + own[1] + own[2] + own[3];
        for (ProcessHandle child : root.descendants().toList()) {
            long[] f = fields(Path.of("/proc", Long.toString(child.pid()), "stat"));
            // One that ended meanwhile counts in its parent's reaped time.
            ticks += f == null ? 0 : f[0] + f[1];
        }
        return ticks * MILLIS_PER_TICK;
    }

    /** The threads of process {@code pid} whose name passes {@code name}, in milliseconds. */
    static long threadsMillis(long pid, Predicate<String> name) {
        Map<String, Long> threads = threads(pid, name);
        return threads == null ? -1 : threads.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Per thread id, the CPU of process {@code pid}'s threads whose name passes {@code name} (ms); null when unreadable. */
    static Map<String, Long> threads(long pid, Predicate<String> name) {
        Path tasks = Path.of("/proc", Long.toString(pid), "task");
        List<Path> all;
        try (Stream<Path> list = Files.list(tasks)) {
            all = list.toList();
        } catch (IOException e) {
            return null;
        }
        Map<String, Long> out = new HashMap<>();
        for (Path task : all) {
            try {
                if (name.test(Files.readString(task.resolve("comm")).strip())) {
                    long[] f = fields(task.resolve("stat"));
                    if (f != null) {
                        out.put(task.getFileName().toString(), (f[0] + f[1]) * MILLIS_PER_TICK);
                    }
                }
            } catch (IOException e) {
                // A thread that ended meanwhile.
            }
        }
        return out;
    }

    /**
     * The CPU the threads of {@code after} used since {@code before} (ms). HotSpot starts and stops
     * compiler threads as it likes: one that ended in between takes its time with it (so this is a
     * floor), and one that started counts whole. -1 when either is unknown.
     */
    static long since(Map<String, Long> before, Map<String, Long> after) {
        if (before == null || after == null) {
            return -1;
        }
        return after.entrySet().stream().mapToLong(e -> Math.max(0, e.getValue() - before.getOrDefault(e.getKey(), 0L)))
                .sum();
    }

    /** utime, stime, cutime, cstime of a stat file; null when it is gone. */
    private static long[] fields(Path stat) {
        String[] f = statFields(stat);
        if (f == null) {
            return null;
        }
        // utime is the 14th field.
        return new long[] {Long.parseLong(f[11]), Long.parseLong(f[12]), Long.parseLong(f[13]), Long.parseLong(f[14])};
    }

    /**
     * The fields of a {@code /proc} stat file after the command name (which may hold spaces and parentheses):
     * index 0 is the third field (the state), index N the (N+3)th; null when the file is gone.
     */
    static String[] statFields(Path stat) {
        String s;
        try {
            s = Files.readString(stat);
        } catch (IOException e) {
            return null;
        }
        return s.substring(s.lastIndexOf(')') + 2).split(" ");
    }
}
