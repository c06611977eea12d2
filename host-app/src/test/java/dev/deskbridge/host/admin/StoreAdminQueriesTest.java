package dev.deskbridge.host.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.deskbridge.connector.api.model.ConversationId;
import dev.deskbridge.connector.api.model.DeliveryStatus;
import dev.deskbridge.connector.api.model.PhoneNumber;
import dev.deskbridge.connector.api.model.TicketRef;
import dev.deskbridge.connector.api.pricing.Money;
import dev.deskbridge.connector.api.pricing.OutboundKind;
import dev.deskbridge.connector.api.pricing.TemplateCategory;
import dev.deskbridge.connector.api.pricing.WindowPhase;
import dev.deskbridge.connector.api.pricing.WindowState;
import dev.deskbridge.host.config.PricingConfig;
import dev.deskbridge.host.costs.LedgerQueries;
import dev.deskbridge.host.pricing.PricingRules;
import dev.deskbridge.host.pricing.PricingRulesFactory;
import dev.deskbridge.host.pricing.QuoteRequest;
import dev.deskbridge.host.reports.CostGrouping;
import dev.deskbridge.host.reports.CostLine;
import dev.deskbridge.host.reports.CostReport;
import dev.deskbridge.host.reports.CostReports;
import dev.deskbridge.host.store.Database;
import dev.deskbridge.host.store.MessageStore;
import dev.deskbridge.host.store.Queue;
import dev.deskbridge.host.store.QueueStore;
import dev.deskbridge.host.testing.Databases;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The admin read model over the engine's real tables, written through the engine's own stores, on
 * both databases the host supports.
 */
class StoreAdminQueriesTest {
    private static final Instant NOW = EngineTablesFixture.NOW;
    private static final YearMonth OCTOBER = YearMonth.of(2026, 10);
    private static final Currency USD = Currency.getInstance("USD");

    @TempDir
    Path dir;

    private final PricingRules pricing = PricingRulesFactory.create(new PricingConfig(Optional.empty(), Optional.empty(), 0));
    private Database db;
    private StoreAdminQueries queries;
    private ConversationId ana;
    private ConversationId bruno;
    private ConversationId eva;
    private ConversationId gus;

    private void supportDay(Databases.Kind kind) throws SQLException {
        db = Database.open(Databases.fresh(kind, dir), 4);
        queries = StoreAdminQueries.owning(db, pricing, Duration.ofHours(2), USD, Clock.fixed(NOW, ZoneOffset.UTC));
        EngineTablesFixture.Day day = EngineTablesFixture.supportDay(db, pricing);
        ana = day.ana();
        bruno = day.bruno();
        eva = day.eva();
        gus = day.gus();
    }

    @AfterEach
    void close() {
        if (db != null) {
            db.close();
        }
    }

    @ParameterizedTest
    @EnumSource(Databases.Kind.class)
    void conversationsComeClosingSoonestFirstWithPhasesCostsAndCounts(Databases.Kind kind) throws Exception {
        supportDay(kind);

        List<ConversationSummary> all = queries.conversations(ConversationFilter.all(NOW));
        assertThat(all).extracting(ConversationSummary::id).containsExactly(ana, eva, gus, bruno);
        assertThat(all).extracting(ConversationSummary::phase)
                .containsExactly(WindowPhase.CLOSING, WindowPhase.OPEN, WindowPhase.OPEN, WindowPhase.CLOSED);
        ConversationSummary first = all.get(0);
        assertThat(first.windowClosesAt()).contains(Instant.parse("2026-10-06T09:00:00Z"));
        assertThat(first.ticket()).contains(new TicketRef("1042", Optional.of("https://acme.zendesk.com/agent/tickets/1042")));
        assertThat(first.costSoFar()).isEqualTo(Money.of("0.0034", "USD"));
        assertThat(first.lastMessageAt()).contains(Instant.parse("2026-10-05T09:10:00Z"));
        assertThat(all.get(2).ticket()).isEmpty();
        assertThat(all.get(1).costSoFar()).as("a failed message costs nothing").isEqualTo(Money.zero(USD));

        assertThat(queries.windowCounts(NOW)).isEqualTo(new WindowCounts(2, 1, 1));
        assertThat(queries.conversations(new ConversationFilter(Optional.empty(), Optional.of(Duration.ofHours(1)),
                NOW, 10))).extracting(ConversationSummary::id).containsExactly(ana);
        assertThat(queries.conversations(new ConversationFilter(Optional.of(WindowPhase.OPEN), Optional.empty(),
                NOW, 10))).extracting(ConversationSummary::id).containsExactly(eva, gus);
        assertThat(queries.conversations(new ConversationFilter(Optional.of(WindowPhase.CLOSED), Optional.empty(),
                NOW, 10))).extracting(ConversationSummary::id).containsExactly(bruno);
        assertThat(queries.conversations(new ConversationFilter(Optional.empty(), Optional.empty(), NOW, 2)))
                .extracting(ConversationSummary::id).containsExactly(ana, eva);
        assertThat(queries.conversation(bruno, NOW).map(ConversationSummary::phase)).contains(WindowPhase.CLOSED);
        assertThat(queries.conversation(ConversationId.of("nobody"), NOW)).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Databases.Kind.class)
    void messagesCarryTheirStatusHistoryCostsAndHeldReplies(Databases.Kind kind) throws Exception {
        supportDay(kind);

        List<MessageView> anas = queries.messages(ana).orElseThrow();
        assertThat(anas).extracting(MessageView::direction).containsExactly(MessageDirection.INBOUND,
                MessageDirection.OUTBOUND);
        MessageView reply = anas.get(1);
        assertThat(reply.summary()).isEqualTo("It left our warehouse today.");
        assertThat(reply.statusHistory()).extracting(StatusChange::status).containsExactly("sent", "delivered");
        assertThat(reply.quoted()).contains(Money.of("0.0034", "USD"));
        assertThat(reply.settled()).contains(Money.of("0.0034", "USD"));
        assertThat(anas.get(0).statusHistory()).isEmpty();

        List<MessageView> brunos = queries.messages(bruno).orElseThrow();
        assertThat(brunos.get(1).kind()).isEqualTo(MessageKind.TEMPLATE);
        assertThat(brunos.get(1).summary()).startsWith("Re-engagement ");
        MessageView held = brunos.get(2);
        assertThat(held.summary()).isEqualTo("Claro! Envie o número do pedido.");
        assertThat(held.currentStatus().map(StatusChange::status)).contains("held");

        MessageView failed = queries.messages(eva).orElseThrow().get(1);
        assertThat(failed.currentStatus().map(StatusChange::status)).contains("failed");
        assertThat(failed.currentStatus().flatMap(StatusChange::detail)).contains("131026 undeliverable");
        assertThat(failed.settled()).contains(Money.zero(USD));
        assertThat(queries.messages(ConversationId.of("nobody"))).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Databases.Kind.class)
    void aLateCallbackOfAnEarlierStatusDoesNotBecomeTheMessagesStatus(Databases.Kind kind) throws Exception {
        supportDay(kind);
        MessageView reply = queries.messages(ana).orElseThrow().get(1);
        MessageStore store = new MessageStore();
        // Twilio's callbacks carry no time: a "queued" that arrives after "delivered" is recorded at its arrival.
        db.inTransactionDo(c -> store.recordStatus(c, store.findById(c, Long.parseLong(reply.id())).orElseThrow(),
                DeliveryStatus.QUEUED, NOW, Optional.empty(), NOW));

        MessageView after = queries.messages(ana).orElseThrow().get(1);
        // Before: "queued", the last by time, while the message (and the CRM) stood at delivered.
        assertThat(after.currentStatus().map(StatusChange::status)).contains("delivered");
        assertThat(after.statusHistory()).extracting(StatusChange::status).containsExactly("queued", "sent",
                "delivered");
    }

    @ParameterizedTest
    @EnumSource(Databases.Kind.class)
    void theTemplateAReplySavedIsPricedForANumberPlacedByItsCallingCode(Databases.Kind kind) throws Exception {
        supportDay(kind);
        // One digit short for libphonenumber, yet a customer wrote from it: the reply was priced in Germany.
        Money valid = queries.templatePrice(NOW, "+15550001111", "+4915123456789", USD);
        assertThat(valid.isZero()).isFalse();
        // Before: zero, so the report's "saved" left such replies out.
        assertThat(queries.templatePrice(NOW, "+15550001111", "+491511680099", USD)).isEqualTo(valid);
    }

    @ParameterizedTest
    @EnumSource(Databases.Kind.class)
    void theCostReportOverTheLedgerEqualsTheEnginesOwnSums(Databases.Kind kind) throws Exception {
        supportDay(kind);

        List<LedgerEntry> rows = queries.ledger(OCTOBER);
        assertThat(rows).hasSize(3);
        CostReport report = CostReports.compute(OCTOBER, rows, Optional.of(CostGrouping.MARKET));
        CostLine total = report.totals().get(0);
        Money engineSum = db.inTransaction(c -> LedgerQueries.monthSpend(c, OCTOBER, USD));
        assertThat(total.cost()).isEqualTo(engineSum);
        assertThat(total.cost()).isEqualTo(Money.of("0.0034", "USD").plus(templatePrice("+5511987654321")));
        assertThat(total.failed()).isEqualTo(1);
        assertThat(total.quoted()).isEqualTo(total.cost().plus(templatePrice("+4915123456789", TemplateCategory.MARKETING)));

        LedgerEntry answer = rows.stream().filter(r -> r.conversation().equals(ana)).findFirst().orElseThrow();
        assertThat(answer.insideWindow()).as("a reply inside the window spared a template").isTrue();
        // The template it spared, less what the reply itself cost (billed as service since October 2026).
        Money spared = templatePrice("+12015550123").minus(Money.of("0.0034", "USD"));
        assertThat(answer.saved()).isEqualTo(spared.amount().signum() > 0 ? spared : Money.zero(USD));
        assertThat(answer.ticket()).contains("1042");
        assertThat(answer.route()).isEqualTo("wa-main->zendesk-main");
        assertThat(total.saved()).isEqualTo(answer.saved());
        assertThat(report.lines()).extracting(CostLine::key).contains("NORTH_AMERICA", "BR", "DE");
        assertThat(queries.ledger(YearMonth.of(2026, 11))).isEmpty();

        // Read row by row from the store, the report is the same as from the collected rows.
        List<LedgerEntry> streamed = new java.util.ArrayList<>();
        queries.forEachLedgerEntry(OCTOBER, streamed::add);
        assertThat(streamed).isEqualTo(rows);
        assertThat(CostReports.compute(OCTOBER, queries, Optional.of(CostGrouping.MARKET))).isEqualTo(report);
    }

    @ParameterizedTest
    @EnumSource(Databases.Kind.class)
    void theCostReportGroupsByTheLinkEachConversationCameFrom(Databases.Kind kind) throws Exception {
        supportDay(kind);
        dev.deskbridge.host.links.LinkStore links = new dev.deskbridge.host.links.LinkStore();
        dev.deskbridge.host.links.ChatLink poster = new dev.deskbridge.host.links.ChatLink("K7Q2M9", "Spring poster",
                "poster", "wa-main", EngineTablesFixture.BUSINESS, "Hi", Optional.empty(), Optional.empty(), NOW,
                Optional.empty());
        dev.deskbridge.host.links.ChatLink receipt = new dev.deskbridge.host.links.ChatLink("R3C2PT", "Receipt QR",
                "receipt", "wa-main", EngineTablesFixture.BUSINESS, "Hello", Optional.of("ANED2T5QRU7HG1"),
                Optional.of("https://wa.me/message/ANED2T5QRU7HG1"), NOW, Optional.empty());
        db.inTransactionDo(c -> {
            links.insert(c, poster);
            links.insert(c, receipt);
            links.attribute(c, ana, poster.code(), NOW);
            links.attribute(c, bruno, receipt.code(), NOW);
            // first touch: a second link never replaces the first
            links.attribute(c, ana, receipt.code(), NOW);
            // a deleted link keeps its name in reports
            links.markDeleted(c, receipt.code(), NOW);
        });

        CostReport byLink = CostReports.compute(OCTOBER, queries, Optional.of(CostGrouping.LINK));
        Map<String, CostLine> lines = byLink.lines().stream()
                .collect(java.util.stream.Collectors.toMap(CostLine::key, l -> l));
        assertThat(lines.keySet()).containsExactlyInAnyOrder("Spring poster (poster, K7Q2M9)",
                "Receipt QR (receipt, R3C2PT)", CostGrouping.NO_LINK);
        assertThat(lines.get("Spring poster (poster, K7Q2M9)").cost()).isEqualTo(Money.of("0.0034", "USD"));
        assertThat(lines.get("Receipt QR (receipt, R3C2PT)").cost()).isEqualTo(templatePrice("+5511987654321"));
        assertThat(lines.get(CostGrouping.NO_LINK).failed()).as("Eva came from no link").isEqualTo(1);
        Money sum = byLink.lines().stream().map(CostLine::cost).reduce(Money.zero(USD), Money::plus);
        assertThat(sum).isEqualTo(byLink.totals().get(0).cost());
    }

    @ParameterizedTest
    @EnumSource(Databases.Kind.class)
    void deadLettersNameTheirConversationAndReplayThroughTheEngine(Databases.Kind kind) throws Exception {
        supportDay(kind);

        List<DeadLetterView> dead = queries.deadLetters();
        assertThat(dead).hasSize(2);
        assertThat(dead.get(0).queue()).isEqualTo("outbox");
        assertThat(dead.get(0).conversation()).contains(bruno);
        assertThat(dead.get(0).eventType()).isEqualTo("SEND_REPLY");
        assertThat(dead.get(1).queue()).isEqualTo("inbox");
        assertThat(dead.get(1).source()).isEqualTo("channel:wa-main");
        assertThat(dead.get(1).conversation()).contains(gus);
        assertThat(dead.get(1).reason()).isEqualTo("Zendesk answered 503 eight times");

        assertThat(queries.replay(dead.get(1).id())).isEqualTo(ReplayOutcome.REPLAYED);
        assertThat(queries.replay(dead.get(1).id())).isEqualTo(ReplayOutcome.NOT_FOUND);
        assertThat(queries.replay("not-a-number")).isEqualTo(ReplayOutcome.NOT_FOUND);
        assertThat(new QueueStore(db, Queue.INBOX).depth()).as("back on its queue").isEqualTo(1);
        assertThat(queries.deadLetters()).hasSize(1);
        assertThat(queries.replayAll()).isEqualTo(1);
        assertThat(queries.deadLetters()).isEmpty();
    }

    private Money templatePrice(String customer) {
        return templatePrice(customer, TemplateCategory.UTILITY);
    }

    private Money templatePrice(String customer, TemplateCategory category) {
        return pricing.quote(new QuoteRequest(WindowState.NONE, OutboundKind.TEMPLATE, Optional.of(category),
                NOW, EngineTablesFixture.BUSINESS, PhoneNumber.of(customer),
                EngineTablesFixture.NO_USAGE)).price();
    }
}
