package dev.deskbridge.host.runtime;

import dev.deskbridge.connector.api.ConversationLookup;
import dev.deskbridge.host.store.BadRecordSink;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.Objects;

/**
 * What the host offers connector sessions through their context: the conversation lookup, the
 * metrics registry, the business clock and the bad-record store.
 */
public record HostServices(ConversationLookup conversations, MeterRegistry meters, Clock clock,
        BadRecordSink badRecords) {
    public HostServices {
        Objects.requireNonNull(conversations, "conversations");
        Objects.requireNonNull(meters, "meters");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(badRecords, "badRecords");
    }
}
