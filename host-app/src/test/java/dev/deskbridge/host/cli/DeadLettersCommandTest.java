package dev.deskbridge.host.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.deskbridge.host.config.EnvLookup;
import dev.deskbridge.host.store.Database;
import dev.deskbridge.host.store.NewQueueItem;
import dev.deskbridge.host.store.Queue;
import dev.deskbridge.host.store.QueueItem;
import dev.deskbridge.host.store.QueueStore;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code deskbridge dead-letters list|replay} against the database a configuration names. */
class DeadLettersCommandTest {
    @TempDir
    Path home;

    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();

    private int run(String... args) {
        CliEnvironment env = new CliEnvironment(EnvLookup.of(Map.of("DATA", home.toString())), home,
                getClass().getClassLoader(), Clock.systemUTC());
        return DeskBridgeCli.execute(env, new PrintWriter(out, true), new PrintWriter(err, true), args);
    }

    /** A configuration whose database holds one dead letter of an agent reply from {@code source}. */
    private Path configWithADeadLetter(String source, String reason) throws Exception {
        Path config = home.resolve("deskbridge.yaml");
        Files.writeString(config, "database:\n  url: jdbc:h2:file:${DATA}/db\n  user: sa\n");
        Instant now = Instant.now();
        try (Database db = Database.open(Database.h2File(home.resolve("db")), 2)) {
            QueueStore inbox = new QueueStore(db, Queue.INBOX);
            inbox.enqueueAll(List.of(new NewQueueItem(source, "r1", "AGENT_REPLY", "p", "{}", Optional.empty())), now);
            QueueItem item = inbox.claim(1, now, Duration.ofMinutes(1), "test").get(0);
            inbox.deadLetter(item, "test", reason, now);
        }
        return config;
    }

    @Test
    void listsAndReplaysFromTheConfiguredDatabase() throws Exception {
        Path config = configWithADeadLetter("crm:zd",
                "permanent failure: PermanentException: no conversation for ticket '42'");
        assertThat(run("dead-letters", "list", "--config", config.toString())).isZero();
        assertThat(out.toString()).contains("INBOX").contains("AGENT_REPLY").contains("crm:zd")
                .contains("no conversation for ticket '42'");

        assertThat(run("dead-letters", "replay", "999", "--config", config.toString())).isEqualTo(1);
        assertThat(err.toString()).contains("no dead letter 999");
        assertThat(run("dead-letters", "replay", "--all", "--config", config.toString())).isZero();
        assertThat(out.toString()).contains("replayed 1");
        assertThat(run("dead-letters", "list", "--config", config.toString())).isZero();
        assertThat(out.toString()).contains("no dead letters to replay");
    }

    @Test
    void listsInAlignedColumnsHoweverLongTheSource() throws Exception {
        Path config = configWithADeadLetter("crm:zendesk-emea-support-main", "permanent failure: no conversation");

        assertThat(run("dead-letters", "list", "--config", config.toString())).isZero();

        String[] lines = out.toString().split("\n");
        assertThat(lines[1]).matches("-+");
        assertThat(lines[2].indexOf("permanent failure")).as(out.toString()).isEqualTo(lines[0].indexOf("REASON"));
        assertThat(lines[2].indexOf("crm:zendesk-emea-support-main")).isEqualTo(lines[0].indexOf("SOURCE"));
    }

    @Test
    void aBadDatabaseSettingExitsWith2() throws Exception {
        Path config = home.resolve("bad.yaml");
        Files.writeString(config, "database:\n  url: mysql://nope\n");
        assertThat(run("dead-letters", "list", "--config", config.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("database section is invalid");
    }
}
