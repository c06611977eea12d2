package dev.deskbridge.host.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.deskbridge.connector.api.config.Secret;
import dev.deskbridge.host.config.DatabaseConfig;
import dev.deskbridge.host.config.PricingConfig;
import dev.deskbridge.host.pricing.PricingRulesFactory;
import dev.deskbridge.host.store.Database;
import dev.deskbridge.host.store.Jdbc;
import dev.deskbridge.host.store.NewQueueItem;
import dev.deskbridge.host.store.QueueItem;
import dev.deskbridge.host.testing.Await;
import dev.deskbridge.host.testing.Databases;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How a queue worker takes work: claimed in batches, never more than twice its workers at once. */
class QueueWorkerTest {
    @TempDir
    Path dir;

    @AutoClose
    Database db;

    private EngineContext context(EngineSettings settings, int items) {
        return context(Databases.fresh(Databases.Kind.H2, dir), settings, items);
    }

    private EngineContext context(DatabaseConfig database, EngineSettings settings, int items) {
        db = Database.open(database, 6);
        EngineContext ctx = EngineContext.create(db, settings, new Routes(List.of()),
                new ConnectorSessions(Map.of(), Map.of()),
                PricingRulesFactory.create(new PricingConfig(Optional.empty(), Optional.empty(), 0)),
                Clock.systemUTC(), Clock.systemUTC(), new EngineMetrics(new SimpleMeterRegistry()));
        ctx.inbox().enqueueAll(IntStream.range(0, items).mapToObj(i -> new NewQueueItem("test", "e" + i, "NOTICE",
                "p" + i, "{}", Optional.empty())).toList(), Instant.now());
        return ctx;
    }

    @Test
    void claimsAtMostTwiceItsWorkersAndFinishesEveryItemOnce() throws Exception {
        EngineContext ctx = context(EngineSettings.defaults().withWorkers(2), 10);

        CountDownLatch release = new CountDownLatch(1);
        List<String> handled = Collections.synchronizedList(new ArrayList<>());
        QueueWorker.Handler handler = (item, done) -> {
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            handled.add(item.eventId());
        };
        ErrorPolicy policy = new ErrorPolicy(3, Duration.ofHours(1), Backoff.standard(), new Random(1));
        try (QueueWorker worker = new QueueWorker("inbox", ctx.inbox(), handler, ctx, policy, "test-host")) {
            worker.start();
            // Both workers are held; two more items wait at hand, and the other six stay unclaimed.
            Await.until("four items claimed", Duration.ofSeconds(10), () -> leased() == 4);
            Thread.sleep(300);
            assertThat(leased()).isEqualTo(4);
            assertThat(worker.inFlight()).isEqualTo(4);

            release.countDown();
            Await.until("every item handled", Duration.ofSeconds(20), () -> handled.size() == 10);
            Await.until("every item done", Duration.ofSeconds(10), () -> pending() == 0);
        }
        assertThat(handled).doesNotHaveDuplicates().hasSize(10);
    }

    @Test
    void aClaimAsksForAFlushUnlessItsHandlerFlushesBeforeItCallsOut() throws Exception {
        assertThat(flushesToHandleSix(true)).as("durable flushes, claims that must be durable").isPositive();
        db.close();
        // The outbox's sends flush the send's start themselves before they call out (OutboxSender).
        assertThat(flushesToHandleSix(false)).as("durable flushes, claims whose handler flushes itself").isZero();
    }

    /** The H2 store's durable flushes (CHECKPOINT SYNC) while six items are claimed and handled. */
    private long flushesToHandleSix(boolean claimMustBeDurable) throws Exception {
        Path file = dir.resolve("flushes-" + claimMustBeDurable);
        EngineContext ctx = context(new DatabaseConfig("jdbc:h2:file:" + file.toAbsolutePath()
                + ";QUERY_STATISTICS=TRUE;QUERY_STATISTICS_MAX_ENTRIES=5000", "sa", new Secret("")),
                EngineSettings.defaults().withWorkers(2), 6);
        List<String> handled = Collections.synchronizedList(new ArrayList<>());
        QueueWorker.Handler handler = new QueueWorker.Handler() {
            @Override
            public void handle(QueueItem item, Completion done) {
                handled.add(item.eventId());
            }

            @Override
            public boolean claimMustBeDurable() {
                return claimMustBeDurable;
            }
        };
        ErrorPolicy policy = new ErrorPolicy(3, Duration.ofHours(1), Backoff.standard(), new Random(1));
        try (QueueWorker worker = new QueueWorker("inbox", ctx.inbox(), handler, ctx, policy, "test-host")) {
            worker.start();
            Await.until("every item done", Duration.ofSeconds(20), () -> pending() == 0);
        }
        assertThat(handled).hasSize(6);
        return db.inTransaction(c -> Jdbc.count(c, "SELECT COALESCE(SUM(EXECUTION_COUNT), 0) FROM "
                + "INFORMATION_SCHEMA.QUERY_STATISTICS WHERE SQL_STATEMENT LIKE 'CHECKPOINT%'"));
    }

    @Test
    void itemsAreHandledBelowTheNormalPrioritySoWebhooksGoFirstForTheCpu() throws Exception {
        EngineContext ctx = context(EngineSettings.defaults().withWorkers(2), 6);
        List<Integer> priorities = Collections.synchronizedList(new ArrayList<>());
        ErrorPolicy policy = new ErrorPolicy(3, Duration.ofHours(1), Backoff.standard(), new Random(1));
        try (QueueWorker worker = new QueueWorker("inbox", ctx.inbox(),
                (item, done) -> priorities.add(Thread.currentThread().getPriority()), ctx, policy, "test-host")) {
            worker.start();
            Await.until("every item handled", Duration.ofSeconds(20), () -> priorities.size() == 6);
        }
        // A webhook's thread runs at the normal priority; the engine's workers below it.
        assertThat(priorities).containsOnly(QueueWorker.WORKER_PRIORITY);
        assertThat(QueueWorker.WORKER_PRIORITY).isLessThan(Thread.NORM_PRIORITY);
    }

    @Test
    void leasesAreRenewedWhileItemsRunOrWaitSoAnotherHostNeverTakesThem() throws Exception {
        // A 400 ms lease, and items that take 900 ms each: without renewal, the second host would
        // claim them again (and the waiting one too) long before the first is done with them.
        EngineSettings settings = EngineSettings.defaults().withWorkers(1).withTimings(Duration.ofMillis(50),
                Duration.ofMillis(400), Duration.ZERO, Duration.ofHours(1));
        EngineContext ctx = context(settings, 2);
        List<String> handled = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch firstStarted = new CountDownLatch(1);
        QueueWorker.Handler slow = (item, done) -> {
            firstStarted.countDown();
            try {
                Thread.sleep(900);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            handled.add(item.eventId() + "#" + item.attempts());
        };
        QueueWorker.Handler other = (item, done) -> handled.add("other:" + item.eventId());
        ErrorPolicy policy = new ErrorPolicy(5, Duration.ofHours(1), Backoff.standard(), new Random(1));
        try (QueueWorker first = new QueueWorker("inbox", ctx.inbox(), slow, ctx, policy, "host-a")) {
            first.start();
            assertThat(firstStarted.await(10, TimeUnit.SECONDS)).isTrue();
            Await.until("both claimed by the first host", Duration.ofSeconds(5), () -> leased() == 2);
            try (QueueWorker second = new QueueWorker("inbox", ctx.inbox(), other, ctx, policy, "host-b")) {
                second.start();
                Await.until("both items done", Duration.ofSeconds(20), () -> pending() == 0);
                Thread.sleep(300); // a second run would show up now
            }
        }
        assertThat(handled).containsExactly("e0#1", "e1#1");
    }

    @Test
    void theClaimsOfAHostThatStoppedRenewingAreTakenOverWithinOneLease() throws Exception {
        Duration lease = Duration.ofMillis(1500);
        EngineSettings settings = EngineSettings.defaults().withWorkers(2).withTimings(Duration.ofMillis(50), lease,
                Duration.ZERO, Duration.ofHours(1));
        EngineContext ctx = context(settings, 3);
        // A host claims everything and dies: nobody renews its leases.
        Instant claimedAt = Instant.now();
        assertThat(ctx.inbox().claim(10, claimedAt, lease, "dead-host")).hasSize(3);
        List<String> handled = Collections.synchronizedList(new ArrayList<>());
        ErrorPolicy policy = new ErrorPolicy(5, Duration.ofHours(1), Backoff.standard(), new Random(1));
        try (QueueWorker worker = new QueueWorker("inbox", ctx.inbox(), (item, done) -> handled.add(item.eventId()),
                ctx, policy, "restarted")) {
            worker.start();
            Await.until("every item done", Duration.ofSeconds(10), () -> pending() == 0);
        }
        Duration took = Duration.between(claimedAt, Instant.now());
        assertThat(handled).containsExactlyInAnyOrder("e0", "e1", "e2");
        assertThat(took).as("taken over once the lease ran out, not later").isGreaterThanOrEqualTo(lease)
                .isLessThan(lease.plusSeconds(3));
    }

    @Test
    void anItemWhoseLeaseCouldNotBeRenewedIsLeftForItsNextClaimNotRunTwice() throws Exception {
        EngineSettings settings = EngineSettings.defaults().withWorkers(1).withTimings(Duration.ofMillis(50),
                Duration.ofMillis(400), Duration.ZERO, Duration.ofHours(1));
        EngineContext ctx = context(settings, 2);
        List<String> handled = Collections.synchronizedList(new ArrayList<>());
        QueueWorker.Handler handler = (item, done) -> {
            if (item.eventId().equals("e0")) {
                // e1 must be held here first (a loaded machine may claim it in a second batch).
                Await.until("e1 claimed here", Duration.ofSeconds(10), () -> db.inTransaction(c -> Jdbc.count(c,
                        "SELECT COUNT(*) FROM inbox WHERE event_id = 'e1' AND claimed_by = 'test-host'")) == 1);
                // Another host took e1 over (as after a database outage longer than the lease): its
                // copy here can no longer be renewed.
                db.inTransactionDo(c -> Jdbc.update(c, "UPDATE inbox SET claimed_by = 'elsewhere' WHERE event_id = 'e1'"));
                try {
                    Thread.sleep(900);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                db.inTransactionDo(c -> Jdbc.update(c, "UPDATE inbox SET claimed_until = NULL, claimed_by = NULL "
                        + "WHERE event_id = 'e1'"));
            }
            handled.add(item.eventId() + "#" + item.attempts());
        };
        ErrorPolicy policy = new ErrorPolicy(5, Duration.ofHours(1), Backoff.standard(), new Random(1));
        try (QueueWorker worker = new QueueWorker("inbox", ctx.inbox(), handler, ctx, policy, "test-host")) {
            worker.start();
            Await.until("both items done", Duration.ofSeconds(20), () -> pending() == 0);
            Thread.sleep(300);
        }
        // The stale copy of e1 was left alone; the copy from its next claim ran, once.
        assertThat(handled).containsExactly("e0#1", "e1#2");
    }

    private long leased() {
        return db.inTransaction(c -> Jdbc.count(c, "SELECT COUNT(*) FROM inbox WHERE status = 'PENDING' "
                + "AND claimed_by IS NOT NULL"));
    }

    private long pending() {
        return db.inTransaction(c -> Jdbc.count(c, "SELECT COUNT(*) FROM inbox WHERE status = 'PENDING'"));
    }
}
