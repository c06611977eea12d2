package dev.deskbridge.host.engine;

import dev.deskbridge.host.config.RouteConfig;
import dev.deskbridge.host.pricing.WindowRules;
import dev.deskbridge.connector.api.pricing.ConversationStatus;
import dev.deskbridge.connector.api.pricing.Money;
import dev.deskbridge.connector.api.pricing.WindowState;
import dev.deskbridge.host.costs.LedgerQueries;
import dev.deskbridge.host.store.Conversation;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Currency;

/** What a CRM is shown about a conversation: window phase, closing time and cost so far. */
final class StatusCalculator {
    private StatusCalculator() {}

    /**
     * The status as of {@code now}, with the engine's warning lead and the cost in the currency of
     * the conversation's route (its budget's, else the engine's).
     */
    static ConversationStatus status(Connection c, EngineContext ctx, Conversation conversation, Instant now)
            throws SQLException {
        Currency currency = ctx.routes().of(conversation.channelId(), conversation.crmId())
                .map(route -> currency(ctx, route)).orElse(ctx.settings().currency());
        return status(c, conversation, now, ctx.settings().warnBefore(), currency);
    }

    /** The currency a route's costs are shown in: its monthly budget's, else the engine's. */
    static Currency currency(EngineContext ctx, RouteConfig route) {
        return route.monthlyBudget().map(Money::currency).orElse(ctx.settings().currency());
    }

    static ConversationStatus status(Connection c, Conversation conversation, Instant now, Duration warnBefore,
            Currency currency) throws SQLException {
        Money cost = LedgerQueries.conversationCost(c, conversation.id(), currency);
        // The phase rule lives with the window rules; the engine only adds the ledger's figure.
        return WindowRules.status(conversation.window(), now, warnBefore, cost);
    }

    /** {@code open} or {@code closed}, for messages and metrics. */
    static String windowLabel(WindowState window, Instant at) {
        return window.serviceWindowOpenAt(at) ? "OPEN" : "CLOSED";
    }
}
