package dev.deskbridge.host.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.deskbridge.connector.api.model.CustomerMessage;
import dev.deskbridge.connector.api.model.InboundMessage;
import dev.deskbridge.connector.api.model.MessageContent;
import dev.deskbridge.connector.api.model.PhoneNumber;
import dev.deskbridge.connector.testkit.ManualClock;
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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An intake journal record the mover cannot read (here: a version this build did not write), or one
 * the database refuses on its own, must not block the acknowledged webhooks after it, nor be lost: it
 * is kept in a file of its own.
 */
class UnreadableJournalRecordTest {
    @TempDir
    Path dir;

    final List<CustomerMessage> appended = new CopyOnWriteArrayList<>();

    @Test
    void anUnreadableRecordIsSetAsideAndTheRecordsAfterItMoveOn() throws Exception {
        Path journalDir = dir.resolve("db.intake");
        byte[] unreadable = "version 99 of a record".getBytes(StandardCharsets.UTF_8);
        try (IntakeJournal journal = IntakeJournal.open(journalDir, JournalSettings.DEFAULTS)) {
            journal.await(journal.append(unreadable));
        }
        run(journalDir, List.of(message("e1", "first"), message("e2", "second")));

        assertThat(appended).extracting(m -> m.message().content().summary()).containsExactly("first", "second");
        List<Path> kept;
        try (Stream<Path> files = Files.list(journalDir.resolve("set-aside"))) {
            kept = files.toList();
        }
        assertThat(kept).hasSize(1);
        assertThat(Files.readAllBytes(kept.get(0))).isEqualTo(unreadable);

        // Consumed: a restart neither replays the set-aside record nor the moved ones.
        appended.clear();
        run(journalDir, List.of(message("e3", "third")));
        assertThat(appended).extracting(m -> m.message().content().summary()).containsExactly("third");
    }

    @Test
    void aRecordTheDatabaseRefusesIsSetAsideAtStartAndTheRecordsAroundItMoveOn() throws Exception {
        Path journalDir = dir.resolve("db.intake");
        byte[] refused = tooLongEventId("wa|refused");
        try (IntakeJournal journal = IntakeJournal.open(journalDir, JournalSettings.DEFAULTS)) {
            journal.await(journal.append(encoded(message("e0", "before"))));
            journal.await(journal.append(refused));
            journal.await(journal.append(encoded(message("e1", "after"))));
        }
        // Before: the start stopped on the refused record, and so did every start after it.
        run(journalDir, List.of(message("e2", "new")), 2);

        assertThat(appended).extracting(m -> m.message().content().summary())
                .containsExactly("before", "after", "new");
        List<Path> kept;
        try (Stream<Path> files = Files.list(journalDir.resolve("set-aside"))) {
            kept = files.toList();
        }
        assertThat(kept).singleElement().satisfies(p -> assertThat(Files.readAllBytes(p)).isEqualTo(refused));

        appended.clear();
        run(journalDir, List.of(message("e3", "third")));
        assertThat(appended).extracting(m -> m.message().content().summary()).containsExactly("third");
    }

    @Test
    void aJournalOfOnlyRecordsTheDatabaseRefusesForTheirDataDoesNotStopTheStart() throws Exception {
        Path journalDir = dir.resolve("db.intake");
        // Every record of the start's batch refused, each for its own value (SQL state 22001): not a database fault.
        byte[] first = tooLongEventId("wa|refused-1");
        byte[] second = tooLongEventId("wa|refused-2");
        try (IntakeJournal journal = IntakeJournal.open(journalDir, JournalSettings.DEFAULTS)) {
            journal.await(journal.append(first));
            journal.await(journal.append(second));
        }
        // Before: the start failed, as when the database itself fails, and so did every start after it.
        run(journalDir, List.of(message("e1", "new")));

        assertThat(appended).extracting(m -> m.message().content().summary()).containsExactly("new");
        List<byte[]> kept;
        try (Stream<Path> files = Files.list(journalDir.resolve("set-aside")).sorted()) {
            kept = files.map(UnreadableJournalRecordTest::bytes).toList();
        }
        assertThat(kept).hasSize(2).anySatisfy(b -> assertThat(b).isEqualTo(first))
                .anySatisfy(b -> assertThat(b).isEqualTo(second));
    }

    @Test
    void aRecordTheDatabaseRefusesForItsOwnFaultIsNotSetAsideButMovedOnceTheDatabaseIsMended() throws Exception {
        Path journalDir = dir.resolve("db.intake");
        try (IntakeJournal journal = IntakeJournal.open(journalDir, JournalSettings.DEFAULTS)) {
            journal.await(journal.append(encoded(message("e0", "kept"))));
        }
        inDatabase("ALTER TABLE inbox RENAME TO away");
        // A missing table is the database's fault, not the lone record's: before, it was set aside while the
        // database answered. Now the start fails, as a database fault does, and the record stays in the journal.
        assertThatThrownBy(() -> run(journalDir, List.of())).isInstanceOf(RuntimeException.class);
        assertThat(journalDir.resolve("set-aside")).satisfiesAnyOf(p -> assertThat(p).doesNotExist(),
                p -> assertThat(p).isEmptyDirectory());

        inDatabase("ALTER TABLE away RENAME TO inbox");
        run(journalDir, List.of(), 1);
        assertThat(appended).extracting(m -> m.message().content().summary()).containsExactly("kept");
    }

    private void inDatabase(String sql) {
        try (Database db = Database.open(Database.h2File(dir.resolve("db")), 2)) {
            db.inTransactionDo(c -> c.createStatement().execute(sql));
        }
    }

    @Test
    void onlyARefusalForTheValuesGivenIsTheRecordsFault() {
        assertThat(IntakeMover.refusedForItsData(refusal("22001"))).as("value too long").isTrue();
        assertThat(IntakeMover.refusedForItsData(refusal("23505"))).as("unique constraint").isTrue();
        assertThat(IntakeMover.refusedForItsData(refusal("HYT00"))).as("lock timeout").isFalse();
        assertThat(IntakeMover.refusedForItsData(refusal("90028"))).as("H2's file error").isFalse();
        assertThat(IntakeMover.refusedForItsData(refusal("42S02"))).as("table not found").isFalse();
        assertThat(IntakeMover.refusedForItsData(refusal(null))).isFalse();
        assertThat(IntakeMover.refusedForItsData(new IllegalStateException("no SQL"))).isFalse();
    }

    private static RuntimeException refusal(String sqlState) {
        return new dev.deskbridge.host.store.StoreException("refused",
                new java.sql.SQLException("refused", sqlState));
    }

    /** Readable, but its event id is longer than the inbox's column: what another version might have written. */
    private static byte[] tooLongEventId(String partition) {
        return IntakeRecords.encode(List.of(new IntakeItem(Intake.channelSource("wa"), partition + "x".repeat(700),
                "CustomerMessageReceived", Optional.of(partition), "{}")));
    }

    private static byte[] bytes(Path p) {
        try {
            return Files.readAllBytes(p);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** A channel message as the intake writes it to the journal. */
    private byte[] encoded(InboundMessage m) {
        EngineEvent e = new EngineEvent.CustomerMessageReceived("wa", m);
        return IntakeRecords.encode(List.of(new IntakeItem(Intake.channelSource("wa"), m.eventId(), e.type(),
                Optional.of(new dev.deskbridge.host.store.ConversationKey(m.business(), m.customer()).partition()),
                new EventCodec().encode(e))));
    }

    private void run(Path journalDir, List<InboundMessage> messages) {
        run(journalDir, messages, 0);
    }

    /** Starts an engine on the journal, accepts {@code messages}, waits for them and {@code replayed} more to be appended. */
    private void run(Path journalDir, List<InboundMessage> messages, int replayed) {
        ManualClock clock = new ManualClock(HostFixture.START);
        int before = appended.size();
        try (Database db = Database.open(Database.h2File(dir.resolve("db")), 6);
                IntakeJournal journal = IntakeJournal.open(journalDir, JournalSettings.DEFAULTS)) {
            Engine engine = new Engine(EngineContext.create(db, HostFixture.fastEngine(), new Routes(List.of(
                    new RouteConfig("wa", "crm", ReplyPolicy.REFUSE, Optional.empty(), Optional.empty()))),
                    new ConnectorSessions(Map.of("wa", new TestChannel("s", clock)),
                            Map.of("crm", new RecordingCrm(Set.of(), appended::add))),
                    HostFixture.goldenPricing(), clock, Clock.systemUTC(),
                    new EngineMetrics(new SimpleMeterRegistry())), Optional.of(journal)).start();
            try {
                for (InboundMessage m : messages) {
                    engine.intake().acceptChannelEvents("wa", List.of(m));
                }
                Await.until("appended", () -> appended.size() == before + replayed + messages.size());
            } finally {
                engine.close();
            }
        }
    }

    private static InboundMessage message(String eventId, String text) {
        return new InboundMessage(eventId, "wamid." + eventId, PhoneNumber.of(HostFixture.BUSINESS),
                PhoneNumber.of(HostFixture.CUSTOMER), Optional.empty(), HostFixture.START,
                new MessageContent.Text(text), Optional.empty(), Optional.empty());
    }
}
