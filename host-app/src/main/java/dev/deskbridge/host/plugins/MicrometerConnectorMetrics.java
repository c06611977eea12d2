package dev.deskbridge.host.plugins;

import dev.deskbridge.connector.api.ConnectorMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A connector instance's metrics in a Micrometer registry: every name gets the prefix
 * {@code deskbridge_connector_} and the tag {@code instance}, which the connector cannot override.
 *
 * <p>A plugin may take a tag's value from what a webhook said (a field name, an error code): each
 * metric name keeps at most {@link #MAX_SERIES_PER_NAME} combinations of tag values, and later new
 * ones are counted under the value {@code other}, so input cannot grow the registry without bound.
 */
public final class MicrometerConnectorMetrics implements ConnectorMetrics {
    /** The prefix of every connector metric. */
    public static final String PREFIX = "deskbridge_connector_";
    /** The tag naming the configured instance. */
    public static final String INSTANCE_TAG = "instance";
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_.]*");
    /** The most combinations of tag values one metric name keeps. */
    static final int MAX_SERIES_PER_NAME = 100;
    /** What every tag value of a combination past the bound becomes. */
    static final String OTHER = "other";
    private static final Logger LOG = LoggerFactory.getLogger(MicrometerConnectorMetrics.class);

    private final MeterRegistry registry;
    private final String instanceId;
    /** The combinations each metric name has, up to the bound. */
    private final Map<String, Set<Tags>> series = new ConcurrentHashMap<>();
    /** The names whose bound was reached (said once each). */
    private final Set<String> boundReached = ConcurrentHashMap.newKeySet();

    public MicrometerConnectorMetrics(MeterRegistry registry, String instanceId) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.instanceId = Objects.requireNonNull(instanceId, "instanceId");
    }

    @Override
    public void increment(String name, String... tags) {
        String full = name(name);
        registry.counter(full, bounded(full, tags(tags))).increment();
    }

    @Override
    public void record(String name, Duration duration, String... tags) {
        Objects.requireNonNull(duration, "duration");
        String full = name(name);
        registry.timer(full, bounded(full, tags(tags))).record(duration);
    }

    private static String name(String name) {
        Objects.requireNonNull(name, "name");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("metric name must be lower-case letters, digits, '_' or '.': " + name);
        }
        return PREFIX + name;
    }

    /** The tags as given while the name has room for them, else the same keys with {@link #OTHER} values. */
    private Tags bounded(String name, Tags tags) {
        Set<Tags> known = series.computeIfAbsent(name, n -> ConcurrentHashMap.newKeySet());
        if (known.contains(tags)) {
            return tags;
        }
        synchronized (known) {
            if (known.size() < MAX_SERIES_PER_NAME) {
                known.add(tags);
                return tags;
            }
        }
        if (boundReached.add(name)) {
            LOG.warn("connector {}: metric {} has {} combinations of tag values; new ones count as '{}'",
                    instanceId, name, MAX_SERIES_PER_NAME, OTHER);
        }
        List<Tag> other = new ArrayList<>();
        for (Tag t : tags) {
            other.add(INSTANCE_TAG.equals(t.getKey()) ? t : Tag.of(t.getKey(), OTHER));
        }
        return Tags.of(other);
    }

    private Tags tags(String... keyValues) {
        if (keyValues.length % 2 != 0) {
            throw new IllegalArgumentException("tags must be key, value pairs");
        }
        List<Tag> tags = new ArrayList<>(keyValues.length / 2 + 1);
        tags.add(Tag.of(INSTANCE_TAG, instanceId));
        for (int i = 0; i < keyValues.length; i += 2) {
            if (INSTANCE_TAG.equals(keyValues[i])) {
                throw new IllegalArgumentException("the tag 'instance' is set by the host");
            }
            tags.add(Tag.of(keyValues[i], keyValues[i + 1]));
        }
        return Tags.of(tags);
    }
}
