package dev.deskbridge.host.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.deskbridge.host.testing.Databases;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A running campaign's lease, as hosts sharing a database take it: a live lease is not taken, one
 * that ran out is taken by exactly one of two hosts claiming at once, and the host it was taken from
 * learns so at its next renewal.
 */
class CampaignLeaseTest {
    static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");
    static final Duration LEASE = Duration.ofSeconds(8);

    @TempDir
    Path dir;

    @AutoClose
    Database db;

    final CampaignStore store = new CampaignStore();

    String running(Databases.Kind kind) {
        db = Database.open(Databases.fresh(kind, dir), 4);
        db.inTransactionDo(c -> {
            store.create(c, new CampaignStore.Campaign("c1", "wa", "crm", "order_shipped", Optional.of("en_US"),
                    "none", 5, 150, 0, "USD", BigDecimal.ONE, "READY", T0, Optional.empty(), Optional.empty(),
                    Optional.empty()));
            store.move(c, "c1", "READY", "RUNNING", T0);
        });
        return "c1";
    }

    boolean claim(String id, String owner, Instant now) {
        return db.inTransaction(c -> store.claim(c, id, owner, now, LEASE));
    }

    boolean renew(String id, String owner, Instant now) {
        return db.inTransaction(c -> store.renew(c, id, owner, now, LEASE));
    }

    List<String> unleased(Instant now) {
        return db.inTransaction(c -> store.unleased(c, now));
    }

    boolean leasedAt(String id, Instant now) {
        return db.inTransaction(c -> store.find(c, id)).orElseThrow().leasedAt(now);
    }

    @ParameterizedTest
    @EnumSource(Databases.Kind.class)
    void aLiveLeaseIsNotTakenAndOneThatRanOutIs(Databases.Kind kind) {
        String id = running(kind);
        assertThat(unleased(T0)).as("never claimed").containsExactly(id);
        assertThat(claim(id, "host-a", T0)).isTrue();
        assertThat(leasedAt(id, T0.plusSeconds(7))).isTrue();

        assertThat(claim(id, "host-b", T0.plusSeconds(7))).as("host-a's lease is live").isFalse();
        assertThat(unleased(T0.plusSeconds(7))).isEmpty();
        assertThat(renew(id, "host-a", T0.plusSeconds(7))).isTrue();
        assertThat(claim(id, "host-b", T0.plusSeconds(14))).as("renewed until 15 s").isFalse();

        // host-a stops renewing (it died, or stalled): past its lease the campaign is host-b's.
        assertThat(unleased(T0.plusSeconds(16))).containsExactly(id);
        assertThat(claim(id, "host-b", T0.plusSeconds(16))).isTrue();
        assertThat(renew(id, "host-a", T0.plusSeconds(17)))
                .as("the stalled host's renewal").isFalse();
        assertThat(renew(id, "host-b", T0.plusSeconds(17))).isTrue();

        // Let go of when host-b stops: taken at once; a finished campaign is no one's to take.
        db.inTransactionDo(c -> store.release(c, id, "host-b"));
        assertThat(claim(id, "host-c", T0.plusSeconds(18))).isTrue();
        db.inTransactionDo(c -> store.move(c, id, "RUNNING", "DONE", T0.plusSeconds(19)));
        assertThat(renew(id, "host-c", T0.plusSeconds(19))).isFalse();
        assertThat(unleased(T0.plusSeconds(60))).isEmpty();
        assertThat(claim(id, "host-d", T0.plusSeconds(60))).isFalse();
        assertThat(leasedAt(id, T0.plusSeconds(19))).isFalse();
    }

    @ParameterizedTest
    @EnumSource(Databases.Kind.class)
    void aLeaseThatRanOutIsTakenByOneOfTwoHostsClaimingAtOnce(Databases.Kind kind) throws Exception {
        String id = running(kind);
        assertThat(claim(id, "host-a", T0)).isTrue();
        Instant later = T0.plusSeconds(9);
        CountDownLatch bClaimed = new CountDownLatch(1);
        CountDownLatch commit = new CountDownLatch(1);
        // host-b's claim holds its transaction open; host-c's, begun meanwhile, read the lease that ran out.
        CompletableFuture<Boolean> byB = CompletableFuture.supplyAsync(() -> db.inTransaction(c -> {
            boolean claimed = store.claim(c, id, "host-b", later, LEASE);
            bClaimed.countDown();
            try {
                commit.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return claimed;
        }));
        assertThat(bClaimed.await(30, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<Boolean> byC = CompletableFuture.supplyAsync(() -> claim(id, "host-c", later));
        Thread.sleep(300);
        assertThat(byC).as("host-c waits for host-b's row").isNotDone();
        commit.countDown();

        assertThat(byB.get(30, TimeUnit.SECONDS)).as("host-b").isTrue();
        assertThat(byC.get(30, TimeUnit.SECONDS)).as("host-c, after host-b's claim committed").isFalse();
        assertThat(renew(id, "host-b", later)).isTrue();
        assertThat(renew(id, "host-c", later)).isFalse();
    }
}
