package dev.deskbridge.connector.zendesk.ticket;

import dev.deskbridge.connector.api.model.ConversationId;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Zendesk {@code Idempotency-Key}s for ticket creation: the same conversation, message and purpose
 * always give the same key, so a retried create is answered with the first ticket.
 */
public final class IdempotencyKeys {
    private IdempotencyKeys() {}

    /**
     * The key for creating a ticket.
     *
     * @param conversation the conversation the ticket carries
     * @param messageEventId the event id of the customer message that opens the ticket
     * @param purpose what the ticket is: {@code new}, {@code followup:<old id>}, ...
     */
    public static String ticketCreate(ConversationId conversation, String messageEventId, String purpose) {
        String material = conversation.value() + "\n" + messageEventId + "\n" + purpose;
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(material.getBytes(StandardCharsets.UTF_8));
            return "deskbridge-" + HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }
}
