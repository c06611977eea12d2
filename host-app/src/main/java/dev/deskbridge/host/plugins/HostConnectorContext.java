package dev.deskbridge.host.plugins;

import dev.deskbridge.connector.api.ConnectorContext;
import dev.deskbridge.connector.api.ConnectorMetrics;
import dev.deskbridge.connector.api.ConversationLookup;
import dev.deskbridge.connector.api.config.Settings;
import dev.deskbridge.host.store.BadRecordSink;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link ConnectorContext} the host hands one channel or CRM session. Immutable and
 * thread-safe; its parts are the host's own services, narrowed to what the SPI allows.
 */
public final class HostConnectorContext implements ConnectorContext {
    private final String instanceId;
    private final Settings settings;
    private final Clock clock;
    private final ConnectorMetrics metrics;
    private final ConversationLookup conversations;
    private final BadRecordSink badRecords;
    private final Logger logger;

    /**
     * @param instanceId the configured instance id
     * @param settings the instance's validated settings
     * @param clock the host clock
     * @param metrics the instance's metrics, see {@link MicrometerConnectorMetrics}
     * @param conversations the engine's lookup, or {@link NoConversationLookup#INSTANCE}
     * @param badRecords where reported bad records go
     */
    public HostConnectorContext(
            String instanceId,
            Settings settings,
            Clock clock,
            ConnectorMetrics metrics,
            ConversationLookup conversations,
            BadRecordSink badRecords) {
        this.instanceId = Objects.requireNonNull(instanceId, "instanceId");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.conversations = Objects.requireNonNull(conversations, "conversations");
        this.badRecords = Objects.requireNonNull(badRecords, "badRecords");
        this.logger = LoggerFactory.getLogger("dev.deskbridge.connector." + instanceId);
    }

    /** A context whose metrics go to a Micrometer registry, tagged with the instance. */
    public static HostConnectorContext of(
            String instanceId,
            Settings settings,
            Clock clock,
            MeterRegistry registry,
            ConversationLookup conversations,
            BadRecordSink badRecords) {
        return new HostConnectorContext(instanceId, settings, clock,
                new MicrometerConnectorMetrics(registry, instanceId), conversations, badRecords);
    }

    @Override
    public String instanceId() {
        return instanceId;
    }

    @Override
    public Settings settings() {
        return settings;
    }

    @Override
    public Clock clock() {
        return clock;
    }

    @Override
    public Logger logger() {
        return logger;
    }

    @Override
    public ConnectorMetrics metrics() {
        return metrics;
    }

    @Override
    public ConversationLookup conversations() {
        return conversations;
    }

    @Override
    public void reportBadRecord(String source, String reason, byte[] raw) {
        badRecords.report(instanceId, Objects.requireNonNull(source, "source"),
                Objects.requireNonNull(reason, "reason"), raw == null ? new byte[0] : raw.clone());
    }

    @Override
    public String toString() {
        return "HostConnectorContext[instance=" + instanceId + ", " + settings + "]";
    }
}
