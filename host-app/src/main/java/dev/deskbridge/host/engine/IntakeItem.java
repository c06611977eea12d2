package dev.deskbridge.host.engine;

import java.util.Objects;
import java.util.Optional;

/**
 * One verified event on its way to the inbox: its key (source, event id), its type and encoded
 * event, and its partition when the webhook alone tells it; empty when the database must be asked
 * (a status update's conversation, a payment's order), which is done when it is stored.
 */
record IntakeItem(String source, String eventId, String eventType, Optional<String> partition, String payload) {
    IntakeItem {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(eventType, "eventType");
        Objects.requireNonNull(partition, "partition");
        Objects.requireNonNull(payload, "payload");
    }
}
