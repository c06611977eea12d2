package dev.deskbridge.connector.testkit;

import dev.deskbridge.connector.api.ConnectorContext;
import dev.deskbridge.connector.api.config.ConfigSpec;
import dev.deskbridge.connector.api.config.Settings;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A {@link ConnectorContext} for tests: a manual clock, recording metrics, collected bad records. */
public final class FakeConnectorContext implements ConnectorContext {

    /** A bad record a connector reported. */
    public record BadRecord(String source, String reason, byte[] raw) {}

    private final String instanceId;
    private final Settings settings;
    private final ManualClock clock;
    private final RecordingMetrics metrics = new RecordingMetrics();
    private final FakeConversationLookup conversations = new FakeConversationLookup();
    private final List<BadRecord> badRecords = new CopyOnWriteArrayList<>();

    public FakeConnectorContext(String instanceId, Settings settings, ManualClock clock) {
        this.instanceId = Objects.requireNonNull(instanceId, "instanceId");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Resolves raw settings against a spec (failing on problems) and starts the clock at a fixed instant. */
    public static FakeConnectorContext of(ConfigSpec spec, Map<String, String> raw) {
        return new FakeConnectorContext("test-instance", spec.resolve(raw), ManualClock.at(dev.deskbridge.connector.testkit.fixtures.Fixtures.NOW.toString()));
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

    public ManualClock manualClock() {
        return clock;
    }

    @Override
    public Logger logger() {
        return LoggerFactory.getLogger("deskbridge.connector." + instanceId);
    }

    @Override
    public RecordingMetrics metrics() {
        return metrics;
    }

    @Override
    public FakeConversationLookup conversations() {
        return conversations;
    }

    @Override
    public void reportBadRecord(String source, String reason, byte[] raw) {
        badRecords.add(new BadRecord(source, reason, raw == null ? new byte[0] : raw.clone()));
    }

    public List<BadRecord> badRecords() {
        return List.copyOf(badRecords);
    }
}
