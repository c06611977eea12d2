package dev.deskbridge.host.engine;

import dev.deskbridge.connector.api.pricing.ConversationStatus;
import dev.deskbridge.connector.api.pricing.Money;
import dev.deskbridge.connector.api.pricing.WindowPhase;
import dev.deskbridge.connector.api.pricing.WindowState;
import dev.deskbridge.host.costs.LedgerQueries;
import dev.deskbridge.host.store.Conversation;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Currency;
import java.util.Optional;

/** What a CRM is shown about a conversation: window phase, closing time and cost so far. */
final class StatusCalculator {
    private StatusCalculator() {}

    static ConversationStatus status(Connection c, Conversation conversation, Instant now, Duration warnBefore,
            Currency currency) throws SQLException {
        Money cost = LedgerQueries.conversationCost(c, conversation.id(), currency);
        return status(conversation.window(), now, warnBefore, cost);
    }

    static ConversationStatus status(WindowState window, Instant now, Duration warnBefore, Money costSoFar) {
        if (!window.serviceWindowOpenAt(now)) {
            return new ConversationStatus(window, WindowPhase.CLOSED, Optional.empty(), costSoFar, now);
        }
        Instant closesAt = window.serviceWindowEndsAt().orElseThrow();
        WindowPhase phase = now.isBefore(closesAt.minus(warnBefore)) ? WindowPhase.OPEN : WindowPhase.CLOSING;
        return new ConversationStatus(window, phase, Optional.of(closesAt), costSoFar, now);
    }

    /** {@code open} or {@code closed}, for messages and metrics. */
    static String windowLabel(WindowState window, Instant at) {
        return window.serviceWindowOpenAt(at) ? "OPEN" : "CLOSED";
    }
}
