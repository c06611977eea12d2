package dev.deskbridge.host.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.deskbridge.connector.api.config.Secret;
import dev.deskbridge.host.config.DatabaseConfig;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A thread interrupted while it reads the H2 file (a scheduler's shutdownNow, a campaign stopped) must
 * not close the database under the host's other connections: with H2's plain file system it did
 * (every later statement failed, "The database has been closed").
 */
class InterruptedThreadTest {
    private static final int ROWS = 20_000;

    @TempDir
    Path dir;

    @Test
    void theOtherConnectionsGoOnAfterAReaderIsInterrupted() throws Exception {
        // A 1 MB page cache, so that the reader's reads go to the file.
        DatabaseConfig config = new DatabaseConfig("jdbc:h2:file:" + dir.resolve("db") + ";CACHE_SIZE=1024", "sa",
                new Secret(""));
        try (Database db = Database.open(config, 4)) {
            db.inTransactionDo(c -> Jdbc.update(c, "CREATE TABLE filler (id INT PRIMARY KEY, v VARCHAR)"));
            db.inTransactionDo(c -> Jdbc.update(c, "INSERT INTO filler SELECT \"X\", REPEAT('y', 1000) "
                    + "FROM SYSTEM_RANGE(1, " + ROWS + ")"));
            AtomicLong reads = new AtomicLong();
            long until = System.nanoTime() + 1_000_000_000L;
            Thread reader = new Thread(() -> {
                while (System.nanoTime() < until) {
                    try {
                        db.inTransaction(c -> Jdbc.count(c, "SELECT COUNT(*) FROM filler WHERE id = ?",
                                1 + ThreadLocalRandom.current().nextInt(ROWS)));
                        reads.incrementAndGet();
                    } catch (RuntimeException e) {
                        // The interrupted reader's own statement may fail; the others' must not.
                    }
                }
            }, "reader");
            reader.start();
            while (reader.isAlive()) {
                reader.interrupt();
                Thread.sleep(5);
            }

            long seen = db.inTransaction(c -> Jdbc.count(c, "SELECT COUNT(*) FROM filler WHERE id = ?", 7));
            db.inTransactionDo(c -> Jdbc.update(c, "INSERT INTO filler VALUES (?, 'z')", ROWS + 1));
            long all = db.inTransaction(c -> Jdbc.count(c, "SELECT COUNT(*) FROM filler"));
            assertThat(seen).isEqualTo(1);
            assertThat(all).isEqualTo(ROWS + 1);
            assertThat(reads.get()).as("reads before the interrupts").isPositive();
        }
    }
}
