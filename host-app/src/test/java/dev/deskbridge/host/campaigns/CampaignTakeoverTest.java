package dev.deskbridge.host.campaigns;

import static org.assertj.core.api.Assertions.assertThat;

import dev.deskbridge.connector.api.CrmCapability;
import dev.deskbridge.connector.api.model.PhoneNumber;
import dev.deskbridge.connector.api.model.SendRequest;
import dev.deskbridge.connector.api.model.SendResult;
import dev.deskbridge.connector.api.pricing.TemplateCategory;
import dev.deskbridge.connector.api.template.ParameterFormat;
import dev.deskbridge.connector.api.template.TemplateDefinition;
import dev.deskbridge.connector.api.template.TemplateStatus;
import dev.deskbridge.connector.testkit.ManualClock;
import dev.deskbridge.host.config.DatabaseConfig;
import dev.deskbridge.host.config.ReengageTemplate;
import dev.deskbridge.host.config.ReplyPolicy;
import dev.deskbridge.host.config.RouteConfig;
import dev.deskbridge.host.engine.ConnectorSessions;
import dev.deskbridge.host.engine.Engine;
import dev.deskbridge.host.engine.EngineContext;
import dev.deskbridge.host.engine.EngineMetrics;
import dev.deskbridge.host.engine.EngineSettings;
import dev.deskbridge.host.engine.Routes;
import dev.deskbridge.host.engine.TicketMode;
import dev.deskbridge.host.store.Database;
import dev.deskbridge.host.store.Jdbc;
import dev.deskbridge.host.templates.TemplateCatalogue;
import dev.deskbridge.host.testing.Await;
import dev.deskbridge.host.testing.Databases;
import dev.deskbridge.host.testing.ForwardingChannel;
import dev.deskbridge.host.testing.HostFixture;
import dev.deskbridge.host.testing.RecordingCrm;
import dev.deskbridge.host.testing.TestChannel;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Two hosts on one PostgreSQL database (the probe's set-up): a campaign started on host A, which then
 * dies, is finished by host B within the lease, every recipient sent to once. Before, B left it
 * running with nobody sending it until A came back. Started on both hosts, it is sent by one; a
 * host whose lease was taken over (it stalled) stops sending at its next renewal.
 */
class CampaignTakeoverTest {
    private static final int RECIPIENTS = 60;
    private static final int RATE = 10;
    private static final Duration LEASE = EngineSettings.DEFAULT_LEASE;

    private final ManualClock clock = new ManualClock(HostFixture.START);
    /** One provider behind both hosts: its message ids are unique across them. */
    private final TestChannel provider = new TestChannel("s", clock);
    /** Sends the provider took, per recipient. */
    private final Map<String, AtomicInteger> taken = new ConcurrentHashMap<>();
    private final List<AutoCloseable> opened = new ArrayList<>();

    /** One host's channel session; it can die: sends from then on never reach the provider. */
    final class HostChannel extends ForwardingChannel {
        private final ReadWriteLock gate = new ReentrantReadWriteLock();
        private final CountDownLatch gone = new CountDownLatch(1);
        private volatile boolean dead;

        HostChannel() {
            super(provider);
        }

        @Override
        public SendResult send(SendRequest request) {
            gate.readLock().lock();
            try {
                if (!dead) {
                    SendResult result = super.send(request);
                    taken.computeIfAbsent(request.to().e164(), k -> new AtomicInteger()).incrementAndGet();
                    return result;
                }
            } finally {
                gate.readLock().unlock();
            }
            // A dead host's call never reaches the provider; it ends when the host's threads do.
            try {
                gone.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            throw new IllegalStateException("the host is gone");
        }

        /** From now on nothing reaches the provider; a send under way has reached it when this returns. */
        void die() {
            gate.writeLock().lock();
            dead = true;
            gate.writeLock().unlock();
        }

        void release() {
            gone.countDown();
        }

        @Override
        public Optional<PhoneNumber> businessNumber() {
            return Optional.of(PhoneNumber.of(HostFixture.BUSINESS));
        }
    }

    /** One host: its own pool on the database, its engine and its campaigns. */
    record Host(Database db, Engine engine, Campaigns campaigns, HostChannel channel) {}

    private Host host(DatabaseConfig config) {
        Database db = Database.open(config, 6);
        opened.add(db);
        HostChannel channel = new HostChannel();
        RouteConfig route = new RouteConfig("wa", "crm", ReplyPolicy.HOLD_AND_REENGAGE, Optional.of(
                new ReengageTemplate("reengage_v1", "en_US", TemplateCategory.UTILITY, List.of())), Optional.empty());
        Engine engine = new Engine(EngineContext.create(db, HostFixture.fastEngine(), new Routes(List.of(route)),
                new ConnectorSessions(Map.of("wa", channel), Map.of("crm", new RecordingCrm(
                        Set.of(CrmCapability.WEBHOOKS), m -> {}))), HostFixture.goldenPricing(), clock,
                Clock.systemUTC(), new EngineMetrics(new SimpleMeterRegistry())));
        opened.add(0, engine);
        engine.start();
        return new Host(db, engine, new Campaigns(engine, Currency.getInstance("USD"), RATE), channel);
    }

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : opened) {
            c.close();
        }
    }

    /** The template in the catalogue and a campaign to {@link #RECIPIENTS} customers, ready. */
    private static String prepare(Host host) {
        new TemplateCatalogue(host.db()).replace("wa", List.of(new TemplateDefinition("1001", "order_shipped",
                "order_shipped", "en_US", TemplateStatus.APPROVED, Optional.of(TemplateCategory.UTILITY),
                ParameterFormat.POSITIONAL, "Hi {{1}}, order {{2}} has shipped.", List.of("1", "2"), Optional.empty(),
                List.of(), List.of(), "[]")), HostFixture.START);
        StringBuilder csv = new StringBuilder("to,1,2\n");
        for (int i = 0; i < RECIPIENTS; i++) {
            csv.append("+49151").append(10_000_000 + i).append(",Customer ").append(i).append(",A-").append(i)
                    .append('\n');
        }
        Campaigns.Prepared prepared = host.campaigns().prepare(new Campaigns.Draft("order_shipped",
                Optional.of("en_US"), dev.deskbridge.host.engine.RouteName.NONE, TicketMode.NONE, Optional.of(RATE),
                false),
                csv.toString().getBytes(StandardCharsets.UTF_8));
        assertThat(prepared.badRows()).isEmpty();
        return prepared.id().orElseThrow();
    }

    @Test
    void aCampaignWhoseHostDiedIsFinishedByAnotherHostWithinTheLeaseEachRecipientOnce() {
        DatabaseConfig config = Databases.freshPostgres();
        Host a = host(config);
        Host b = host(config);
        String id = prepare(a);

        assertThat(a.campaigns().start(id).orElseThrow().sending()).isTrue();
        assertThat(a.engine().campaigns().isRunning(id)).isTrue();
        // Started on the other host too: A's lease is live, so B leaves it to A and says it is being sent.
        Campaigns.Report onB = b.campaigns().start(id).orElseThrow();
        assertThat(onB.campaign().status()).isEqualTo("RUNNING");
        assertThat(onB.sending()).as("sending, as B reports it").isTrue();
        assertThat(b.engine().campaigns().isRunning(id)).as("sent by B too").isFalse();

        Await.until("a quarter of the recipients sent to", Duration.ofSeconds(30),
                () -> taken.size() >= RECIPIENTS / 4);
        assertThat(b.engine().campaigns().isRunning(id)).as("taken over from a live host").isFalse();

        // A dies: nothing of it reaches the provider or the database any more, and its lease is left as it was.
        a.channel().die();
        Await.until("the sends A's provider took recorded", Duration.ofSeconds(10), () -> count(b.db(),
                "SELECT COUNT(*) FROM messages WHERE provider_message_id IS NOT NULL") == provider.sent().size());
        a.db().close();
        long diedAt = System.nanoTime();
        a.channel().release();
        a.engine().close();
        opened.removeAll(List.of(a.engine(), a.db()));
        int atDeath = taken.size();
        assertThat(atDeath).as("recipients sent to when A died").isLessThan(RECIPIENTS);

        Await.until("B sending the campaign", LEASE.plusSeconds(10), () -> b.engine().campaigns().isRunning(id));
        Duration takenOverAfter = Duration.ofNanos(System.nanoTime() - diedAt);
        Await.until("every recipient sent to", Duration.ofSeconds(30), () -> taken.size() == RECIPIENTS);
        Await.until("the campaign done", Duration.ofSeconds(10),
                () -> b.campaigns().report(id).orElseThrow().campaign().status().equals("DONE"));
        Duration finishedAfter = Duration.ofNanos(System.nanoTime() - diedAt);
        System.out.printf("CampaignTakeoverTest: %d of %d recipients sent to when A died; B took over %d ms later "
                + "and finished %d ms after A died%n", atDeath, RECIPIENTS, takenOverAfter.toMillis(),
                finishedAfter.toMillis());

        // Within the lease and a look-out's round (plus a little for a busy machine), then at the pace.
        assertThat(takenOverAfter).isLessThan(LEASE.plusSeconds(4));
        Duration rest = Duration.ofMillis((RECIPIENTS - atDeath) * 1000L / RATE);
        assertThat(finishedAfter).isLessThan(LEASE.plusSeconds(4).plus(rest).plusSeconds(3));
        Campaigns.Report report = b.campaigns().report(id).orElseThrow();
        assertThat(report.pending()).isZero();
        assertThat(report.queued()).isEqualTo(RECIPIENTS);
        assertThat(report.sending()).isFalse();
        assertThat(taken.values()).as("sends per recipient").allMatch(n -> n.get() == 1);
        assertThat(provider.sent()).hasSize(RECIPIENTS);
        assertThat(count(b.db(), "SELECT COUNT(*) FROM outbox_keys WHERE source_id = 'campaign'"))
                .as("campaign sends queued").isEqualTo(RECIPIENTS);
    }

    @Test
    void aHostWhoseLeaseWasTakenOverStopsSendingAtItsNextRenewal() throws InterruptedException {
        Host a = host(Databases.freshPostgres());
        String id = prepare(a);
        a.campaigns().start(id);
        Await.until("a few recipients sent to", Duration.ofSeconds(30), () -> taken.size() >= 5);

        // A stalled past its lease and another host claimed the campaign meanwhile, as its look-out does.
        a.db().inTransactionDo(c -> Jdbc.update(c, "UPDATE campaigns SET claimed_by = 'another-host', "
                + "claimed_until = ? WHERE id = ?", Instant.now().plus(LEASE), id));
        Await.until("A stopped sending it", LEASE.dividedBy(4).plusSeconds(3),
                () -> !a.engine().campaigns().isRunning(id));
        String queued = "SELECT COUNT(*) FROM campaign_recipients WHERE status = 'QUEUED'";
        long atStop = count(a.db(), queued);
        Thread.sleep(1_000);
        assertThat(count(a.db(), queued)).as("queued after A stopped").isEqualTo(atStop).isLessThan(RECIPIENTS);
        Campaigns.Report report = a.campaigns().report(id).orElseThrow();
        assertThat(report.campaign().status()).isEqualTo("RUNNING");
        assertThat(report.sending()).as("sent by the other host, as A reports it").isTrue();
    }

    private static long count(Database db, String sql) {
        return db.inTransaction(c -> Jdbc.count(c, sql));
    }
}
