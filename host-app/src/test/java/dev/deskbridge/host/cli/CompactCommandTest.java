package dev.deskbridge.host.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.deskbridge.connector.api.config.Secret;
import dev.deskbridge.host.config.DatabaseConfig;
import dev.deskbridge.host.store.Database;
import dev.deskbridge.host.store.Jdbc;
import dev.deskbridge.host.store.NewQueueItem;
import dev.deskbridge.host.store.Queue;
import dev.deskbridge.host.store.QueueStore;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code deskbridge compact} on the database a configuration names. */
class CompactCommandTest {
    @TempDir
    Path home;

    private CliRun compact(String... args) {
        String[] all = new String[args.length + 1];
        all[0] = "compact";
        System.arraycopy(args, 0, all, 1, args.length);
        return CliRun.run(CliRun.environment(home, Map.of("DATA", home.toString())), all);
    }

    private Path config() throws Exception {
        return Files.writeString(home.resolve("deskbridge.yaml"), "database:\n  url: jdbc:h2:file:${DATA}/db\n  user: sa\n");
    }

    @Test
    void aStoppedHostsFileShrinksToWhatIsInUseAndKeepsIt() throws Exception {
        Path config = config();
        String body = "{\"text\":\"" + "x".repeat(2_000) + "\"}";
        // As a large file is left by a host: H2 compacts for at most 200 ms when it closes, which a
        // large file outlasts; here it is not allowed to, so that the test's file stays as large.
        DatabaseConfig asLeft = new DatabaseConfig("jdbc:h2:file:" + home.resolve("db")
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;MAX_COMPACT_TIME=0", "sa",
                new Secret(""));
        try (Database db = Database.open(asLeft, 2)) {
            QueueStore inbox = new QueueStore(db, Queue.INBOX);
            List<NewQueueItem> items = new ArrayList<>();
            for (int i = 0; i < 10_000; i++) {
                items.add(new NewQueueItem("channel:wa", "e" + i, "CUSTOMER_MESSAGE", "p" + i, body, Optional.empty()));
            }
            inbox.enqueueAll(items, Instant.now());
            // What the cleaner of handled items leaves behind: most rows deleted, their space kept.
            db.inTransactionDo(c -> Jdbc.update(c, "DELETE FROM inbox WHERE event_id <> 'e7'"));
        }
        long before = Files.size(home.resolve("db.mv.db"));

        CliRun run = compact("--config", config.toString());
        assertThat(run.exit()).as(run.err()).isZero();

        long after = Files.size(home.resolve("db.mv.db"));
        assertThat(run.out()).startsWith("compacted " + home.resolve("db.mv.db"));
        assertThat(after).as("bytes after, against %d before", before).isLessThan(before / 4);
        if (home.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            // H2 writes the compacted file anew: it must stay the host's account's alone.
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(home.resolve("db.mv.db"))))
                    .isEqualTo("rw-------");
        }
        try (Database db = Database.open(Database.h2File(home.resolve("db")), 2)) {
            long kept = db.inTransaction(c -> Jdbc.count(c, "SELECT COUNT(*) FROM inbox WHERE event_id = 'e7'"));
            assertThat(kept).isEqualTo(1);
        }
    }

    @Test
    void aFileARunningHostHoldsIsRefusedAndLeftAlone() throws Exception {
        Path config = config();
        try (Database db = Database.open(Database.h2File(home.resolve("db")), 2)) {
            db.inTransactionDo(c -> Jdbc.update(c, "DELETE FROM inbox"));
        }
        // Another process holds the file as a host does (Database.open, AUTO_SERVER).
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process holder = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                HoldDatabase.class.getName(), home.resolve("db").toString()).redirectErrorStream(true).start();
        try {
            BufferedReader lines = new BufferedReader(new InputStreamReader(holder.getInputStream(),
                    StandardCharsets.UTF_8));
            String line;
            while ((line = lines.readLine()) != null && !line.equals(HoldDatabase.OPEN)) {
                // the holder's start-up lines
            }
            assertThat(line).as("the holder opened the database").isEqualTo(HoldDatabase.OPEN);

            CliRun run = compact("--config", config.toString());
            assertThat(run.exit()).isEqualTo(1);
            assertThat(run.err()).contains("is in use (is the host running?)").contains("stop the host");
        } finally {
            holder.getOutputStream().close();
            assertThat(holder.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        // The holder closed it cleanly: the database still opens.
        try (Database db = Database.open(Database.h2File(home.resolve("db")), 2)) {
            long items = db.inTransaction(c -> Jdbc.count(c, "SELECT COUNT(*) FROM inbox"));
            assertThat(items).isZero();
        }
    }

    @Test
    void onlyAnEmbeddedFileIsCompacted() throws Exception {
        CliRun postgres = compact("--database", "jdbc:postgresql://localhost:5432/deskbridge");
        assertThat(postgres.exit()).isEqualTo(2);
        assertThat(postgres.err()).contains("is not an embedded H2 file").contains("VACUUM");
        CliRun missing = compact("--config", config().toString());
        assertThat(missing.exit()).isEqualTo(2);
        assertThat(missing.err()).contains("no database at " + home.resolve("db.mv.db"));
        assertThat(home.resolve("db.mv.db")).doesNotExist();
    }

    /** Holds a database open as a host does until its standard input closes. */
    public static final class HoldDatabase {
        static final String OPEN = "database open";

        public static void main(String[] args) throws Exception {
            try (Database db = Database.open(Database.h2File(Path.of(args[0])), 1)) {
                System.out.println(OPEN);
                System.out.flush();
                while (System.in.read() >= 0) {
                    // until the test closes our input
                }
            }
        }
    }
}
