package dev.deskbridge.host.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.deskbridge.host.testing.Databases;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Old handled queue items are deleted, and nothing else, on both databases. */
class HandledItemsTest {
    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");
    private static final Instant CUTOFF = NOW.minus(Duration.ofDays(30));
    private static final Instant LONG_AGO = NOW.minus(Duration.ofDays(40));

    @TempDir
    Path dir;

    private Database db;
    private QueueStore inbox;

    @AfterEach
    void close() {
        if (db != null) {
            db.close();
        }
    }

    @ParameterizedTest
    @EnumSource(Databases.Kind.class)
    void onlyDoneItemsProcessedBeforeTheCutoffAreDeletedAndTheScanStopsAtTheYoungOnes(Databases.Kind kind) {
        db = Database.open(Databases.fresh(kind, dir), 4);
        inbox = new QueueStore(db, Queue.INBOX);
        long old1 = done("old-1", LONG_AGO, LONG_AGO.plusSeconds(60));
        long old2 = done("old-2", LONG_AGO.plusSeconds(3600), LONG_AGO.plusSeconds(7200));
        long retriedLong = done("retried", LONG_AGO.plusSeconds(7200), NOW.minus(Duration.ofDays(1)));
        long pending = enqueue("pending", LONG_AGO.plusSeconds(9000));
        long dead = enqueue("dead", LONG_AGO.plusSeconds(10_000));
        List<QueueItem> claimed = inbox.claim(10, NOW, Duration.ofMinutes(1), "host");
        QueueItem toKill = claimed.stream().filter(i -> i.id() == dead).findFirst().orElseThrow();
        QueueItem toRetry = claimed.stream().filter(i -> i.id() == pending).findFirst().orElseThrow();
        assertThat(inbox.retryLater(toRetry, "host", LONG_AGO, "still failing")).isTrue();
        assertThat(inbox.deadLetter(toKill, "host", "gave up", LONG_AGO.plusSeconds(11_000))).isPresent();
        long young = done("young", NOW.minus(Duration.ofDays(2)), NOW.minus(Duration.ofDays(2)));

        HandledItems handled = new HandledItems(Queue.INBOX);
        List<HandledItems.Batch> batches = new ArrayList<>();
        long after = 0;
        do {
            long from = after;
            batches.add(db.inTransaction(c -> handled.deleteBatch(c, from, CUTOFF, 2)));
            after = batches.get(batches.size() - 1).lastId();
        } while (batches.get(batches.size() - 1).more());

        // Two full batches: the two old items, then the retried one (kept) before the young one ends the scan.
        assertThat(batches).extracting(HandledItems.Batch::deleted).containsExactly(2, 0);
        assertThat(batches.get(1).lastId()).isEqualTo(retriedLong);
        assertThat(inbox.status(old1)).isEmpty();
        assertThat(inbox.status(old2)).isEmpty();
        assertThat(inbox.status(retriedLong)).contains("DONE");
        assertThat(inbox.status(pending)).contains("PENDING");
        assertThat(inbox.status(dead)).contains("DEAD");
        assertThat(inbox.status(young)).contains("DONE");

        // A redelivery of a kept item is still recognised; one of a deleted item is taken as new.
        Optional<Long> youngAgain = db.inTransaction(c -> inbox.enqueue(c, item("young"), NOW));
        Optional<Long> oldAgain = db.inTransaction(c -> inbox.enqueue(c, item("old-1"), NOW));
        assertThat(youngAgain).isEmpty();
        assertThat(oldAgain).isPresent();
    }

    @ParameterizedTest
    @EnumSource(Databases.Kind.class)
    void aSecondPassOverTheSameRowsDeletesNothing(Databases.Kind kind) {
        db = Database.open(Databases.fresh(kind, dir), 4);
        inbox = new QueueStore(db, Queue.INBOX);
        done("old-1", LONG_AGO, LONG_AGO);
        HandledItems handled = new HandledItems(Queue.INBOX);
        // As a second host would after the first: the row is gone, nothing is counted twice.
        HandledItems.Batch first = db.inTransaction(c -> handled.deleteBatch(c, 0, CUTOFF, 10));
        HandledItems.Batch second = db.inTransaction(c -> handled.deleteBatch(c, 0, CUTOFF, 10));
        assertThat(first.deleted()).isEqualTo(1);
        assertThat(second.deleted()).isZero();
        assertThat(second.more()).isFalse();
    }

    private long enqueue(String event, Instant at) {
        return db.inTransaction(c -> inbox.enqueue(c, item(event), at)).orElseThrow();
    }

    private long done(String event, Instant created, Instant processed) {
        long id = enqueue(event, created);
        db.inTransactionDo(c -> inbox.complete(c, id, processed));
        return id;
    }

    private static NewQueueItem item(String event) {
        return new NewQueueItem("channel:wa", event, "CUSTOMER_MESSAGE", "p-" + event, "{\"text\":\"hello\"}",
                Optional.empty());
    }
}
