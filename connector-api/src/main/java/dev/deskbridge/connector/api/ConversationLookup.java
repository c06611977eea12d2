package dev.deskbridge.connector.api;

import dev.deskbridge.connector.api.model.ConversationId;
import dev.deskbridge.connector.api.pricing.ConversationStatus;
import dev.deskbridge.connector.api.pricing.OutboundKind;
import dev.deskbridge.connector.api.pricing.Quote;
import dev.deskbridge.connector.api.pricing.TemplateCategory;
import java.util.Optional;

/**
 * Read-only view of conversations' windows and prices, answered by the host's pricing rules.
 * Plugins ask here; they never re-implement the rules.
 */
public interface ConversationLookup {

    /** The conversation's window and cost now, or empty when the host does not know it. */
    Optional<ConversationStatus> status(ConversationId conversation);

    /**
     * What sending a message of that kind to the conversation now would cost.
     *
     * @param category the template's category; required for {@link OutboundKind#TEMPLATE}
     * @throws IllegalArgumentException when the conversation is unknown
     */
    Quote quote(ConversationId conversation, OutboundKind kind, Optional<TemplateCategory> category);
}
