package dev.deskbridge.connector.zendesk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.deskbridge.connector.zendesk.client.Lru;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The plugin's caches stay within their size however many entries pass through them. */
class LruTest {
    @Test
    void holdsAtMostItsSizeAndAnswersWhatItHolds() {
        Map<Long, String> cache = Lru.map(10);

        for (long id = 0; id < 1_000; id++) {
            cache.put(id, "ticket " + id);
            assertThat(cache.size()).isLessThanOrEqualTo(10);
        }
        assertThat(cache).isNotEmpty();
        cache.forEach((id, value) -> assertThat(value).isEqualTo("ticket " + id));
    }

    @Test
    void aSizeBelowOneIsRefused() {
        assertThatThrownBy(() -> Lru.map(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
