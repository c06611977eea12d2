package dev.deskbridge.host.engine;

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
