package dev.deskbridge.host.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.deskbridge.host.config.DatabaseConfig;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A database file written by the H2 version DeskBridge shipped before (2.3.232), as a host of that
 * build left it (the migrations of the time, two bad records, closed cleanly), opens with this
 * build's H2: an upgrade of DeskBridge keeps its users' data. The file is {@code h2/deskbridge-h2-2.3.232.mv.db}.
 */
class H2FileUpgradeTest {
    @TempDir
    Path dir;

    @Test
    void aFileOfThePreviousH2VersionOpensWithItsRowsAndTakesNewOnes() throws Exception {
        try (InputStream file = getClass().getResourceAsStream("/h2/deskbridge-h2-2.3.232.mv.db")) {
            Files.copy(file, dir.resolve("deskbridge.mv.db"));
        }
        DatabaseConfig settings = Database.h2File(dir.resolve("deskbridge"));
        try (Database db = Database.open(settings)) {
            assertThat(reasons(db)).containsExactly("written by H2 2.3.232 (1)", "written by H2 2.3.232 (2)");
            new BadRecordStore(db, Clock.systemUTC()).add("wa", "webhook", "written after the upgrade", null,
                    java.time.Instant.parse("2026-12-07T09:00:00Z"));
        }
        try (Database db = Database.open(settings)) {
            assertThat(reasons(db)).containsExactly("written by H2 2.3.232 (1)", "written by H2 2.3.232 (2)",
                    "written after the upgrade");
        }
    }

    private static List<String> reasons(Database db) {
        return db.inTransaction(c -> Jdbc.query(c, "SELECT reason FROM bad_records ORDER BY recorded_at",
                rs -> rs.getString(1)));
    }
}
