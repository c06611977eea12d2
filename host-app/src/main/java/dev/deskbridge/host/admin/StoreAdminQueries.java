package dev.deskbridge.host.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.deskbridge.connector.api.model.ConversationId;
import dev.deskbridge.connector.api.model.PhoneNumber;
import dev.deskbridge.connector.api.model.TicketRef;
import dev.deskbridge.connector.api.pricing.Money;
import dev.deskbridge.connector.api.pricing.OutboundKind;
import dev.deskbridge.connector.api.pricing.PricingCategory;
import dev.deskbridge.connector.api.pricing.PricingType;
import dev.deskbridge.connector.api.pricing.Quote;
import dev.deskbridge.connector.api.pricing.TemplateCategory;
import dev.deskbridge.connector.api.pricing.WindowPhase;
import dev.deskbridge.connector.api.pricing.WindowState;
import dev.deskbridge.host.pricing.MonthlyUsage;
import dev.deskbridge.host.pricing.PricingException;
import dev.deskbridge.host.pricing.PricingRules;
import dev.deskbridge.host.pricing.QuoteRequest;
import dev.deskbridge.host.store.ConversationStore;
import dev.deskbridge.host.store.Database;
import dev.deskbridge.host.store.DeadLetterStore;
import dev.deskbridge.host.store.Jdbc;
import java.io.IOException;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Currency;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Collectors;

// size: the admin read model's SQL over the engine's tables in one place.
/**
 * The admin read model over the engine's tables. Conversations come a page at a time through the
 * index on the window's end, so a store of a million conversations answers as fast as a small one.
 * Replaying dead letters goes through the engine's {@link DeadLetterStore}.
 */
public final class StoreAdminQueries implements AdminStore {
    /** A row's cost: settled where known, else quoted (the engine's rule). */
    private static final String COST = "COALESCE(settled_meta_fee, quoted_meta_fee) + COALESCE(settled_channel_fee, "
            + "quoted_channel_fee)";
    /** "Money saved" prices the template that reopens a window at the rate card's first tier. */
    private static final MonthlyUsage FIRST_TIER = new MonthlyUsage() {
        @Override
        public long billedCount(String market, PricingCategory category, YearMonth month) {
            return 0;
        }

        @Override
        public long freeServiceCount(PhoneNumber business, YearMonth month) {
            return 0;
        }
    };
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The engine's own lookups, so a queue item's conversation is found the way the engine files it. */
    private static final ConversationStore CONVERSATIONS = new ConversationStore();
    /** The newest dead letters listed; more means something is badly wrong, and the CLI lists them all. */
    private static final int MAX_DEAD_LETTERS = 500;

    private final Database db;
    private final boolean ownsDatabase;
    private final PricingRules pricing;
    private final Duration warnBefore;
    private final Currency currency;
    private final Supplier<List<PluginView>> plugins;
    private final Clock clock;
    private final DeadLetterStore deadLetters;

    private StoreAdminQueries(Database db, boolean ownsDatabase, PricingRules pricing, Duration warnBefore,
            Currency currency, Supplier<List<PluginView>> plugins, Clock clock) {
        this.db = Objects.requireNonNull(db, "db");
        this.ownsDatabase = ownsDatabase;
        this.pricing = Objects.requireNonNull(pricing, "pricing");
        this.warnBefore = Objects.requireNonNull(warnBefore, "warnBefore");
        this.currency = Objects.requireNonNull(currency, "currency");
        this.plugins = Objects.requireNonNull(plugins, "plugins");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.deadLetters = new DeadLetterStore(db);
    }

    /**
     * Over the running host's database; closing leaves the database to the host.
     *
     * @param warnBefore the window-closing warning lead: a window closing within it is {@code CLOSING}
     * @param currency the currency conversation costs are shown in (the engine's)
     * @param plugins what the plugin loader reported
     * @param clock the host's clock; replays are stamped with it
     */
    public static StoreAdminQueries over(Database db, PricingRules pricing, Duration warnBefore, Currency currency,
            Supplier<List<PluginView>> plugins, Clock clock) {
        return new StoreAdminQueries(db, false, pricing, warnBefore, currency, plugins, clock);
    }

    /** Over a database opened for one command; closing closes it. No plugins are listed. */
    public static StoreAdminQueries owning(Database db, PricingRules pricing, Duration warnBefore, Currency currency,
            Clock clock) {
        return new StoreAdminQueries(db, true, pricing, warnBefore, currency, List::of, clock);
    }

    @Override
    public List<ConversationSummary> conversations(ConversationFilter filter) {
        Instant asOf = filter.asOf();
        Instant warnFrom = asOf.plus(warnBefore);
        boolean openPart = filter.phase().map(p -> p != WindowPhase.CLOSED).orElse(true);
        boolean closedPart = filter.closingWithin().isEmpty() && filter.phase().map(p -> p == WindowPhase.CLOSED)
                .orElse(true);
        Instant lower = filter.phase().orElse(null) == WindowPhase.OPEN ? warnFrom : asOf;
        Optional<Instant> upper = upperBound(filter, warnFrom);
        return db.inTransaction(c -> {
            List<Row> rows = new ArrayList<>();
            if (openPart) {
                rows.addAll(Jdbc.query(c, "SELECT * FROM conversations WHERE service_window_ends_at > ?"
                        + (upper.isPresent() ? " AND service_window_ends_at <= ?" : "")
                        + " ORDER BY service_window_ends_at, id LIMIT ?", Row::of,
                        upper.isPresent() ? new Object[] {lower, upper.get(), filter.limit()}
                                : new Object[] {lower, filter.limit()}));
            }
            if (closedPart && rows.size() < filter.limit()) {
                rows.addAll(Jdbc.query(c, "SELECT * FROM conversations WHERE service_window_ends_at <= ? "
                        + "ORDER BY service_window_ends_at DESC, id LIMIT ?", Row::of, asOf, filter.limit() - rows.size()));
            }
            if (closedPart && rows.size() < filter.limit()) {
                rows.addAll(Jdbc.query(c, "SELECT * FROM conversations WHERE service_window_ends_at IS NULL "
                        + "ORDER BY id LIMIT ?", Row::of, filter.limit() - rows.size()));
            }
            Map<String, Money> costs = costs(c, rows);
            return rows.stream()
                    .map(r -> r.summary(phase(r.windowEndsAt, asOf), costs.getOrDefault(r.id, Money.zero(currency))))
                    .filter(filter::matches)
                    .toList();
        });
    }

    private static Optional<Instant> upperBound(ConversationFilter filter, Instant warnFrom) {
        Optional<Instant> byPhase = filter.phase().orElse(null) == WindowPhase.CLOSING ? Optional.of(warnFrom)
                : Optional.empty();
        Optional<Instant> byWithin = filter.closingWithin().map(d -> filter.asOf().plus(d));
        if (byPhase.isPresent() && byWithin.isPresent()) {
            return Optional.of(Collections.min(List.of(byPhase.get(), byWithin.get())));
        }
        return byPhase.or(() -> byWithin);
    }

    @Override
    public WindowCounts windowCounts(Instant asOf) {
        Instant warnFrom = asOf.plus(warnBefore);
        return db.inTransaction(c -> {
            long open = Jdbc.count(c, "SELECT COUNT(*) FROM conversations WHERE service_window_ends_at > ?", warnFrom);
            long closing = Jdbc.count(c, "SELECT COUNT(*) FROM conversations WHERE service_window_ends_at > ? "
                    + "AND service_window_ends_at <= ?", asOf, warnFrom);
            long all = Jdbc.count(c, "SELECT COUNT(*) FROM conversations");
            return new WindowCounts(open, closing, all - open - closing);
        });
    }

    @Override
    public Optional<ConversationSummary> conversation(ConversationId id, Instant asOf) {
        return db.inTransaction(c -> {
            Optional<Row> row = Jdbc.queryOne(c, "SELECT * FROM conversations WHERE id = ?", Row::of, id.value());
            if (row.isEmpty()) {
                return Optional.empty();
            }
            Money cost = costs(c, List.of(row.get())).getOrDefault(row.get().id, Money.zero(currency));
            return Optional.of(row.get().summary(phase(row.get().windowEndsAt, asOf), cost));
        });
    }

    @Override
    public Optional<List<MessageView>> messages(ConversationId id) {
        return db.inTransaction(c -> {
            if (Jdbc.count(c, "SELECT COUNT(*) FROM conversations WHERE id = ?", id.value()) == 0) {
                return Optional.empty();
            }
            Map<Long, List<StatusChange>> statuses = new HashMap<>();
            Jdbc.query(c, "SELECT s.message_id, s.status, s.status_at, s.error FROM message_statuses s "
                    + "JOIN messages m ON m.id = s.message_id WHERE m.conversation_id = ? ORDER BY s.status_at",
                    rs -> {
                        statuses.computeIfAbsent(rs.getLong("message_id"), k -> new ArrayList<>()).add(new StatusChange(
                                lower(rs.getString("status")), Jdbc.instant(rs, "status_at"), Jdbc.optString(rs, "error")));
                        return null;
                    }, id.value());
            Map<Long, LedgerCost> costs = new HashMap<>();
            Jdbc.query(c, "SELECT * FROM cost_ledger WHERE conversation_id = ?", rs -> {
                costs.put(rs.getLong("message_id"), LedgerCost.of(rs));
                return null;
            }, id.value());
            List<MessageView> out = new ArrayList<>(Jdbc.query(c, "SELECT * FROM messages WHERE conversation_id = ? "
                    + "ORDER BY id", rs -> message(rs, statuses, costs), id.value()));
            out.addAll(Jdbc.query(c, "SELECT * FROM held_replies WHERE conversation_id = ? AND released_at IS NULL "
                    + "ORDER BY id", StoreAdminQueries::heldReply, id.value()));
            return Optional.of(List.copyOf(out));
        });
    }

    @Override
    public List<LedgerEntry> ledger(YearMonth month) {
        List<LedgerEntry> out = new ArrayList<>();
        forEachLedgerEntry(month, out::add);
        return out;
    }

    @Override
    public void forEachLedgerEntry(YearMonth month, java.util.function.Consumer<LedgerEntry> each) {
        db.inTransactionDo(c -> Jdbc.forEach(c, "SELECT l.*, c.ticket_id, k.code AS link_code, k.name AS link_name, "
                + "k.source AS link_source FROM cost_ledger l "
                + "LEFT JOIN conversations c ON c.id = l.conversation_id "
                + "LEFT JOIN conversation_links cl ON cl.conversation_id = l.conversation_id "
                + "LEFT JOIN chat_links k ON k.code = cl.link_code WHERE l.usage_month = ? ORDER BY l.quoted_at, l.id",
                this::ledgerEntry, each, month.toString()));
    }

    @Override
    public List<PluginView> plugins() {
        return plugins.get();
    }

    @Override
    public List<DeadLetterView> deadLetters() {
        return db.inTransaction(c -> {
            List<DeadLetterView> out = new ArrayList<>();
            for (DeadRow d : Jdbc.query(c, "SELECT d.*, o.conversation_id AS outbox_conversation, "
                    + "COALESCE(i.created_at, o.created_at) AS item_created_at FROM dead_letters d "
                    + "LEFT JOIN outbox o ON d.queue = 'OUTBOX' AND o.id = d.item_id "
                    + "LEFT JOIN inbox i ON d.queue = 'INBOX' AND i.id = d.item_id "
                    + "WHERE d.replayed_at IS NULL ORDER BY d.id DESC LIMIT " + MAX_DEAD_LETTERS, DeadRow::of)) {
                Optional<ConversationId> conversation = d.outboxConversation.isPresent()
                        ? d.outboxConversation.map(ConversationId::of)
                        : CONVERSATIONS.idOfPartition(c, d.partitionKey);
                out.add(d.view.withConversation(conversation));
            }
            return out;
        });
    }

    @Override
    public ReplayOutcome replay(String deadLetterId) {
        long id;
        try {
            id = Long.parseLong(deadLetterId.trim());
        } catch (NumberFormatException e) {
            return ReplayOutcome.NOT_FOUND;
        }
        return deadLetters.replay(id, clock.instant()) ? ReplayOutcome.REPLAYED : ReplayOutcome.NOT_FOUND;
    }

    @Override
    public int replayAll() {
        return deadLetters.replayAll(clock.instant());
    }

    @Override
    public void close() {
        if (ownsDatabase) {
            db.close();
        }
    }

    // --- mapping

    private WindowPhase phase(Optional<Instant> windowEndsAt, Instant asOf) {
        if (windowEndsAt.isEmpty() || !windowEndsAt.get().isAfter(asOf)) {
            return WindowPhase.CLOSED;
        }
        return windowEndsAt.get().isAfter(asOf.plus(warnBefore)) ? WindowPhase.OPEN : WindowPhase.CLOSING;
    }

    /** Costs so far of the given conversations, in the engine's currency. */
    private Map<String, Money> costs(Connection c, List<Row> rows) throws SQLException {
        if (rows.isEmpty()) {
            return Map.of();
        }
        String marks = rows.stream().map(r -> "?").collect(Collectors.joining(", "));
        List<Object> params = new ArrayList<>();
        params.add(currency.getCurrencyCode());
        rows.forEach(r -> params.add(r.id));
        Map<String, Money> out = new HashMap<>();
        Jdbc.query(c, "SELECT conversation_id, SUM(" + COST + ") AS cost FROM cost_ledger WHERE currency = ? "
                + "AND status <> 'FAILED' AND conversation_id IN (" + marks + ") GROUP BY conversation_id", rs -> {
                    out.put(rs.getString("conversation_id"), money(rs.getBigDecimal("cost"), currency));
                    return null;
                }, params.toArray());
        return out;
    }

    private static MessageView message(ResultSet rs, Map<Long, List<StatusChange>> statuses,
            Map<Long, LedgerCost> costs) throws SQLException {
        long id = rs.getLong("id");
        boolean inbound = "IN".equals(rs.getString("direction"));
        Instant at = Jdbc.instant(rs, "sent_at");
        List<StatusChange> history = new ArrayList<>();
        if (!inbound) {
            history.addAll(statuses.getOrDefault(id, List.of()));
            String current = lower(rs.getString("status"));
            if (history.stream().noneMatch(s -> s.status().equals(current))) {
                history.add(0, new StatusChange(current, at, Jdbc.optString(rs, "error")));
            }
            // In the order of progress, as the message's own status moves (forward only): callbacks come out
            // of order, and Twilio's carry no time of their own, so by time a late "queued" would read as current.
            history.sort(java.util.Comparator.comparingInt(s -> progress(s.status())));
        }
        Optional<LedgerCost> cost = Optional.ofNullable(costs.get(id));
        return new MessageView(Long.toString(id), inbound ? MessageDirection.INBOUND : MessageDirection.OUTBOUND,
                kind(rs.getString("kind")), summary(rs), at, history, cost.map(LedgerCost::quoted),
                cost.flatMap(LedgerCost::settled));
    }

    /**
     * A status's place in {@link dev.deskbridge.connector.api.model.DeliveryStatus}'s order; received, queued
     * and the host's own ones first.
     */
    private static int progress(String status) {
        return switch (status) {
            case "sent" -> 1;
            case "delivered" -> 2;
            case "read" -> 3;
            case "failed" -> 4;
            default -> 0;
        };
    }

    private static String summary(ResultSet rs) throws SQLException {
        String summary = rs.getString("summary");
        Optional<String> purpose = Jdbc.optString(rs, "purpose");
        if (purpose.filter("REENGAGE"::equals).isPresent()) {
            return "Re-engagement " + summary;
        }
        if (purpose.filter("COPY"::equals).isPresent()) {
            return "Second copy (the provider took the send twice): " + summary;
        }
        return summary;
    }

    /** An agent's reply still held until the customer answers the re-engagement template. */
    private static MessageView heldReply(ResultSet rs) throws SQLException {
        Instant heldAt = Jdbc.instant(rs, "held_at");
        return new MessageView("held-" + rs.getLong("id"), MessageDirection.OUTBOUND, MessageKind.TEXT,
                heldText(rs.getString("payload")), heldAt,
                List.of(new StatusChange("held", heldAt, Optional.of("window closed; sent free once the customer answers"))),
                Optional.empty(), Optional.empty());
    }

    private static String heldText(String payload) {
        try {
            JsonNode body = JSON.readTree(payload).findValue("body");
            return body != null && body.isTextual() ? body.asText() : "(held reply)";
        } catch (IOException e) {
            return "(held reply)";
        }
    }

    private LedgerEntry ledgerEntry(ResultSet rs) throws SQLException {
        LedgerCost cost = LedgerCost.of(rs);
        Currency cur = cost.currency;
        boolean outbound = "OUT".equals(rs.getString("direction"));
        Optional<String> market = Jdbc.optString(rs, "market");
        Optional<PricingCategory> category = Jdbc.optString(rs, "provider_category")
                .or(() -> optional(rs, "category")).flatMap(StoreAdminQueries::category);
        Optional<PricingType> type = Jdbc.optString(rs, "provider_type")
                .or(() -> optional(rs, "pricing_type")).flatMap(StoreAdminQueries::type);
        boolean billable = Optional.ofNullable((Boolean) rs.getObject("provider_billable", Boolean.class))
                .orElse(rs.getBoolean("billable"));
        Instant at = Jdbc.instant(rs, "quoted_at");
        boolean insideWindow = outbound && (category.orElse(null) == PricingCategory.SERVICE
                || type.filter(t -> t != PricingType.REGULAR).isPresent());
        Optional<Money> outside = insideWindow
                ? Optional.of(templatePrice(at, rs.getString("business"), rs.getString("customer"), cur))
                : Optional.empty();
        return new LedgerEntry(Long.toString(rs.getLong("id")), at,
                LedgerEntry.routeName(rs.getString("channel_id"), rs.getString("crm_id")),
                ConversationId.of(rs.getString("conversation_id")), Jdbc.optString(rs, "ticket_id"),
                outbound ? MessageDirection.OUTBOUND : MessageDirection.INBOUND, market, category, type, billable,
                cost.quoted(), cost.settled(), cost.metaFee(), cost.channelFee(), cost.outcome, insideWindow, outside,
                link(rs));
    }

    /** The link the row's conversation came from, by name. */
    private static Optional<String> link(ResultSet rs) throws SQLException {
        String code = rs.getString("link_code");
        return code == null ? Optional.empty()
                : Optional.of(LedgerEntry.linkName(rs.getString("link_name"), rs.getString("link_source"), code));
    }

    /**
     * What the template that reopens a window would have cost; zero when the rules cannot say. Priced
     * for a customer who wrote and whose window has closed: the message it stands in for answered them,
     * so a number libphonenumber does not validate is placed by its calling code, as that message's own
     * quote placed it.
     */
    Money templatePrice(Instant at, String business, String customer, Currency cur) {
        WindowState closed = new WindowState(Optional.of(at.minus(java.time.Duration.ofDays(2))),
                Optional.of(at.minus(java.time.Duration.ofDays(1))), Optional.empty(), Optional.empty(), Optional.empty());
        try {
            Quote q = pricing.quote(new QuoteRequest(closed, OutboundKind.TEMPLATE,
                    Optional.of(TemplateCategory.UTILITY), at, PhoneNumber.of(business), PhoneNumber.of(customer),
                    FIRST_TIER));
            return q.price().currency().equals(cur) ? q.price() : Money.zero(cur);
        } catch (PricingException | IllegalArgumentException e) {
            return Money.zero(cur);
        }
    }

    /** A dead letter with what the joined queue row tells about it. */
    private record DeadRow(DeadLetterView view, Optional<String> outboxConversation, String partitionKey) {
        static DeadRow of(ResultSet rs) throws SQLException {
            Instant deadAt = Jdbc.instant(rs, "created_at");
            DeadLetterView view = new DeadLetterView(Long.toString(rs.getLong("id")), lower(rs.getString("queue")),
                    rs.getString("source_id"), rs.getString("event_type"), Optional.empty(), rs.getString("reason"),
                    rs.getInt("attempts"), Jdbc.optInstant(rs, "item_created_at").orElse(deadAt), deadAt);
            return new DeadRow(view, Jdbc.optString(rs, "outbox_conversation"), rs.getString("partition_key"));
        }
    }

    private static Optional<String> optional(ResultSet rs, String column) {
        try {
            return Jdbc.optString(rs, column);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read column " + column, e);
        }
    }

    private static Optional<PricingCategory> category(String wire) {
        try {
            return Optional.of(PricingCategory.fromWire(wire));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static Optional<PricingType> type(String wire) {
        try {
            return Optional.of(PricingType.fromWire(wire));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static MessageKind kind(String stored) {
        switch (stored) {
            case "text": return MessageKind.TEXT;
            case "media": return MessageKind.MEDIA;
            case "template": return MessageKind.TEMPLATE;
            default: return MessageKind.OTHER;
        }
    }

    private static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }

    /** A sum as money without the column's trailing zeros ({@code 0.004000} reads {@code 0.004}). */
    static Money money(BigDecimal amount, Currency currency) {
        if (amount == null || amount.signum() == 0) {
            return Money.zero(currency);
        }
        BigDecimal plain = amount.stripTrailingZeros();
        return new Money(plain.scale() < 0 ? plain.setScale(0) : plain, currency);
    }

    /** One conversations row. */
    private record Row(String id, String customer, String channel, String crm, Optional<String> ticketId,
            Optional<String> ticketUrl, Optional<Instant> windowEndsAt, Optional<Instant> lastCustomer,
            Optional<Instant> lastBusiness) {
        static Row of(ResultSet rs) throws SQLException {
            return new Row(rs.getString("id"), rs.getString("customer"), rs.getString("channel_id"),
                    rs.getString("crm_id"), Jdbc.optString(rs, "ticket_id"), Jdbc.optString(rs, "ticket_url"),
                    Jdbc.optInstant(rs, "service_window_ends_at"), Jdbc.optInstant(rs, "last_customer_message_at"),
                    Jdbc.optInstant(rs, "last_business_message_at"));
        }

        ConversationSummary summary(WindowPhase phase, Money cost) {
            Optional<Instant> last = lastCustomer.isEmpty() ? lastBusiness : lastBusiness.isEmpty() ? lastCustomer
                    : Optional.of(Collections.max(List.of(lastCustomer.get(), lastBusiness.get())));
            return new ConversationSummary(ConversationId.of(id), channel, crm, PhoneNumber.of(customer),
                    ticketId.map(t -> new TicketRef(t, ticketUrl)), windowEndsAt, phase, cost, last);
        }
    }

    /** A ledger row's amounts: quoted, settled, and the split into Meta's and the channel's fee. */
    private record LedgerCost(Currency currency, LedgerOutcome outcome, BigDecimal quotedMeta, BigDecimal quotedChannel,
            BigDecimal settledMeta, BigDecimal settledChannel) {
        static LedgerCost of(ResultSet rs) throws SQLException {
            String status = rs.getString("status");
            LedgerOutcome outcome = switch (status) {
                case "SETTLED" -> LedgerOutcome.DELIVERED;
                case "FAILED" -> LedgerOutcome.FAILED;
                default -> LedgerOutcome.PENDING;
            };
            return new LedgerCost(Currency.getInstance(rs.getString("currency")), outcome,
                    rs.getBigDecimal("quoted_meta_fee"), rs.getBigDecimal("quoted_channel_fee"),
                    orQuoted(rs, "settled_meta_fee", "quoted_meta_fee"),
                    orQuoted(rs, "settled_channel_fee", "quoted_channel_fee"));
        }

        Money quoted() {
            return money(quotedMeta.add(quotedChannel), currency);
        }

        Optional<Money> settled() {
            return outcome == LedgerOutcome.PENDING ? Optional.empty() : Optional.of(metaFee().plus(channelFee()));
        }

        Money metaFee() {
            return switch (outcome) {
                case PENDING -> money(quotedMeta, currency);
                case DELIVERED -> money(settledMeta, currency);
                case FAILED -> Money.zero(currency);
            };
        }

        Money channelFee() {
            return switch (outcome) {
                case PENDING -> money(quotedChannel, currency);
                case DELIVERED -> money(settledChannel, currency);
                case FAILED -> Money.zero(currency);
            };
        }

        /** A settled part not reported by the provider stays as quoted (the engine's rule). */
        private static BigDecimal orQuoted(ResultSet rs, String settled, String quoted) throws SQLException {
            BigDecimal s = rs.getBigDecimal(settled);
            return s != null ? s : rs.getBigDecimal(quoted);
        }
    }
}
