package dev.deskbridge.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.deskbridge.connector.api.model.PhoneNumber;
import dev.deskbridge.host.config.DatabaseConfig;
import dev.deskbridge.host.store.Conversation;
import dev.deskbridge.host.store.ConversationStore;
import dev.deskbridge.host.store.Database;
import dev.deskbridge.host.store.Jdbc;
import dev.deskbridge.host.store.MessageStore;
import dev.deskbridge.host.store.NewQueueItem;
import dev.deskbridge.host.store.Queue;
import dev.deskbridge.host.store.QueueStore;
import dev.deskbridge.host.testing.Databases;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The seeded history is what the host reads, and the host's own rows go on after it. */
class DatabaseSeedTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(Databases.Kind.class)
    // Compacted at the end on H2: the history is read after SHUTDOWN COMPACT.
    void writesHistoryTheHostReadsAndNumbersNewRowsAfterIt(Databases.Kind kind) throws Exception {
        DatabaseConfig config = Databases.fresh(kind, dir);

        DatabaseSeed.Seeded seeded = DatabaseSeed.seed(config, 30, true);

        assertThat(seeded.messages()).isEqualTo(300);
        try (Database db = Database.open(config)) {
            db.inTransactionDo(c -> {
                assertThat(Jdbc.count(c, "SELECT COUNT(*) FROM conversations")).isEqualTo(30);
                assertThat(Jdbc.count(c, "SELECT COUNT(*) FROM messages WHERE direction = 'IN'")).isEqualTo(180);
                assertThat(Jdbc.count(c, "SELECT COUNT(*) FROM messages WHERE direction = 'OUT'")).isEqualTo(120);
                // Handled queue items only of the last 30 days, as the host keeps them: 30 histories 6 days
                // apart ending 10 days ago, so the last 3 (28, 22 and 16 days ago).
                assertThat(Jdbc.count(c, "SELECT COUNT(*) FROM inbox WHERE status = 'DONE'")).isEqualTo(3 * 22);
                assertThat(Jdbc.count(c, "SELECT COUNT(*) FROM outbox WHERE status = 'DONE'")).isEqualTo(3 * 4);
                assertThat(Jdbc.count(c, "SELECT COUNT(*) FROM cost_ledger WHERE status = 'SETTLED'")).isEqualTo(120);
                assertThat(Jdbc.count(c, "SELECT COUNT(*) FROM message_statuses")).isEqualTo(240);
                assertThat(Jdbc.count(c, "SELECT COUNT(*) FROM conversations WHERE service_window_ends_at > ?",
                        Instant.now())).as("every window long closed").isZero();

                ConversationStore conversations = new ConversationStore();
                Conversation byTicket = conversations.findByTicket(c, "zendesk-main", "900000007").orElseThrow();
                assertThat(byTicket.key().customer()).isEqualTo(PhoneNumber.of("+14150000007"));
                assertThat(conversations.keyOfMessage(c, "wamid.seedout-7-1").orElseThrow().customer())
                        .isEqualTo(PhoneNumber.of("+14150000007"));

                Optional<Long> next = new MessageStore().insertInbound(c, byTicket.id(), "text", "wamid.after-seed",
                        "hello again", "OPEN", Instant.now(), Instant.now());
                assertThat(next).contains(301L);
                Optional<Long> item = new QueueStore(db, Queue.INBOX).enqueue(c, new NewQueueItem("channel:wa-main",
                        "msg:wamid.after-seed", "CUSTOMER_MESSAGE", byTicket.partitionKey(), "{}", Optional.empty()),
                        Instant.now());
                assertThat(item).contains(30L * 22 + 1);
            });
        }

        assertThatThrownBy(() -> DatabaseSeed.seed(config, 1, false))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("already holds 30 conversations");
    }
}
