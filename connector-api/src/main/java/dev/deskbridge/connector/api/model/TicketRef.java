package dev.deskbridge.connector.api.model;

import java.util.Objects;
import java.util.Optional;

/**
 * A CRM's reference to the ticket (or conversation) that carries a WhatsApp conversation.
 *
 * @param id the CRM's own id, opaque to the host
 * @param webUrl where an agent opens it, when known
 * @param crmData what else the CRM session wants back with this ticket (for example the requester's
 *     id in the CRM), opaque to the host: the host stores it with the ticket and hands it back on the
 *     conversation's later calls, so the session need not look it up again. At most
 *     {@value #MAX_CRM_DATA} characters.
 */
public record TicketRef(String id, Optional<String> webUrl, Optional<String> crmData) {
    /** The longest {@link #crmData} the host stores. */
    public static final int MAX_CRM_DATA = 512;

    public TicketRef {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(webUrl, "webUrl");
        Objects.requireNonNull(crmData, "crmData");
        if (id.isBlank()) {
            throw new IllegalArgumentException("ticket id must not be blank");
        }
        if (crmData.isPresent() && crmData.get().length() > MAX_CRM_DATA) {
            throw new IllegalArgumentException("ticket crmData is longer than " + MAX_CRM_DATA + " characters");
        }
    }

    /** A reference without CRM data. */
    public TicketRef(String id, Optional<String> webUrl) {
        this(id, webUrl, Optional.empty());
    }

    public static TicketRef of(String id) {
        return new TicketRef(id, Optional.empty());
    }
}
