package dev.deskbridge.host.engine;

import dev.deskbridge.connector.api.ConversationLookup;
import dev.deskbridge.connector.api.model.ConversationId;
import dev.deskbridge.connector.api.pricing.ConversationStatus;
import dev.deskbridge.connector.api.pricing.OutboundKind;
import dev.deskbridge.connector.api.pricing.Quote;
import dev.deskbridge.connector.api.pricing.TemplateCategory;
import dev.deskbridge.host.costs.ConnectionUsage;
import dev.deskbridge.host.pricing.PricingRules;
import dev.deskbridge.host.pricing.QuoteRequest;
import dev.deskbridge.host.store.Conversation;
import dev.deskbridge.host.store.ConversationStore;
import dev.deskbridge.host.store.Database;
import java.time.Clock;
import java.time.Duration;
import java.util.Currency;
import java.util.Objects;
import java.util.Optional;

/** Plugins' read-only view of windows and prices, answered from the store and the pricing rules. */
public final class HostConversationLookup implements ConversationLookup {
    private final Database db;
    private final PricingRules pricing;
    private final Clock clock;
    private final Duration warnBefore;
    private final Currency currency;
    private final ConversationStore conversations = new ConversationStore();

    public HostConversationLookup(Database db, PricingRules pricing, Clock clock, Duration warnBefore,
            Currency currency) {
        this.db = Objects.requireNonNull(db, "db");
        this.pricing = Objects.requireNonNull(pricing, "pricing");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.warnBefore = Objects.requireNonNull(warnBefore, "warnBefore");
        this.currency = Objects.requireNonNull(currency, "currency");
    }

    @Override
    public Optional<ConversationStatus> status(ConversationId conversation) {
        return db.inTransaction(c -> {
            Optional<Conversation> found = conversations.findById(c, conversation, false);
            if (found.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(StatusCalculator.status(c, found.get(), clock.instant(), warnBefore, currency));
        });
    }

    @Override
    public Quote quote(ConversationId conversation, OutboundKind kind, Optional<TemplateCategory> category) {
        return db.inTransaction(c -> {
            Conversation found = conversations.findById(c, conversation, false)
                    .orElseThrow(() -> new IllegalArgumentException("unknown conversation: " + conversation));
            return pricing.quote(new QuoteRequest(found.window(), kind, category, clock.instant(), found.business(),
                    found.customer(), new ConnectionUsage(c)));
        });
    }
}
