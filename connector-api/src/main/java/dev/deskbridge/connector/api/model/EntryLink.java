package dev.deskbridge.connector.api.model;

import java.util.Objects;

/**
 * The click-to-chat link (a wa.me link, a QR code, a website button) a conversation came from, read
 * by the host from the customer's first message. A CRM shows it on the ticket (a field, a tag).
 *
 * @param code DeskBridge's short code of the link ({@code K7Q2M9}); stable, safe in a tag
 * @param name the name an operator gave the link ({@code Spring poster})
 * @param source where the link is placed, a lower-case tag ({@code poster}, {@code receipt}, {@code product-page})
 */
public record EntryLink(String code, String name, String source) {
    public EntryLink {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(source, "source");
    }
}
