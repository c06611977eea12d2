package dev.deskbridge.host.store;

import dev.deskbridge.connector.api.model.ConversationId;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A message as stored: inbound from the customer or outbound from the business.
 *
 * @param direction {@code IN} or {@code OUT}
 * @param kind {@code text}, {@code media}, {@code template}, ...
 * @param purpose for outbound: {@code REPLY}, {@code REENGAGE} or {@code HELD_REPLY}
 * @param crmTicketId for inbound: the ticket the CRM put it on, once it did
 * @param status {@code RECEIVED} for inbound; the delivery status for outbound
 * @param windowState {@code OPEN} or {@code CLOSED}: the service window when it was received or queued
 */
public record StoredMessage(long id, ConversationId conversationId, String direction, String kind,
        Optional<String> purpose, Optional<String> providerMessageId, Optional<String> crmEventId,
        Optional<String> crmTicketId, Optional<Long> outboxId, String summary, Optional<String> author, String status,
        Optional<String> error, String windowState, Instant sentAt) {
    public StoredMessage {
        Objects.requireNonNull(conversationId, "conversationId");
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(purpose, "purpose");
        Objects.requireNonNull(providerMessageId, "providerMessageId");
        Objects.requireNonNull(crmEventId, "crmEventId");
        Objects.requireNonNull(crmTicketId, "crmTicketId");
        Objects.requireNonNull(outboxId, "outboxId");
        Objects.requireNonNull(summary, "summary");
        Objects.requireNonNull(author, "author");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(error, "error");
        Objects.requireNonNull(windowState, "windowState");
        Objects.requireNonNull(sentAt, "sentAt");
    }
}
