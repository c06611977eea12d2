package dev.deskbridge.host.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.deskbridge.connector.api.model.PhoneNumber;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TimeOrderedIdsTest {
    @TempDir
    Path dir;

    @Test
    void newConversationsTakeThemInTheOrderTheyAreMade() throws Exception {
        try (Database db = Database.open(Database.h2File(dir.resolve("db")), 2)) {
            ConversationStore conversations = new ConversationStore();
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                PhoneNumber customer = PhoneNumber.of("+1202555" + (1000 + i));
                ids.add(db.inTransaction(c -> conversations.findOrCreate(c, PhoneNumber.of("+12025550100"), customer,
                        Optional.empty(), "wa-main", "crm", Instant.now())).id().value());
                Thread.sleep(2);
            }
            assertThat(ids).isSorted().doesNotHaveDuplicates();
            assertThat(ids).allSatisfy(id -> assertThat(UUID.fromString(id).version()).isEqualTo(7));
        }
    }

    @Test
    void idsSortByTheMillisecondTheyWereMadeIn() {
        List<String> ids = new ArrayList<>();
        for (long millis = 1_700_000_000_000L; millis < 1_700_000_000_000L + 1_000; millis += 7) {
            ids.add(TimeOrderedIds.of(millis, UUID.randomUUID()));
        }
        assertThat(ids).isSorted();
        assertThat(ids.get(0)).startsWith("018bcfe5-6800-7");
    }

    @Test
    void theyAreVersion7UuidsAndTheRandomBitsKeepThemApart() {
        HashSet<String> seen = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            String id = TimeOrderedIds.next();
            UUID parsed = UUID.fromString(id);
            assertThat(parsed.version()).isEqualTo(7);
            assertThat(parsed.variant()).isEqualTo(2);
            assertThat(seen.add(id)).as("unique: %s", id).isTrue();
        }
    }
}
