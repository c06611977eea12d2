package dev.deskbridge.host.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class TimeOrderedIdsTest {
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
