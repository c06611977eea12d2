package dev.deskbridge.host.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.deskbridge.host.testing.Databases;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The claim's scan past long blocked backlogs: it goes on where the last claim stopped, so every
 * pending row is reached within a few claims, and still claims only each partition's oldest pending item.
 */
class QueueStoreClaimTest {
    static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");
    static final Duration LEASE = Duration.ofMinutes(1);
    /** Claims enough to read a queue of 1,101 rows past any start (a claim reads 1,024 rows at most). */
    static final int CLAIMS_TO_GO_ROUND = 3;

    @TempDir
    Path dir;

    @AutoClose
    Database db;

    QueueStore inbox(Databases.Kind kind) {
        db = Database.open(Databases.fresh(kind, dir), 4);
        return new QueueStore(db, Queue.INBOX);
    }

    static NewQueueItem item(String id, String partition) {
        return new NewQueueItem("test", id, "NOTICE", partition, "{}", Optional.empty());
    }

    /** Claims up to {@code claims} times, keeping (not finishing) what each claim returns. */
    static List<QueueItem> claimRepeatedly(QueueStore inbox, int claims, Instant at, String owner) {
        List<QueueItem> claimed = new ArrayList<>();
        for (int i = 0; i < claims; i++) {
            claimed.addAll(inbox.claim(16, at, LEASE, owner));
        }
        return claimed;
    }

    @ParameterizedTest
    @EnumSource(Databases.Kind.class)
    void aLongPartitionBehindALeasedHeadDoesNotHideAnotherPartition(Databases.Kind kind) {
        QueueStore inbox = inbox(kind);
        List<NewQueueItem> flood = new ArrayList<>();
        for (int i = 0; i < 1100; i++) {
            flood.add(item("flood-" + i, "conv-flood"));
        }
        inbox.enqueueAll(flood, T0);
        inbox.enqueueAll(List.of(item("victim", "conv-victim")), T0);
        // The flood's head is being worked on (leased).
        assertThat(inbox.claim(1, T0, LEASE, "worker-a")).extracting(QueueItem::eventId).containsExactly("flood-0");

        List<QueueItem> claimed = claimRepeatedly(inbox, CLAIMS_TO_GO_ROUND, T0.plusSeconds(1), "worker-b");
        assertThat(claimed).extracting(QueueItem::eventId).as("only the other partition's item; the flood waits behind its head")
                .containsExactly("victim");
    }

    @ParameterizedTest
    @EnumSource(Databases.Kind.class)
    void headsWaitingForARetryDoNotHideANewerPartition(Databases.Kind kind) {
        QueueStore inbox = inbox(kind);
        List<NewQueueItem> down = new ArrayList<>();
        for (int i = 0; i < 1100; i++) {
            down.add(item("down-" + i, "conv-down-" + i));
        }
        inbox.enqueueAll(down, T0);
        // Every conversation of a CRM that is down failed once and waits for its retry.
        int failed = 0;
        for (int round = 0; round < 100 && failed < 1100; round++) {
            for (QueueItem q : inbox.claim(64, T0, LEASE, "w")) {
                inbox.retryLater(q, "w", T0.plusSeconds(300), "crm down");
                failed++;
            }
        }
        assertThat(failed).isEqualTo(1100);
        inbox.enqueueAll(List.of(item("other-route", "conv-up")), T0.plusSeconds(1));

        List<QueueItem> claimed = claimRepeatedly(inbox, CLAIMS_TO_GO_ROUND, T0.plusSeconds(10), "w");
        assertThat(claimed).extracting(QueueItem::eventId).containsExactly("other-route");
    }

    @ParameterizedTest
    @EnumSource(Databases.Kind.class)
    void aScanStartingPastAPartitionsHeadDoesNotClaimItsNewerItems(Databases.Kind kind) {
        QueueStore inbox = inbox(kind);
        inbox.enqueueAll(List.of(item("a1", "A"), item("b1", "B"), item("a2", "A"), item("c1", "C")), T0);
        QueueItem a1 = inbox.claim(1, T0, LEASE, "w").get(0);
        assertThat(a1.eventId()).isEqualTo("a1");
        // a1 waits for a retry; the next scans start after it, where a2 looks like A's first item.
        inbox.retryLater(a1, "w", T0.plusSeconds(60), "crm down");
        QueueItem b1 = inbox.claim(1, T0, LEASE, "w").get(0);
        assertThat(b1.eventId()).isEqualTo("b1");
        List<QueueItem> next = claimRepeatedly(inbox, CLAIMS_TO_GO_ROUND, T0.plusSeconds(1), "w");
        assertThat(next).extracting(QueueItem::eventId).containsExactly("c1");
        assertThat(inbox.complete(b1, "w", T0.plusSeconds(2))).isTrue();
        assertThat(inbox.complete(next.get(0), "w", T0.plusSeconds(2))).isTrue();
        // Once a1 is due it comes first, and a2 only after it is done.
        List<QueueItem> due = claimRepeatedly(inbox, CLAIMS_TO_GO_ROUND, T0.plusSeconds(61), "w");
        assertThat(due).extracting(QueueItem::eventId).containsExactly("a1");
        assertThat(inbox.complete(due.get(0), "w", T0.plusSeconds(62))).isTrue();
        assertThat(claimRepeatedly(inbox, CLAIMS_TO_GO_ROUND, T0.plusSeconds(62), "w")).extracting(QueueItem::eventId)
                .containsExactly("a2");
    }
}
