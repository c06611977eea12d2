package dev.deskbridge.connector.testkit;

import dev.deskbridge.connector.api.ConversationLookup;
import dev.deskbridge.connector.api.model.ConversationId;
import dev.deskbridge.connector.api.pricing.ConversationStatus;
import dev.deskbridge.connector.api.pricing.OutboundKind;
import dev.deskbridge.connector.api.pricing.Quote;
import dev.deskbridge.connector.api.pricing.TemplateCategory;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** A lookup a test fills in: statuses and quotes per conversation. */
public final class FakeConversationLookup implements ConversationLookup {
    private final Map<ConversationId, ConversationStatus> statuses = new ConcurrentHashMap<>();
    private final Map<ConversationId, Quote> quotes = new ConcurrentHashMap<>();

    public FakeConversationLookup put(ConversationId id, ConversationStatus status) {
        statuses.put(id, status);
        return this;
    }

    public FakeConversationLookup putQuote(ConversationId id, Quote quote) {
        quotes.put(id, quote);
        return this;
    }

    @Override
    public Optional<ConversationStatus> status(ConversationId conversation) {
        return Optional.ofNullable(statuses.get(conversation));
    }

    @Override
    public Quote quote(ConversationId conversation, OutboundKind kind, Optional<TemplateCategory> category) {
        Quote q = quotes.get(conversation);
        if (q == null) {
            throw new IllegalArgumentException("unknown conversation: " + conversation);
        }
        return q;
    }
}
