package dev.deskbridge.host.plugins;

import dev.deskbridge.connector.api.ConversationLookup;
import dev.deskbridge.connector.api.model.ConversationId;
import dev.deskbridge.connector.api.pricing.ConversationStatus;
import dev.deskbridge.connector.api.pricing.OutboundKind;
import dev.deskbridge.connector.api.pricing.Quote;
import dev.deskbridge.connector.api.pricing.TemplateCategory;
import java.util.Optional;

/**
 * The conversation lookup of commands that run without the store (for example
 * {@code deskbridge zendesk setup}): it knows no conversation.
 */
public final class NoConversationLookup implements ConversationLookup {
    /** The only instance. */
    public static final NoConversationLookup INSTANCE = new NoConversationLookup();

    private NoConversationLookup() {}

    @Override
    public Optional<ConversationStatus> status(ConversationId conversation) {
        return Optional.empty();
    }

    @Override
    public Quote quote(ConversationId conversation, OutboundKind kind, Optional<TemplateCategory> category) {
        throw new IllegalArgumentException("unknown conversation " + conversation
                + ": this command runs without the conversation store");
    }
}
