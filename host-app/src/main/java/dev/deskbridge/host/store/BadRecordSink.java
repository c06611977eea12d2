package dev.deskbridge.host.store;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where records a connector could not handle are kept, with the reason, so an operator can find
 * them. The engine keeps them in its store; {@link #logging()} only logs them.
 */
@FunctionalInterface
public interface BadRecordSink {

    /**
     * Keeps one bad record.
     *
     * @param instanceId the channel or CRM instance that reported it
     * @param source where it came from ({@code webhook}, {@code poll})
     * @param reason what was wrong
     * @param raw the raw bytes, possibly empty; may hold personal data, so never logged
     */
    void report(String instanceId, String source, String reason, byte[] raw);

    /** Logs the report (its size, never its bytes) at WARN; for commands without a store. */
    static BadRecordSink logging() {
        Logger log = LoggerFactory.getLogger(BadRecordSink.class);
        return (instanceId, source, reason, raw) -> log.warn("bad record from {} ({}): {} [{} bytes, not logged]",
                instanceId, source, reason, raw == null ? 0 : raw.length);
    }
}
