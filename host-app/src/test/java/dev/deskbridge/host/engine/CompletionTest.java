package dev.deskbridge.host.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.deskbridge.host.store.Database;
import dev.deskbridge.host.store.NewQueueItem;
import dev.deskbridge.host.store.Queue;
import dev.deskbridge.host.store.QueueItem;
import dev.deskbridge.host.store.QueueStore;
import dev.deskbridge.host.testing.Databases;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A completion whose claim was taken over rolls its work's transaction back. */
class CompletionTest {
    static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");
    static final Duration LEASE = Duration.ofSeconds(8);

    @TempDir
    Path dir;

    @AutoClose
    Database db;

    private static NewQueueItem item(String id, String partition) {
        return new NewQueueItem("test", id, "NOTICE", partition, "{}", Optional.empty());
    }

    @Test
    void aCompletionOfAClaimTakenOverThrowsAndItsWorkIsRolledBack() {
        db = Database.open(Databases.fresh(Databases.Kind.H2, dir), 4);
        QueueStore inbox = new QueueStore(db, Queue.INBOX);
        inbox.enqueueAll(List.of(item("e1", "p1")), T0);
        QueueItem stale = inbox.claim(1, T0, LEASE, "host-a").get(0);
        QueueItem newer = inbox.claim(1, T0.plusSeconds(9), LEASE, "host-b").get(0);
        Clock clock = Clock.fixed(T0.plusSeconds(10), ZoneOffset.UTC);

        Completion late = new Completion(inbox, stale, "host-a", clock);
        assertThatThrownBy(() -> db.inTransactionDo(c -> {
            inbox.enqueue(c, item("work-of-e1", "p2"), T0.plusSeconds(10));
            late.in(c);
        })).isInstanceOf(ClaimTakenOverException.class).hasMessageContaining("taken over");
        assertThat(late.marked()).isFalse();
        assertThat(inbox.depth()).as("the stale attempt's work is rolled back").isEqualTo(1);

        Completion current = new Completion(inbox, newer, "host-b", clock);
        db.inTransactionDo(current::in);
        assertThat(current.marked()).isTrue();
        assertThat(inbox.status(newer.id())).contains("DONE");
    }
}
