package dev.deskbridge.connector.api.model;

import java.util.Objects;
import java.util.Optional;

/**
 * A CRM's reference to the ticket (or conversation) that carries a WhatsApp conversation.
 *
 * @param id the CRM's own id, opaque to the host
 * @param webUrl where an agent opens it, when known
 */
public record TicketRef(String id, Optional<String> webUrl) {
    public TicketRef {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(webUrl, "webUrl");
        if (id.isBlank()) {
            throw new IllegalArgumentException("ticket id must not be blank");
        }
    }

    public static TicketRef of(String id) {
        return new TicketRef(id, Optional.empty());
    }
}
