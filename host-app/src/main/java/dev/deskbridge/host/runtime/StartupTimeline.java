package dev.deskbridge.host.runtime;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.function.Supplier;

/**
 * How long each start-up step took, and on which thread, counted from the JVM's own start: logged
 * once the host listens, so an operator (and the start-up benchmark) sees where start-up time goes.
 * Thread-safe: steps run on several threads at once.
 */
public final class StartupTimeline {
    /** One step: its name, its thread, when it began and ended (ms after the JVM started). */
    public record Step(String name, String thread, long fromMillis, long toMillis) {
        public Step {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(thread, "thread");
        }

        public long millis() {
            return toMillis - fromMillis;
        }
    }

    private final long jvmStartMillis;
    private final List<Step> steps = new ArrayList<>();

    private StartupTimeline(long jvmStartMillis) {
        this.jvmStartMillis = jvmStartMillis;
    }

    /**
     * Counted from this process's start, to about 10 ms on Linux. Not {@link ProcessHandle.Info#startInstant()}:
     * on Linux the JDK adds the process's start in clock ticks to the boot time in whole seconds, so its
     * instant is up to a second early (0.73 s on one machine), and every step seemed to start that much later.
     */
    public static StartupTimeline sinceJvmStart() {
        long now = System.currentTimeMillis();
        OptionalLong age = ProcessAge.millis(Path.of("/proc"));
        if (age.isPresent()) {
            return new StartupTimeline(now - age.getAsLong());
        }
        return new StartupTimeline(ProcessHandle.current().info().startInstant().map(Instant::toEpochMilli)
                .filter(t -> t <= now).orElse(now));
    }

    /** Runs {@code work} as the named step and returns its result (also when it throws, the step is kept). */
    public <T> T step(String name, Supplier<T> work) {
        long from = now();
        try {
            return work.get();
        } finally {
            add(new Step(name, Thread.currentThread().getName(), from, now()));
        }
    }

    /** As {@link #step(String, Supplier)} without a result. */
    public void run(String name, Runnable work) {
        step(name, () -> {
            work.run();
            return null;
        });
    }

    /** Records the named step as running on this thread from {@code fromMillis} (a {@link #now()}) until now. */
    public void since(String name, long fromMillis) {
        add(new Step(name, Thread.currentThread().getName(), fromMillis, now()));
    }

    /** Milliseconds since the JVM started. */
    public long now() {
        return System.currentTimeMillis() - jvmStartMillis;
    }

    public synchronized List<Step> steps() {
        return List.copyOf(steps);
    }

    private synchronized void add(Step step) {
        steps.add(step);
    }

    /**
     * One line: the total, then each step as {@code name from+millis}, with the thread's name
     * where it is not the one that asked for the summary (steps that ran alongside).
     */
    public String summary() {
        String here = Thread.currentThread().getName();
        StringBuilder line = new StringBuilder("started in ").append(now()).append(" ms since the JVM started:");
        for (Step s : steps()) {
            line.append(' ').append(s.name()).append(' ').append(s.fromMillis()).append('+').append(s.millis());
            if (!s.thread().equals(here)) {
                line.append(" [").append(s.thread()).append(']');
            }
            line.append(',');
        }
        line.setLength(line.length() - 1);
        return line.append(" (ms)").toString();
    }
}
