package dev.deskbridge.connector.api;

import dev.deskbridge.connector.api.config.Settings;
import java.time.Clock;
import org.slf4j.Logger;

/**
 * The narrow port the host hands a session: its settings and a few services. No framework
 * internals cross it. Thread-safe.
 */
public interface ConnectorContext {

    /** The configured instance id ({@code zendesk-main}). */
    String instanceId();

    /** The instance's validated settings, defaults applied. */
    Settings settings();

    /** The host's clock; tests and the demo run it simulated. Use it instead of {@code Instant.now()}. */
    Clock clock();

    /** A logger named after the instance. Never log a secret. */
    Logger logger();

    /** Counters and timers, exported by the host. */
    ConnectorMetrics metrics();

    /** Read-only window state and quotes of conversations. */
    ConversationLookup conversations();

    /**
     * Reports a record the connector could not handle (for example an unreadable item in a
     * provider's answer), so an operator can find it; the host keeps it with the reason.
     *
     * @param source where it came from, for example {@code webhook} or {@code poll}
     * @param reason what was wrong
     * @param raw the raw bytes, if any
     */
    void reportBadRecord(String source, String reason, byte[] raw);
}
