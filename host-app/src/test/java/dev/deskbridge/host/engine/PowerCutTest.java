package dev.deskbridge.host.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.deskbridge.connector.api.config.Secret;
import dev.deskbridge.connector.api.model.CustomerMessage;
import dev.deskbridge.connector.api.model.InboundMessage;
import dev.deskbridge.connector.api.model.MessageContent;
import dev.deskbridge.connector.api.model.PhoneNumber;
import dev.deskbridge.connector.testkit.ManualClock;
import dev.deskbridge.host.config.DatabaseConfig;
import dev.deskbridge.host.config.ReplyPolicy;
import dev.deskbridge.host.config.RouteConfig;
import dev.deskbridge.host.store.Database;
import dev.deskbridge.host.store.journal.IntakeJournal;
import dev.deskbridge.host.store.journal.JournalSettings;
import dev.deskbridge.host.testing.Await;
import dev.deskbridge.host.testing.HostFixture;
import dev.deskbridge.host.testing.RecordingCrm;
import dev.deskbridge.host.testing.TestChannel;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Power cuts on H2, whose commits reach the disk only when flushed. The database here never writes in
 * the background (WRITE_DELAY of 10 minutes), and the power cut is {@code SHUTDOWN IMMEDIATELY}: what
 * survives is what a flush wrote.
 */
class PowerCutTest {
    @TempDir
    Path dir;

    final List<CustomerMessage> appended = new CopyOnWriteArrayList<>();

    /**
     * The intake journal lets an acknowledged webhook go only once a database flush holds it: a power cut
     * as soon as the inbox shows the webhook finds it still in the journal, or (when the mover's flush came
     * first) in the inbox; either way it is handled once after the restart.
     */
    @Test
    void aWebhookTheInboxTookBeforeAPowerCutIsMovedAgainFromTheJournal() {
        Path journalDir = dir.resolve("db.intake");
        ManualClock clock = new ManualClock(HostFixture.START);
        try (Database db = Database.open(config(), 6);
                IntakeJournal journal = IntakeJournal.open(journalDir, JournalSettings.DEFAULTS)) {
            Engine engine = engine(db, journal, clock);
            try {
                engine.intake().acceptChannelEvents("wa", List.of(message("e1", "before the power cut")));
                // Looked for every millisecond: Await's 25 ms could miss the moment before the flush.
                long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                while (inboxRows(db, "e1") == 0 && System.nanoTime() < deadline) {
                    Thread.sleep(1);
                }
                cutPower(db);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            } finally {
                closeQuietly(engine);
            }
        } catch (RuntimeException expected) {
            // Closing a pool whose database is gone.
        }
        try (Database db = Database.open(config(), 6);
                IntakeJournal journal = IntakeJournal.open(journalDir, JournalSettings.DEFAULTS)) {
            assertThat(journal.unconsumedRecords() + inboxRows(db, "e1"))
                    .as("the webhook is in the journal or in the inbox after the power cut").isPositive();
            Engine engine = engine(db, journal, clock);
            try {
                Await.until("the webhook handled after the restart", () -> handled(db, "e1"));
                assertThat(inboxRows(db, "e1")).isEqualTo(1);
                assertThat(journal.unconsumedRecords()).isZero();
            } finally {
                engine.close();
            }
        }
        // Before the power cut, after the restart, or (when the cut took the worker's commit) both: the CRM
        // finds a repeat by the message's id.
        assertThat(appended).isNotEmpty().extracting(m -> m.message().content().summary())
                .containsOnly("before the power cut");
    }

    /**
     * A power cut during the CRM call must not take back the attempt the claim counted (the claim is
     * flushed before its item runs): the CRM hears the message again as a retry, and then looks for the
     * earlier attempt by the ids it carries. After an orderly stop, a new message is no retry.
     */
    @Test
    void aCustomerMessageCutOffDuringItsCrmCallGoesToTheCrmAgainAsARetry() throws Exception {
        Path journalDir = dir.resolve("db.intake");
        ManualClock clock = new ManualClock(HostFixture.START);
        CountDownLatch calling = new CountDownLatch(1);
        CountDownLatch cut = new CountDownLatch(1);
        try (Database db = Database.open(config(), 6);
                IntakeJournal journal = IntakeJournal.open(journalDir, JournalSettings.DEFAULTS)) {
            Engine engine = engine(db, journal, clock, m -> {
                appended.add(m);
                calling.countDown();
                try {
                    cut.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                throw new IllegalStateException("the power went while the CRM was called");
            });
            try {
                engine.intake().acceptChannelEvents("wa", List.of(message("e1", "during the power cut")));
                assertThat(calling.await(30, TimeUnit.SECONDS)).isTrue();
                cutPower(db);
            } finally {
                cut.countDown();
                closeQuietly(engine);
            }
        } catch (RuntimeException expected) {
            // Closing a pool whose database is gone.
        }
        assertThat(appended).singleElement().matches(m -> !m.retry(), "the first attempt is no retry");

        try (Database db = Database.open(config(), 6);
                IntakeJournal journal = IntakeJournal.open(journalDir, JournalSettings.DEFAULTS)) {
            Engine engine = engine(db, journal, clock);
            try {
                // Claimed again once the cut-off claim's lease has run out.
                Await.until("the message handled after the restart", () -> handled(db, "e1"));
            } finally {
                engine.close();
            }
        }
        assertThat(appended).hasSize(2);
        assertThat(appended.get(1).retry()).as("the attempt after the power cut is a retry").isTrue();

        // After an orderly stop, a new message is a first attempt.
        try (Database db = Database.open(config(), 6);
                IntakeJournal journal = IntakeJournal.open(journalDir, JournalSettings.DEFAULTS)) {
            Engine engine = engine(db, journal, clock);
            try {
                engine.intake().acceptChannelEvents("wa", List.of(message("e2", "after an orderly stop")));
                Await.until("the new message handled", () -> handled(db, "e2"));
            } finally {
                engine.close();
            }
        }
        assertThat(appended).hasSize(3);
        assertThat(appended.get(2).retry()).isFalse();
    }

    private Engine engine(Database db, IntakeJournal journal, ManualClock clock) {
        return engine(db, journal, clock, appended::add);
    }

    private Engine engine(Database db, IntakeJournal journal, ManualClock clock, Consumer<CustomerMessage> crm) {
        // A lease of 1 s: the restart takes the cut-off claim's item again once it has run out.
        EngineSettings settings = HostFixture.fastEngine().withTimings(Duration.ofMillis(50), Duration.ofSeconds(1),
                Duration.ZERO, Duration.ofHours(1));
        return new Engine(EngineContext.create(db, settings, new Routes(List.of(
                new RouteConfig("wa", "crm", ReplyPolicy.REFUSE, Optional.empty(), Optional.empty()))),
                new ConnectorSessions(Map.of("wa", new TestChannel("s", clock)),
                        Map.of("crm", new RecordingCrm(Set.of(), crm))),
                HostFixture.goldenPricing(), clock, Clock.systemUTC(),
                new EngineMetrics(new SimpleMeterRegistry())), Optional.of(journal)).start();
    }

    private DatabaseConfig config() {
        return new DatabaseConfig("jdbc:h2:file:" + dir.resolve("db").toAbsolutePath()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;WRITE_DELAY=600000",
                "sa", new Secret(""));
    }

    /** The power cut: the database stops at once, writing nothing more. */
    private static void cutPower(Database db) {
        try {
            db.inTransactionDo(c -> {
                try (Statement s = c.createStatement()) {
                    s.execute("SHUTDOWN IMMEDIATELY");
                }
            });
        } catch (RuntimeException expected) {
            // The pool's connection died with the database.
        }
    }

    private static void closeQuietly(Engine engine) {
        try {
            engine.close();
        } catch (RuntimeException e) {
            // Its workers' database is gone.
        }
    }

    private static int inboxRows(Database db, String eventId) {
        Integer n = db.inTransaction(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM inbox_keys WHERE event_id = ?")) {
                s.setString(1, eventId);
                try (ResultSet r = s.executeQuery()) {
                    r.next();
                    return r.getInt(1);
                }
            }
        });
        return n;
    }

    private static boolean handled(Database db, String eventId) {
        Boolean done = db.inTransaction(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT i.status FROM inbox i JOIN inbox_keys k ON k.item_id = i.id "
                    + "WHERE k.event_id = ?")) {
                s.setString(1, eventId);
                try (ResultSet r = s.executeQuery()) {
                    return r.next() && "DONE".equals(r.getString(1));
                }
            }
        });
        return done;
    }

    private static InboundMessage message(String eventId, String text) {
        return new InboundMessage(eventId, "wamid." + eventId, PhoneNumber.of(HostFixture.BUSINESS),
                PhoneNumber.of(HostFixture.CUSTOMER), Optional.empty(), HostFixture.START,
                new MessageContent.Text(text), Optional.empty(), Optional.empty());
    }
}
