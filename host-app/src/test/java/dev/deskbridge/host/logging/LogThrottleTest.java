package dev.deskbridge.host.logging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class LogThrottleTest {
    private final AtomicLong now = new AtomicLong(1_000);
    private final LogThrottle throttle = new LogThrottle(Duration.ofSeconds(10), now::get);

    private void advance(Duration d) {
        now.addAndGet(d.toNanos());
    }

    @Test
    void theFirstIsLoggedThenOneLinePerIntervalCountingWhatWasHeldBack() {
        assertThat(throttle.admit("busy")).hasValue(0);
        for (int i = 0; i < 1_000; i++) {
            advance(Duration.ofMillis(5));
            assertThat(throttle.admit("busy")).isEmpty();
        }
        // 5 s so far: still inside the interval.
        advance(Duration.ofMillis(4_999));
        assertThat(throttle.admit("busy")).isEmpty();
        advance(Duration.ofMillis(1));
        assertThat(throttle.admit("busy")).hasValue(1_001);
        advance(Duration.ofSeconds(1));
        assertThat(throttle.admit("busy")).isEmpty();
        advance(Duration.ofSeconds(9));
        assertThat(throttle.admit("busy")).hasValue(1);
    }

    @Test
    void aSteadyStreamLogsAtMostOneLinePerInterval() {
        int logged = 0;
        for (int i = 0; i < 60_000; i++) {
            OptionalLong admitted = throttle.admit("busy");
            if (admitted.isPresent()) {
                logged++;
            }
            advance(Duration.ofMillis(1));
        }
        // One minute at a thousand a second: the first line, then one per 10 s.
        assertThat(logged).isEqualTo(6);
    }

    @Test
    void keysAreCountedApart() {
        assertThat(throttle.admit("wa busy")).hasValue(0);
        assertThat(throttle.admit("crm busy")).hasValue(0);
        assertThat(throttle.admit("wa busy")).isEmpty();
        advance(Duration.ofSeconds(10));
        assertThat(throttle.admit("wa busy")).hasValue(1);
        assertThat(throttle.admit("crm busy")).hasValue(0);
    }

    @Test
    void anIntervalMustBePositive() {
        assertThatThrownBy(() -> new LogThrottle(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("positive");
    }
}
