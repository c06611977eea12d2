package dev.deskbridge.host.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.zip.CRC32;
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
            // The newest migration (Flyway refuses to run an older one after it); V16 drops indexes IF EXISTS,
            // so running it again is harmless: forgetting it makes it run again.
            db.inTransactionDo(c -> exec(c, "DELETE FROM flyway_schema_history WHERE version = '16'"));
            assertThat(SchemaHistory.current(db.dataSource())).isFalse();
        }
        try (Database db = Database.open(Database.h2File(file), 2)) {
            // One connection at a time: the database's flusher holds the pool's other one.
            try (Connection c = db.dataSource().getConnection()) {
                assertThat(SchemaHistory.applied(c)).containsKey("16");
            }
            assertThat(SchemaHistory.current(db.dataSource())).isTrue();
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
