package dev.deskbridge.host.plugins;

import dev.deskbridge.connector.api.ConnectorMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A connector instance's metrics in a Micrometer registry: every name gets the prefix
 * {@code deskbridge_connector_} and the tag {@code instance}, which the connector cannot override.
 */
public final class MicrometerConnectorMetrics implements ConnectorMetrics {
    /** The prefix of every connector metric. */
    public static final String PREFIX = "deskbridge_connector_";
    /** The tag naming the configured instance. */
    public static final String INSTANCE_TAG = "instance";
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_.]*");

    private final MeterRegistry registry;
    private final String instanceId;

    public MicrometerConnectorMetrics(MeterRegistry registry, String instanceId) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.instanceId = Objects.requireNonNull(instanceId, "instanceId");
    }

    @Override
    public void increment(String name, String... tags) {
        registry.counter(name(name), tags(tags)).increment();
    }

    @Override
    public void record(String name, Duration duration, String... tags) {
        Objects.requireNonNull(duration, "duration");
        registry.timer(name(name), tags(tags)).record(duration);
    }

    private static String name(String name) {
        Objects.requireNonNull(name, "name");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("metric name must be lower-case letters, digits, '_' or '.': " + name);
        }
        return PREFIX + name;
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
