package dev.deskbridge.host.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.deskbridge.host.testing.Databases;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A worker whose lease ran out (a pause) and whose item was claimed again finishes late: its retry,
 * completion or dead letter must leave the newer claim alone.
 */
class QueueStoreFencingTest {
    static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");
    static final Duration LEASE = Duration.ofSeconds(8);

    @TempDir
    Path dir;

    @AutoClose
    Database db;

    QueueStore inbox(Databases.Kind kind) {
        db = Database.open(Databases.fresh(kind, dir), 4);
        QueueStore inbox = new QueueStore(db, Queue.INBOX);
        inbox.enqueueAll(List.of(new NewQueueItem("test", "e1", "NOTICE", "p1", "{}", Optional.empty())), T0);
        return inbox;
    }

    @ParameterizedTest
    @EnumSource(Databases.Kind.class)
    void aStaleClaimsRetryDoesNotReleaseTheNewerClaim(Databases.Kind kind) {
        QueueStore inbox = inbox(kind);
        QueueItem a = inbox.claim(1, T0, LEASE, "host-a").get(0);
        // host-a stalls past its lease; host-b takes the item over and is running it.
        QueueItem b = inbox.claim(1, T0.plusSeconds(9), LEASE, "host-b").get(0);
        assertThat(b.id()).isEqualTo(a.id());

        assertThat(inbox.retryLater(a, "host-a", T0.plusSeconds(10), "timeout")).as("the stale retry").isFalse();
        assertThat(inbox.renew(Map.of(b.id(), b.attempts()), T0.plusSeconds(11), LEASE, "host-b")).as("host-b's lease renewed")
                .containsExactly(b.id());
        assertThat(inbox.claim(1, T0.plusSeconds(11), LEASE, "host-c")).as("claimed again while host-b runs it")
                .isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Databases.Kind.class)
    void aStaleClaimNeitherCompletesNorBuriesTheNewerClaim(Databases.Kind kind) {
        QueueStore inbox = inbox(kind);
        QueueItem a = inbox.claim(1, T0, LEASE, "host-a").get(0);
        QueueItem b = inbox.claim(1, T0.plusSeconds(9), LEASE, "host-b").get(0);

        boolean completed = db.inTransaction(c -> inbox.complete(c, a, "host-a", T0.plusSeconds(10)));
        assertThat(completed).as("the stale completion").isFalse();
        assertThat(inbox.deadLetter(a, "host-a", "gave up", T0.plusSeconds(10))).isEmpty();
        assertThat(inbox.status(a.id())).contains("PENDING");
        assertThat(inbox.renew(Map.of(b.id(), b.attempts()), T0.plusSeconds(11), LEASE, "host-b")).containsExactly(b.id());

        assertThat(inbox.complete(b, "host-b", T0.plusSeconds(12))).as("the newer claim completes").isTrue();
        assertThat(inbox.status(b.id())).contains("DONE");
    }

    @ParameterizedTest
    @EnumSource(Databases.Kind.class)
    void anOwnersEarlierClaimIsFencedOffByItsAttempt(Databases.Kind kind) {
        QueueStore inbox = inbox(kind);
        QueueItem first = inbox.claim(1, T0, LEASE, "host-a").get(0);
        // The same host claims it again once the lease ran out (a worker of its own stalled).
        QueueItem second = inbox.claim(1, T0.plusSeconds(9), LEASE, "host-a").get(0);
        assertThat(second.attempts()).isEqualTo(first.attempts() + 1);

        assertThat(inbox.retryLater(first, "host-a", T0.plusSeconds(10), "timeout")).isFalse();
        assertThat(inbox.renew(Map.of(first.id(), first.attempts()), T0.plusSeconds(11), LEASE, "host-a"))
                .as("the earlier claim's renewal").isEmpty();
        assertThat(inbox.renew(Map.of(second.id(), second.attempts()), T0.plusSeconds(11), LEASE, "host-a"))
                .containsExactly(second.id());
        assertThat(inbox.retryLater(second, "host-a", T0.plusSeconds(12), "timeout")).isTrue();
    }
}
