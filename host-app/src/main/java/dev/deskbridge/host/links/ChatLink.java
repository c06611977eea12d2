package dev.deskbridge.host.links;

import dev.deskbridge.connector.api.model.EntryLink;
import dev.deskbridge.connector.api.model.PhoneNumber;
import dev.deskbridge.host.logging.LogSafe;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A click-to-chat link: a wa.me link to a business number prefilling {@link #prefilledMessage()},
 * which carries the link's code so the customer's first message says where they came from.
 *
 * @param code DeskBridge's short code ({@link LinkCodes})
 * @param name what the operator calls it ({@code Spring poster})
 * @param source where it is placed, a lower-case tag ({@code poster})
 * @param channelId the channel whose number it opens
 * @param business that number
 * @param message the text the customer sees prefilled, without the code
 * @param metaCode Meta's QR code id, when the link has a QR code and short link at Meta
 * @param metaShortLink Meta's short link ({@code https://wa.me/message/...}), with {@code metaCode}
 * @param createdAt when it was created
 * @param deletedAt when it was deleted; a deleted link still names the conversations it brought
 */
public record ChatLink(String code, String name, String source, String channelId, PhoneNumber business,
        String message, Optional<String> metaCode, Optional<String> metaShortLink, Instant createdAt,
        Optional<Instant> deletedAt) {
    public ChatLink {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(channelId, "channelId");
        Objects.requireNonNull(business, "business");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(metaCode, "metaCode");
        Objects.requireNonNull(metaShortLink, "metaShortLink");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(deletedAt, "deletedAt");
    }

    /** The text the link prefills: the message and the code. */
    public String prefilledMessage() {
        return LinkCodes.prefilled(message, code);
    }

    /** {@code https://wa.me/<digits>?text=<prefilled>}, as WhatsApp documents click-to-chat. */
    public String waMeUrl() {
        return "https://wa.me/" + business.digits() + "?text="
                + URLEncoder.encode(prefilledMessage(), StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** What a CRM shows of it; a name stored before control characters were refused shows them escaped. */
    public EntryLink entryLink() {
        return new EntryLink(code, LogSafe.printable(name), source);
    }

    public boolean deleted() {
        return deletedAt.isPresent();
    }
}
