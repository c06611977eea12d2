package dev.deskbridge.host.admin;

import dev.deskbridge.connector.api.model.ConversationId;
import java.time.Instant;
import java.time.YearMonth;
import java.util.List;
import java.util.Optional;

/**
 * What an operator may ask the running host: the read model behind the admin API, the dashboard
 * and the {@code costs} / {@code conversations} commands. The store answers it from its tables;
 * nothing here is kept only in memory.
 *
 * <p>Replaying dead letters is the one write: it hands items back to the engine's queues.
 * Implementations are thread-safe.
 */
public interface AdminQueries {

    /**
     * Conversations matching the filter, at most {@code filter.limit()}: open windows closing
     * soonest first, then closed ones, the most recently closed first.
     */
    List<ConversationSummary> conversations(ConversationFilter filter);

    /** How many conversations are in each window phase at {@code asOf}. */
    WindowCounts windowCounts(Instant asOf);

    /** One conversation, its phase computed for {@code asOf}; empty when unknown. */
    Optional<ConversationSummary> conversation(ConversationId id, Instant asOf);

    /** The conversation's messages, oldest first; empty when the conversation is unknown. */
    Optional<List<MessageView>> messages(ConversationId id);

    /** The cost ledger's rows whose instant falls in that UTC month, oldest first. */
    List<LedgerEntry> ledger(YearMonth month);

    /**
     * The same rows as {@link #ledger}, handed over one at a time as they are read, for reports
     * over months too large to hold in memory.
     */
    default void forEachLedgerEntry(YearMonth month, java.util.function.Consumer<LedgerEntry> each) {
        ledger(month).forEach(each);
    }

    /** Every plugin the host found, with its state, and the built-in connectors. */
    List<PluginView> plugins();

    /** Items the engine gave up on, newest first. */
    List<DeadLetterView> deadLetters();

    /** Hands one dead letter back to its queue. */
    ReplayOutcome replay(String deadLetterId);

    /** Hands every dead letter back to its queue; returns how many were replayed. */
    int replayAll();
}
