package dev.deskbridge.host.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.deskbridge.connector.api.model.ConversationId;
import dev.deskbridge.connector.api.model.DeliveryStatus;
import dev.deskbridge.connector.api.model.PhoneNumber;
import dev.deskbridge.connector.api.pricing.Money;
import dev.deskbridge.connector.api.pricing.PricingCategory;
import dev.deskbridge.connector.api.pricing.PricingType;
import dev.deskbridge.connector.api.pricing.Quote;
import dev.deskbridge.connector.api.pricing.WindowState;
import dev.deskbridge.host.costs.LedgerQueries;
import dev.deskbridge.host.testing.Databases;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The store on both databases the host supports: the same SQL, the same behaviour. */
class StoreTest {
    static final Instant NOW = Instant.parse("2026-09-01T10:00:00Z");
    static final PhoneNumber BUSINESS = PhoneNumber.of("+15550001111");
    static final PhoneNumber CUSTOMER = PhoneNumber.of("+12015550123");

    @TempDir
    Path dir;

    Database db;

    Database open(Databases.Kind kind) {
        db = Database.open(Databases.fresh(kind, dir), 4);
        return db;
    }

    @AfterEach
    void close() {
        if (db != null) {
            db.close();
        }
    }

    static NewQueueItem item(String event, String partition) {
        return new NewQueueItem("channel:wa", event, "CUSTOMER_MESSAGE", partition, "{\"n\":\"" + event + "\"}",
                Optional.empty());
    }

    @ParameterizedTest
    @EnumSource(Databases.Kind.class)
    void theInboxKeepsAnEventOnce(Databases.Kind kind) {
        QueueStore inbox = new QueueStore(open(kind), Queue.INBOX);
        assertThat(inbox.enqueueAll(List.of(item("e1", "p1"), item("e1", "p1"), item("e2", "p1")), NOW)).isEqualTo(2);
        assertThat(inbox.enqueueAll(List.of(item("e1", "p1")), NOW)).isZero();
        assertThat(inbox.depth()).isEqualTo(2);
    }

    @ParameterizedTest
    @EnumSource(Databases.Kind.class)
    void aRefusedDuplicateLeavesNoRowOfItsOwnAndAHandledItemStillRefusesIt(Databases.Kind kind) {
        open(kind);
        ConversationStore conversations = new ConversationStore();
        String conversation = db.inTransaction(c -> conversations.findOrCreate(c, BUSINESS, CUSTOMER, Optional.empty(),
                "wa", "crm", NOW)).id().value();
        for (Queue queue : Queue.values()) {
            QueueStore store = new QueueStore(db, queue);
            NewQueueItem item = new NewQueueItem("crm:zendesk", "reply-1", "SEND_REPLY", "p1", "{}",
                    queue == Queue.OUTBOX ? Optional.of(conversation) : Optional.empty());
            Optional<Long> first = db.inTransaction(c -> store.enqueue(c, item, NOW));
            long id = first.orElseThrow();
            Optional<Long> again = db.inTransaction(c -> store.enqueue(c, item, NOW));
            assertThat(again).isEmpty();
            // Claimed and handled: the row changed twice, its key did not, and a redelivery is still refused.
            List<QueueItem> claimed = store.claim(1, NOW, Duration.ofMinutes(1), "host");
            assertThat(claimed).extracting(QueueItem::id).containsExactly(id);
            assertThat(store.complete(claimed.get(0), "host", NOW)).isTrue();
            Optional<Long> afterwards = db.inTransaction(c -> store.enqueue(c, item, NOW.plusSeconds(1)));
            assertThat(afterwards).isEmpty();
            assertThat(count(queue.table())).as(queue.table()).isEqualTo(1);
            Optional<Long> keyOf = db.inTransaction(c -> Jdbc.queryOne(c, "SELECT item_id FROM " + queue.table()
                    + "_keys WHERE source_id = ? AND event_id = ?", rs -> rs.getLong(1), "crm:zendesk", "reply-1"));
            assertThat(keyOf).as(queue.table()).contains(id);
        }
    }

    private long count(String table) {
        long n = db.inTransaction(c -> Jdbc.count(c, "SELECT COUNT(*) FROM " + table));
        return n;
    }

    @ParameterizedTest
    @EnumSource(Databases.Kind.class)
    void onlyTheOldestPendingItemOfAPartitionIsClaimedAndClaimsAreExclusive(Databases.Kind kind) {
        QueueStore inbox = new QueueStore(open(kind), Queue.INBOX);
        inbox.enqueueAll(List.of(item("a1", "A"), item("b1", "B"), item("a2", "A"), item("c1", "C")), NOW);
        List<QueueItem> first = inbox.claim(10, NOW, Duration.ofMinutes(1), "host-1");
        assertThat(first).extracting(QueueItem::eventId).containsExactly("a1", "b1", "c1");
        assertThat(first).allSatisfy(i -> assertThat(i.attempts()).isEqualTo(1));
        assertThat(inbox.claim(10, NOW, Duration.ofMinutes(1), "host-2")).isEmpty();

        assertThat(inbox.complete(first.get(0), "host-1", NOW)).isTrue();
        assertThat(inbox.claim(10, NOW, Duration.ofMinutes(1), "host-2")).extracting(QueueItem::eventId)
                .containsExactly("a2");
        // A lease that ran out (its host died) lets another host take the item.
        assertThat(inbox.claim(10, NOW.plus(Duration.ofMinutes(2)), Duration.ofMinutes(1), "host-3"))
                .extracting(QueueItem::eventId).containsExactly("b1", "a2", "c1");
    }

    @ParameterizedTest
    @EnumSource(Databases.Kind.class)
    void claimsSkipRowsLockedByAnotherTransaction(Databases.Kind kind) throws Exception {
        QueueStore inbox = new QueueStore(open(kind), Queue.INBOX);
        inbox.enqueueAll(List.of(item("x1", "X"), item("y1", "Y")), NOW);
        CountDownLatch locked = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Thread holder = new Thread(() -> db.inTransactionDo(c -> {
            Jdbc.query(c, "SELECT id FROM inbox WHERE event_id = 'x1' FOR UPDATE", rs -> rs.getLong(1));
            locked.countDown();
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }));
        holder.start();
        assertThat(locked.await(30, TimeUnit.SECONDS)).isTrue();
        try {
            assertThat(inbox.claim(10, NOW, Duration.ofMinutes(1), "other")).extracting(QueueItem::eventId)
                    .containsExactly("y1");
        } finally {
            release.countDown();
            holder.join(30_000);
        }
        assertThat(inbox.claim(10, NOW, Duration.ofMinutes(1), "other")).extracting(QueueItem::eventId)
                .containsExactly("x1");
    }

    @ParameterizedTest
    @EnumSource(Databases.Kind.class)
    void retriesWaitAndDeadLettersAreReplayed(Databases.Kind kind) {
        QueueStore inbox = new QueueStore(open(kind), Queue.INBOX);
        inbox.enqueueAll(List.of(item("e1", "P"), item("e2", "P")), NOW);
        QueueItem first = inbox.claim(10, NOW, Duration.ofMinutes(1), "h").get(0);
        assertThat(inbox.retryLater(first, "h", NOW.plusSeconds(5), "crm answered 503")).isTrue();
        assertThat(inbox.claim(10, NOW.plusSeconds(4), Duration.ofMinutes(1), "h")).isEmpty();
        QueueItem again = inbox.claim(10, NOW.plusSeconds(5), Duration.ofMinutes(1), "h").get(0);
        assertThat(again.attempts()).isEqualTo(2);

        assertThat(inbox.deadLetter(again, "h", "gave up", NOW.plusSeconds(6))).isPresent();
        assertThat(inbox.status(again.id())).contains("DEAD");
        // A dead letter no longer holds up its partition.
        assertThat(inbox.claim(10, NOW.plusSeconds(6), Duration.ofMinutes(1), "h")).extracting(QueueItem::eventId)
                .containsExactly("e2");

        DeadLetterStore letters = new DeadLetterStore(db);
        DeadLetter letter = letters.list(false).get(0);
        assertThat(letter.reason()).isEqualTo("gave up");
        assertThat(letter.attempts()).isEqualTo(2);
        assertThat(letter.eventType()).isEqualTo("CUSTOMER_MESSAGE");
        assertThat(letters.replay(letter.id(), NOW.plusSeconds(7))).isTrue();
        assertThat(letters.replay(letter.id(), NOW.plusSeconds(7))).isFalse();
        assertThat(letters.list(false)).isEmpty();
        assertThat(letters.list(true)).hasSize(1);
        assertThat(inbox.status(again.id())).contains("PENDING");
    }

    @ParameterizedTest
    @EnumSource(Databases.Kind.class)
    void conversationsMessagesAndTheLedger(Databases.Kind kind) {
        open(kind);
        ConversationStore conversations = new ConversationStore();
        MessageStore messages = new MessageStore();
        LedgerStore ledger = new LedgerStore();
        WindowState window = new WindowState(Optional.of(NOW), Optional.of(NOW.plus(Duration.ofHours(24))),
                Optional.empty(), Optional.empty(), Optional.empty());
        db.inTransactionDo(c -> {
            Conversation conv = conversations.findOrCreate(c, BUSINESS, CUSTOMER, Optional.of("Ann"), "wa", "crm", NOW);
            assertThat(conversations.findOrCreate(c, BUSINESS, CUSTOMER, Optional.empty(), "wa", "crm", NOW).id())
                    .isEqualTo(conv.id());
            Conversation returned = conversations.customerMessage(c, conv, window, NOW,
                    Optional.of(NOW.plus(Duration.ofHours(22))), Optional.of("Ann B"), NOW);
            Conversation stored = conversations.findById(c, conv.id(), true).orElseThrow();
            // What the update returns is what a fresh read finds.
            assertThat(returned).isEqualTo(stored);
            assertThat(stored.window()).isEqualTo(window);
            assertThat(stored.customerName()).contains("Ann B");
            assertThat(conversations.dueWarnings(c, NOW.plus(Duration.ofHours(21)), 10)).isEmpty();
            assertThat(conversations.dueWarnings(c, NOW.plus(Duration.ofHours(22)), 10)).hasSize(1);
            // Instants finer than the columns keep come back as a read would return them.
            Instant fine = NOW.plusNanos(1_234_567);
            WindowState fineWindow = new WindowState(Optional.of(fine), Optional.of(fine.plus(Duration.ofHours(24))),
                    Optional.empty(), Optional.empty(), Optional.empty());
            assertThat(conversations.customerMessage(c, stored, fineWindow, fine,
                    Optional.of(fine.plus(Duration.ofHours(22))), Optional.empty(), fine))
                    .isEqualTo(conversations.findById(c, conv.id(), true).orElseThrow());

            long inId = messages.insertInbound(c, conv.id(), "text", "wamid.1", "Hi", "OPEN", NOW, NOW).orElseThrow();
            assertThat(messages.insertInbound(c, conv.id(), "text", "wamid.1", "Hi", "OPEN", NOW, NOW)).isEmpty();
            // The refused duplicate left no row of its own; the message is found by its provider id (its key).
            assertThat(Jdbc.count(c, "SELECT COUNT(*) FROM messages WHERE provider_message_id = 'wamid.1'")).isEqualTo(1);
            assertThat(messages.findByProviderId(c, "wamid.1")).map(StoredMessage::id).contains(inId);
            messages.setCrmTicket(c, inId, "T-1");
            assertThat(messages.findByProviderId(c, "wamid.1")).map(StoredMessage::id).contains(inId);

            long outId = messages.insertOutbound(c, conv.id(), "template", "REENGAGE", Optional.empty(), 1L, "tpl",
                    Optional.of("agent"), "CLOSED", NOW);
            Quote quote = Quote.allowed(true, PricingCategory.UTILITY, PricingType.REGULAR, "NORTH_AMERICA",
                    Money.of("0.0040", "USD"), "PMP-2025-07");
            ledger.quote(c, new NewLedgerEntry(outId, conv.id(), "OUT", "wa", "crm", BUSINESS, CUSTOMER, quote,
                    Money.of("0.005", "USD"), NOW));
            assertThat(messages.markAccepted(c, outId, "out-1", NOW)).isTrue();
            assertThat(messages.markAccepted(c, outId, "out-1", NOW)).isFalse();
            ledger.accepted(c, outId, "out-1", Optional.empty());
            StoredMessage out = messages.findByProviderId(c, "out-1").orElseThrow();
            assertThat(conversations.keyOfMessage(c, "out-1")).contains(new ConversationKey(BUSINESS, CUSTOMER));
            assertThat(messages.recordStatus(c, out, DeliveryStatus.DELIVERED, NOW, Optional.empty(), NOW))
                    .isEqualTo(StatusChange.CURRENT);
            assertThat(messages.recordStatus(c, out, DeliveryStatus.DELIVERED, NOW, Optional.empty(), NOW))
                    .isEqualTo(StatusChange.REPEATED);
            // A late "sent" is kept in the history but never moves the status back.
            assertThat(messages.recordStatus(c, out, DeliveryStatus.SENT, NOW, Optional.empty(), NOW))
                    .isEqualTo(StatusChange.SUPERSEDED);
            assertThat(messages.findById(c, outId).orElseThrow().status()).isEqualTo("DELIVERED");
            assertThat(messages.findByProviderId(c, "out-1")).map(StoredMessage::status).contains("DELIVERED");
            assertThat(messages.statusHistory(c, outId)).containsExactlyInAnyOrder("DELIVERED", "SENT");

            YearMonth month = YearMonth.of(2026, 9);
            Currency usd = Currency.getInstance("USD");
            assertThat(LedgerQueries.billedCount(c, "NORTH_AMERICA", PricingCategory.UTILITY, month)).isEqualTo(1);
            assertThat(LedgerQueries.conversationCost(c, conv.id(), usd)).isEqualTo(Money.of("0.009", "USD"));
            LedgerEntry settled = ledger.settle(c, ledger.findByMessage(c, outId).orElseThrow(),
                    new java.math.BigDecimal("0.0040"), java.math.BigDecimal.ZERO, Optional.empty(), NOW);
            assertThat(settled).isEqualTo(ledger.findByMessage(c, outId).orElseThrow());
            assertThat(settled.status()).isEqualTo("SETTLED");
            assertThat(LedgerQueries.routeSpend(c, month, "wa", "crm", usd)).isEqualTo(Money.of("0.004", "USD"));
            ledger.fail(c, outId, NOW);
            assertThat(LedgerQueries.routeSpend(c, month, "wa", "crm", usd)).isEqualTo(Money.zero("USD"));
            assertThat(LedgerQueries.billedCount(c, "NORTH_AMERICA", PricingCategory.UTILITY, month)).isZero();
            LedgerEntry entry = ledger.findByMessage(c, outId).orElseThrow();
            assertThat(entry.status()).isEqualTo("FAILED");
            assertThat(entry.quotedChannelFee()).isEqualByComparingTo("0.005");
        });
        // A provider id already on another message is refused, as the unique index on the messages refused it
        // (in a transaction of its own: on PostgreSQL a failed statement ends its transaction).
        assertThatThrownBy(() -> db.inTransactionDo(c -> {
            ConversationId conv = conversations.findOrCreate(c, BUSINESS, CUSTOMER, Optional.empty(), "wa", "crm", NOW)
                    .id();
            long other = messages.insertOutbound(c, conv, "text", "REPLY", Optional.empty(), 2L, "x",
                    Optional.empty(), "OPEN", NOW);
            messages.markAccepted(c, other, "out-1", NOW);
        })).hasRootCauseInstanceOf(SQLException.class);
        assertThat(db.inTransaction(c -> messages.findByProviderId(c, "out-1")).map(StoredMessage::purpose))
                .contains(Optional.of("REENGAGE"));
    }

    @ParameterizedTest
    @EnumSource(Databases.Kind.class)
    void aWithdrawnQuoteTakesItsRowAndItsCountersBack(Databases.Kind kind) {
        open(kind);
        ConversationStore conversations = new ConversationStore();
        MessageStore messages = new MessageStore();
        LedgerStore ledger = new LedgerStore();
        db.inTransactionDo(c -> {
            ConversationId conv = conversations.findOrCreate(c, BUSINESS, CUSTOMER, Optional.empty(), "wa", "crm", NOW)
                    .id();
            long outId = messages.insertOutbound(c, conv, "text", "REPLY", Optional.empty(), 1L, "Hi",
                    Optional.of("agent"), "OPEN", NOW);
            Quote quote = Quote.allowed(true, PricingCategory.UTILITY, PricingType.REGULAR, "NORTH_AMERICA",
                    Money.of("0.0040", "USD"), "PMP-2025-07");
            ledger.quote(c, new NewLedgerEntry(outId, conv, "OUT", "wa", "crm", BUSINESS, CUSTOMER, quote,
                    Money.of("0.005", "USD"), NOW));
            YearMonth month = YearMonth.of(2026, 9);
            Currency usd = Currency.getInstance("USD");
            assertThat(LedgerQueries.billedCount(c, "NORTH_AMERICA", PricingCategory.UTILITY, month)).isEqualTo(1);
            assertThat(LedgerQueries.routeSpend(c, month, "wa", "crm", usd)).isEqualTo(Money.of("0.009", "USD"));

            assertThat(ledger.withdraw(c, outId)).isPresent();
            assertThat(ledger.findByMessage(c, outId)).isEmpty();
            assertThat(LedgerQueries.billedCount(c, "NORTH_AMERICA", PricingCategory.UTILITY, month)).isZero();
            assertThat(LedgerQueries.routeSpend(c, month, "wa", "crm", usd)).isEqualTo(Money.zero("USD"));
            assertThat(ledger.withdraw(c, outId)).isEmpty();
        });
    }

    @ParameterizedTest
    @EnumSource(Databases.Kind.class)
    void concurrentCreationOfOneConversationYieldsOne(Databases.Kind kind) throws Exception {
        open(kind);
        ConversationStore conversations = new ConversationStore();
        List<Thread> threads = new ArrayList<>();
        List<ConversationId> ids = java.util.Collections.synchronizedList(new ArrayList<>());
        for (int i = 0; i < 4; i++) {
            Thread t = new Thread(() -> ids.add(db.inTransaction((Connection c) -> conversations.findOrCreate(c,
                    BUSINESS, CUSTOMER, Optional.empty(), "wa", "crm", NOW).id())));
            threads.add(t);
            t.start();
        }
        for (Thread t : threads) {
            t.join(30_000);
        }
        assertThat(ids).hasSize(4);
        assertThat(ids.stream().distinct()).hasSize(1);
    }
}
