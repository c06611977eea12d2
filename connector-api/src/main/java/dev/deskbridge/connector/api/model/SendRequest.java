package dev.deskbridge.connector.api.model;

import java.util.Objects;
import java.util.Optional;

/**
 * One message to send.
 *
 * @param idempotencyKey the host's outbox id; the same key is used on every retry of this send
 * @param business the business number to send from
 * @param to the customer
 * @param message what to send
 * @param replyTo the provider id of a customer message to quote
 */
public record SendRequest(String idempotencyKey, PhoneNumber business, PhoneNumber to, OutboundMessage message,
        Optional<String> replyTo) {
    public SendRequest {
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
        Objects.requireNonNull(business, "business");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(replyTo, "replyTo");
    }
}
