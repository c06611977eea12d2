package dev.deskbridge.host.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.deskbridge.connector.api.config.Secret;
import dev.deskbridge.host.config.DatabaseConfig;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The group commit's two halves: a flush started without waiting ({@link Database#durableSoon()}) and
 * waited for later ({@link Database#durable(long)}) covers what was committed before it started, and
 * only that. The database never writes in the background here (WRITE_DELAY of 10 minutes) and is then
 * closed like a power cut ({@code SHUTDOWN IMMEDIATELY}), so what survives is what a flush wrote.
 */
class DurableCommitsTest {
    static {
        // As in the host, Database's class is ready before H2 first loads: it sets H2's bind address, which
        // H2 reads once, and H2AutoServerTest, perhaps later in this JVM, checks it. This test opens H2 directly.
        try {
            java.lang.invoke.MethodHandles.lookup().ensureInitialized(Database.class);
        } catch (IllegalAccessException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @TempDir
    Path dir;

    @Test
    void aFlushStartedWithoutWaitingKeepsWhatWasCommittedBeforeItAndNothingLater() throws Exception {
        DatabaseConfig config = new DatabaseConfig("jdbc:h2:file:" + dir.resolve("db").toAbsolutePath()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;WRITE_DELAY=600000", "sa", new Secret(""));
        try (Database db = Database.open(config, 2)) {
            db.inTransactionDo(c -> execute(c, "CREATE TABLE t(v VARCHAR(20))"));
            db.inTransactionDo(c -> execute(c, "INSERT INTO t VALUES ('before the flush')"));
            long flush = db.durableSoon();
            db.durable(flush);
            // A later flush has a later number; one already done is waited for not at all.
            long later = db.durableSoon();
            assertThat(later).isGreaterThan(flush);
            db.durable(flush);
            // That later flush is done before the next insert: otherwise it could run after it.
            db.durable(later);
            db.inTransactionDo(c -> execute(c, "INSERT INTO t VALUES ('never flushed')"));
            db.inTransactionDo(c -> execute(c, "SHUTDOWN IMMEDIATELY"));
        } catch (StoreException expected) {
            // The pool's connections died with the database; closing them is not the point here.
        }
        try (Database db = Database.open(config, 2)) {
            List<String> rows = db.inTransaction(c -> {
                List<String> found = new ArrayList<>();
                try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT v FROM t ORDER BY v")) {
                    while (r.next()) {
                        found.add(r.getString(1));
                    }
                }
                return found;
            });
            assertThat(rows).containsExactly("before the flush");
        }
    }

    @Test
    void aCommitAskedForEventuallyRidesOnTheNextFlushAndHasNoFlushOfItsOwnBeforeItsTime() throws Exception {
        String url = "jdbc:h2:file:" + dir.resolve("lazy").toAbsolutePath() + ";WRITE_DELAY=600000";
        JdbcDataSource source = new JdbcDataSource();
        source.setURL(url);
        source.setUser("sa");
        try (Connection keep = source.getConnection()) {
            execute(keep, "CREATE TABLE t(v VARCHAR(40))");
            // An eventual flush due only in ten minutes: until then nothing but an asked-for flush writes.
            try (DurableCommits commits = new DurableCommits(source, true, Duration.ofMinutes(10))) {
                execute(keep, "INSERT INTO t VALUES ('riding on the next flush')");
                commits.eventually();
                commits.await(commits.request());
                execute(keep, "INSERT INTO t VALUES ('eventually, not yet')");
                commits.eventually();
                Thread.sleep(200);
                execute(keep, "SHUTDOWN IMMEDIATELY");
            }
        }
        assertThat(rows(source)).containsExactly("riding on the next flush");
        try (Connection keep = source.getConnection()) {
            // Due soon and nobody else asking: it gets a flush of its own.
            try (DurableCommits commits = new DurableCommits(source, true, Duration.ofMillis(10))) {
                execute(keep, "INSERT INTO t VALUES ('on its own, in time')");
                commits.eventually();
                long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
                while (commits.flushedUpTo() == 0 && System.nanoTime() < deadline) {
                    Thread.sleep(5);
                }
                execute(keep, "SHUTDOWN IMMEDIATELY");
            }
        }
        assertThat(rows(source)).containsExactly("on its own, in time", "riding on the next flush");
    }

    private static List<String> rows(JdbcDataSource source) throws java.sql.SQLException {
        List<String> found = new ArrayList<>();
        try (Connection c = source.getConnection(); Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT v FROM t ORDER BY v")) {
            while (r.next()) {
                found.add(r.getString(1));
            }
        }
        return found;
    }

    private static void execute(Connection c, String sql) throws java.sql.SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
