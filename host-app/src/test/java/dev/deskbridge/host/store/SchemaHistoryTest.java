package dev.deskbridge.host.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import dev.deskbridge.host.config.DatabaseConfig;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.util.Optional;
import java.util.zip.CRC32;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A restart skips Flyway only when the schema history holds exactly this build's migrations with
 * Flyway's own checksums; any difference leaves the decision (migrate, or refuse) to Flyway.
 */
class SchemaHistoryTest {
    @TempDir
    Path dir;

    @Test
    void aNewDatabaseIsNotCurrentAndOnceMigratedItIs() {
        try (Database db = Database.open(Database.h2File(dir.resolve("db")), 2)) {
            assertThat(SchemaHistory.current(db.dataSource())).isTrue();
            assertThat(SchemaHistory.shipped()).containsKeys("1", "13");
        }
        try (Database empty = Database.open(Database.h2File(dir.resolve("other")), 2)) {
            empty.inTransactionDo(c -> exec(c, "DROP TABLE flyway_schema_history"));
            assertThat(SchemaHistory.current(empty.dataSource())).isFalse();
        }
    }

    @Test
    void theChecksumsAreFlywaysOwn() throws Exception {
        // Flyway recorded its checksums when it migrated; ours of the same files must be equal to them.
        try (Database db = Database.open(Database.h2File(dir.resolve("db")), 2);
                Connection c = db.dataSource().getConnection()) {
            assertThat(SchemaHistory.applied(c)).isEqualTo(SchemaHistory.shipped());
        }
        CRC32 crc = new CRC32();
        crc.update("a".getBytes(StandardCharsets.UTF_8));
        crc.update("b".getBytes(StandardCharsets.UTF_8));
        int lines = (int) crc.getValue();
        assertThat(SchemaHistory.checksum(new ByteArrayInputStream("\uFEFFa\r\nb\n".getBytes(StandardCharsets.UTF_8))))
                .isEqualTo(lines);
    }

    @Test
    void aChangedMigrationIsStillRefusedByFlyway() {
        Path file = dir.resolve("db");
        try (Database db = Database.open(Database.h2File(file), 2)) {
            db.inTransactionDo(c -> exec(c, "UPDATE flyway_schema_history SET checksum = checksum + 1 WHERE version = '1'"));
            assertThat(SchemaHistory.current(db.dataSource())).isFalse();
        }
        assertThatThrownBy(() -> Database.open(Database.h2File(file), 2)).isInstanceOf(FlywayException.class)
                .hasMessageContaining("checksum");
    }

    @Test
    void aMissingMigrationIsAppliedAgain() throws Exception {
        Path file = dir.resolve("db");
        try (Database db = Database.open(Database.h2File(file), 2)) {
            // The newest migration (Flyway refuses to run an older one after it); V23 is written to change
            // nothing when it runs again, so forgetting it makes it run again harmlessly.
            db.inTransactionDo(c -> exec(c, "DELETE FROM flyway_schema_history WHERE version = '23'"));
            assertThat(SchemaHistory.current(db.dataSource())).isFalse();
        }
        try (Database db = Database.open(Database.h2File(file), 2)) {
            // One connection at a time: the database's flusher holds the pool's other one.
            try (Connection c = db.dataSource().getConnection()) {
                assertThat(SchemaHistory.applied(c)).containsKey("23");
            }
            assertThat(SchemaHistory.current(db.dataSource())).isTrue();
        }
    }

    @Test
    void anUpgradeCarriesTheKeysOfItemsAndMessagesStoredBeforeIt() throws Exception {
        // A database at V16, whose queue rows held their own unique key, with an item in each queue.
        DatabaseConfig config = Database.h2File(dir.resolve("db")); // readies H2's bind address before H2 loads
        String url = Database.jdbcUrl(config.url());
        Flyway.configure().dataSource(url, config.user(), "").locations("classpath:db/migration").target("16").load()
                .migrate();
        try (Connection c = DriverManager.getConnection(url, config.user(), "")) {
            exec(c, "INSERT INTO conversations (id, business, customer, channel_id, crm_id, created_at, updated_at) "
                    + "VALUES ('c1', '+15550001111', '+12015550123', 'wa', 'crm', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)");
            exec(c, "INSERT INTO inbox (source_id, event_id, event_type, partition_key, payload, status, attempts, "
                    + "next_attempt_at, created_at) VALUES ('channel:wa', 'msg:1', 'CUSTOMER_MESSAGE', 'p', '{}', 'DONE', 1, "
                    + "CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)");
            exec(c, "INSERT INTO outbox (source_id, event_id, event_type, partition_key, conversation_id, payload, status, "
                    + "attempts, next_attempt_at, created_at) VALUES ('crm:zendesk', 'reply:1', 'SEND_REPLY', 'p', 'c1', '{}', "
                    + "'DONE', 1, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)");
            exec(c, "INSERT INTO messages (conversation_id, direction, kind, provider_message_id, summary, status, "
                    + "window_state, sent_at, created_at) VALUES ('c1', 'IN', 'text', 'wamid.1', 'Hi', 'RECEIVED', 'OPEN', "
                    + "CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)");
        }
        try (Database db = Database.open(config, 3)) {
            for (Queue queue : Queue.values()) {
                QueueStore store = new QueueStore(db, queue);
                NewQueueItem again = queue == Queue.INBOX
                        ? new NewQueueItem("channel:wa", "msg:1", "CUSTOMER_MESSAGE", "p", "{}", Optional.empty())
                        : new NewQueueItem("crm:zendesk", "reply:1", "SEND_REPLY", "p", "{}", Optional.of("c1"));
                // Refused by the key V17 carried over, and no row left behind by the refusal.
                Optional<Long> stored = db.inTransaction(c -> store.enqueue(c, again, Instant.now()));
                long rows = db.inTransaction(c -> Jdbc.count(c, "SELECT COUNT(*) FROM " + queue.table()));
                assertThat(stored).as(queue.table()).isEmpty();
                assertThat(rows).as(queue.table()).isEqualTo(1);
            }
            // The message keeps its provider id's key (V18): found by it, and a redelivery is refused.
            MessageStore messages = new MessageStore();
            Optional<StoredMessage> found = db.inTransaction(c -> messages.findByProviderId(c, "wamid.1"));
            Optional<Long> again = db.inTransaction(c -> messages.insertInbound(c,
                    new dev.deskbridge.connector.api.model.ConversationId("c1"), "text", "wamid.1", "Hi", "OPEN",
                    Instant.now(), Instant.now()));
            assertThat(found).map(StoredMessage::summary).contains("Hi");
            assertThat(again).isEmpty();
        }
    }

    @Test
    void aFailedMigrationIsNotCurrent() {
        try (Database db = Database.open(Database.h2File(dir.resolve("db")), 2)) {
            db.inTransactionDo(c -> exec(c, "UPDATE flyway_schema_history SET success = FALSE WHERE version = '13'"));
            assertThat(SchemaHistory.current(db.dataSource())).isFalse();
        }
    }

    private static void exec(Connection c, String sql) throws java.sql.SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
