package dev.deskbridge.connector.testkit;

import dev.deskbridge.connector.api.ConnectorMetrics;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/** Metrics that remember what was recorded, keyed by name and tags ({@code name{k=v,...}}). */
public final class RecordingMetrics implements ConnectorMetrics {
    private final Map<String, AtomicLong> counters = new ConcurrentHashMap<>();
    private final Map<String, List<Duration>> timers = new ConcurrentHashMap<>();

    @Override
    public void increment(String name, String... tags) {
        counters.computeIfAbsent(key(name, tags), k -> new AtomicLong()).incrementAndGet();
    }

    @Override
    public void record(String name, Duration duration, String... tags) {
        timers.computeIfAbsent(key(name, tags), k -> new CopyOnWriteArrayList<>()).add(duration);
    }

    /** The count under exactly this name and tags. */
    public long count(String name, String... tags) {
        AtomicLong c = counters.get(key(name, tags));
        return c == null ? 0 : c.get();
    }

    /** The total of a counter over all its tag combinations. */
    public long total(String name) {
        return counters.entrySet().stream()
                .filter(e -> e.getKey().equals(name) || e.getKey().startsWith(name + "{"))
                .mapToLong(e -> e.getValue().get())
                .sum();
    }

    public List<Duration> timings(String name, String... tags) {
        return List.copyOf(timers.getOrDefault(key(name, tags), List.of()));
    }

    private static String key(String name, String... tags) {
        if (tags.length % 2 != 0) {
            throw new IllegalArgumentException("tags come in key, value pairs");
        }
        if (tags.length == 0) {
            return name;
        }
        StringBuilder sb = new StringBuilder(name).append('{');
        for (int i = 0; i < tags.length; i += 2) {
            sb.append(i == 0 ? "" : ",").append(tags[i]).append('=').append(tags[i + 1]);
        }
        return sb.append('}').toString();
    }
}
