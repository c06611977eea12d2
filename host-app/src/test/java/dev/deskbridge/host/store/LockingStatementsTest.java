package dev.deskbridge.host.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.deskbridge.connector.api.config.Secret;
import dev.deskbridge.host.config.DatabaseConfig;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Row-locking queries kept prepared on H2's pooled connections: run again with new parameters, still
 * locking, prepared anew by H2 after a schema change, and forgotten with their connection.
 */
class LockingStatementsTest {
    private static final String LOCK_ONE = "SELECT * FROM probe WHERE k = ? FOR UPDATE";
    private static final String SKIP_LOCKED = "SELECT * FROM probe WHERE k = ? FOR UPDATE SKIP LOCKED";

    @TempDir
    Path dir;

    private Database open() {
        Database db = Database.open(new DatabaseConfig("jdbc:h2:file:" + dir.resolve("db").toAbsolutePath()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE", "sa", new Secret("")), 3);
        db.inTransactionDo(c -> {
            Jdbc.update(c, "CREATE TABLE probe (k INT PRIMARY KEY, v VARCHAR(20))");
            Jdbc.update(c, "INSERT INTO probe VALUES (1, 'one'), (2, 'two')");
        });
        return db;
    }

    @Test
    void aRowLockingQueryIsKeptOnItsConnectionAndRunsWithEachCallsParameters() {
        try (Database db = open()) {
            db.inTransactionDo(c -> {
                assertThat(value(c, 1)).contains("one");
                assertThat(LockingStatements.keptFor(c)).isEqualTo(1);
                // The same statement on the same connection, other parameters: the other row, or none.
                assertThat(value(c, 2)).contains("two");
                assertThat(value(c, 3)).isEmpty();
                assertThat(LockingStatements.keptFor(c)).isEqualTo(1);
                // A query that locks nothing is left to H2's own cache.
                Jdbc.query(c, "SELECT v FROM probe WHERE k = ?", rs -> rs.getString(1), 1);
                assertThat(LockingStatements.keptFor(c)).isEqualTo(1);
            });
            // Later transactions find it kept (on whichever connection the pool gives them).
            for (int i = 0; i < 4; i++) {
                int kept = db.inTransaction(c -> {
                    value(c, 2);
                    return LockingStatements.keptFor(c);
                });
                assertThat(kept).isEqualTo(1);
            }
        }
    }

    @Test
    void aKeptStatementStillLocksTheRowItReads() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try (Database db = open()) {
            CountDownLatch locked = new CountDownLatch(1);
            CountDownLatch done = new CountDownLatch(1);
            Future<?> holder = threads.submit(() -> db.inTransactionDo(c -> {
                value(c, 1);
                c.rollback();
                // Run again, kept, with the same parameters and nothing written since: H2 could hand back its
                // last result without reading (it does for queries that lock nothing); this run must take the lock.
                assertThat(LockingStatements.keptFor(c)).isEqualTo(1);
                assertThat(value(c, 1)).contains("one");
                locked.countDown();
                await(done);
            }));
            assertThat(locked.await(10, TimeUnit.SECONDS)).isTrue();
            List<Integer> whileHeld = threads.submit(() -> db.inTransaction(c -> Jdbc.query(c, SKIP_LOCKED,
                    rs -> rs.getInt("k"), 1))).get(10, TimeUnit.SECONDS);
            assertThat(whileHeld).as("the row the kept statement locked").isEmpty();
            done.countDown();
            holder.get(10, TimeUnit.SECONDS);
            List<Integer> afterwards = db.inTransaction(c -> Jdbc.query(c, SKIP_LOCKED, rs -> rs.getInt("k"), 1));
            assertThat(afterwards).containsExactly(1);
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void aKeptStatementReadsTheTableAsChangedAndIsForgottenWithItsConnection() throws Exception {
        Connection physical;
        try (Database db = open()) {
            physical = db.inTransaction(c -> {
                assertThat(value(c, 1)).contains("one");
                Jdbc.update(c, "ALTER TABLE probe ADD COLUMN w VARCHAR(20) DEFAULT 'added'");
                // Kept from before the change: H2 prepares it again, and * now has the new column.
                assertThat(Jdbc.queryOne(c, LOCK_ONE, rs -> rs.getString("w"), 1)).contains("added");
                assertThat(LockingStatements.keptFor(c)).isEqualTo(1);
                return c.unwrap(Connection.class);
            });
        }
        assertThat(physical.isClosed()).isTrue();
        assertThat(LockingStatements.keptFor(physical)).isZero();
    }

    private static Optional<String> value(Connection c, int k) throws SQLException {
        return Jdbc.queryOne(c, LOCK_ONE, rs -> rs.getString("v"), k);
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(10, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
