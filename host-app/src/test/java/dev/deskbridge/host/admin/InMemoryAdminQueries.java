package dev.deskbridge.host.admin;

import dev.deskbridge.connector.api.model.ConversationId;
import dev.deskbridge.connector.api.model.PhoneNumber;
import dev.deskbridge.connector.api.model.TicketRef;
import dev.deskbridge.connector.api.pricing.Money;
import dev.deskbridge.connector.api.pricing.WindowPhase;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** The read model in memory, for tests only; the running host answers from its store. */
public final class InMemoryAdminQueries implements AdminStore {

    /** A stored conversation; its phase is computed per question, as the store does. */
    public record StoredConversation(ConversationId id, String channel, String crm, PhoneNumber customer,
            Optional<TicketRef> ticket, Optional<Instant> windowClosesAt, Optional<Instant> lastMessageAt) {
        public StoredConversation {
            Objects.requireNonNull(id, "id");
        }
    }

    private final Duration warnBefore;
    private final Map<ConversationId, StoredConversation> conversations = new LinkedHashMap<>();
    private final Map<ConversationId, List<MessageView>> messages = new LinkedHashMap<>();
    private final List<LedgerEntry> ledger = new ArrayList<>();
    private final List<PluginView> plugins = new ArrayList<>();
    private final List<DeadLetterView> deadLetters = new ArrayList<>();
    private final List<String> replayed = new ArrayList<>();
    private int closed;

    public InMemoryAdminQueries(Duration warnBefore) {
        this.warnBefore = warnBefore;
    }

    public synchronized InMemoryAdminQueries add(StoredConversation c, List<MessageView> msgs) {
        conversations.put(c.id(), c);
        messages.put(c.id(), List.copyOf(msgs));
        return this;
    }

    public synchronized InMemoryAdminQueries add(LedgerEntry e) {
        ledger.add(e);
        return this;
    }

    public synchronized InMemoryAdminQueries add(PluginView p) {
        plugins.add(p);
        return this;
    }

    public synchronized InMemoryAdminQueries add(DeadLetterView d) {
        deadLetters.add(d);
        return this;
    }

    /** How many times it was closed. */
    public synchronized int closed() {
        return closed;
    }

    @Override
    public synchronized void close() {
        closed++;
    }

    /** Ids handed back to their queues, in order. */
    public synchronized List<String> replayed() {
        return List.copyOf(replayed);
    }

    @Override
    public synchronized List<ConversationSummary> conversations(ConversationFilter filter) {
        return conversations.values().stream()
                .map(c -> summary(c, filter.asOf()))
                .filter(filter::matches)
                .sorted(ConversationSummary.CLOSING_SOONEST)
                .limit(filter.limit())
                .toList();
    }

    @Override
    public synchronized WindowCounts windowCounts(Instant asOf) {
        List<ConversationSummary> all = conversations.values().stream().map(c -> summary(c, asOf)).toList();
        return new WindowCounts(count(all, WindowPhase.OPEN), count(all, WindowPhase.CLOSING),
                count(all, WindowPhase.CLOSED));
    }

    private static long count(List<ConversationSummary> all, WindowPhase phase) {
        return all.stream().filter(c -> c.phase() == phase).count();
    }

    @Override
    public synchronized Optional<ConversationSummary> conversation(ConversationId id, Instant asOf) {
        return Optional.ofNullable(conversations.get(id)).map(c -> summary(c, asOf));
    }

    @Override
    public synchronized Optional<List<MessageView>> messages(ConversationId id) {
        return Optional.ofNullable(messages.get(id));
    }

    @Override
    public synchronized List<LedgerEntry> ledger(YearMonth month) {
        return ledger.stream()
                .filter(e -> YearMonth.from(e.at().atOffset(ZoneOffset.UTC)).equals(month))
                .sorted(Comparator.comparing(LedgerEntry::at))
                .toList();
    }

    @Override
    public synchronized List<PluginView> plugins() {
        return List.copyOf(plugins);
    }

    @Override
    public synchronized List<DeadLetterView> deadLetters() {
        return deadLetters.stream().sorted(Comparator.comparing(DeadLetterView::deadAt).reversed()).toList();
    }

    @Override
    public synchronized ReplayOutcome replay(String deadLetterId) {
        boolean removed = deadLetters.removeIf(d -> d.id().equals(deadLetterId));
        if (removed) {
            replayed.add(deadLetterId);
        }
        return removed ? ReplayOutcome.REPLAYED : ReplayOutcome.NOT_FOUND;
    }

    @Override
    public synchronized int replayAll() {
        int n = deadLetters.size();
        deadLetters.forEach(d -> replayed.add(d.id()));
        deadLetters.clear();
        return n;
    }

    private ConversationSummary summary(StoredConversation c, Instant asOf) {
        WindowPhase phase = c.windowClosesAt()
                .map(end -> !end.isAfter(asOf) ? WindowPhase.CLOSED
                        : !end.isAfter(asOf.plus(warnBefore)) ? WindowPhase.CLOSING : WindowPhase.OPEN)
                .orElse(WindowPhase.CLOSED);
        Money cost = ledger.stream()
                .filter(e -> e.conversation().equals(c.id()))
                .map(LedgerEntry::cost)
                .reduce(Money::plus)
                .orElse(Money.zero("USD"));
        return new ConversationSummary(c.id(), c.channel(), c.crm(), c.customer(), c.ticket(), c.windowClosesAt(),
                phase, cost, c.lastMessageAt());
    }
}
