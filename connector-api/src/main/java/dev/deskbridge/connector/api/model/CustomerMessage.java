package dev.deskbridge.connector.api.model;

import dev.deskbridge.connector.api.pricing.ConversationStatus;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A customer message handed to a CRM session.
 *
 * @param conversation the conversation, with its ticket when one exists
 * @param message the message as received
 * @param attachments the message's media, already downloaded
 * @param status the window and cost after this message
 * @param retry an earlier attempt to append this message may have reached the CRM (the call failed
 *     without a clear answer, or the host stopped before it recorded the ticket): look on the ticket
 *     for the marker this message's {@link InboundMessage#eventId()} left, never for its text, before
 *     appending it again (an attempt that failed before writing left no marker, so it is written)
 * @param entryLink the click-to-chat link the conversation came from, when its first message carried
 *     one; the link's code is already removed from {@code message}'s text
 */
public record CustomerMessage(ConversationRef conversation, InboundMessage message, List<Attachment> attachments,
        ConversationStatus status, boolean retry, Optional<EntryLink> entryLink) {
    public CustomerMessage {
        Objects.requireNonNull(conversation, "conversation");
        Objects.requireNonNull(message, "message");
        attachments = List.copyOf(Objects.requireNonNull(attachments, "attachments"));
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(entryLink, "entryLink");
    }

    /** A message of a conversation that came from no known link. */
    public CustomerMessage(ConversationRef conversation, InboundMessage message, List<Attachment> attachments,
            ConversationStatus status, boolean retry) {
        this(conversation, message, attachments, status, retry, Optional.empty());
    }

    /** A first attempt: nothing of it can be on the ticket yet. */
    public CustomerMessage(ConversationRef conversation, InboundMessage message, List<Attachment> attachments,
            ConversationStatus status) {
        this(conversation, message, attachments, status, false, Optional.empty());
    }
}
