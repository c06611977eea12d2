package dev.deskbridge.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Arrivals are counted in the window they fall in, edges included at the start only. */
class ArrivalsTest {
    private static final long SECOND = 1_000_000_000L;

    @Test
    void countsEachArrivalInItsWindowAndNoneOutside() {
        Arrivals arrivals = new Arrivals();
        long start = 5 * SECOND;
        arrivals.record(start - 1); // before the listening line: in no window
        arrivals.record(start); // first instant of window 0
        arrivals.record(start + 60 * SECOND - 1); // last instant of window 0
        arrivals.record(start + 60 * SECOND); // first instant of window 1
        arrivals.record(start + 119 * SECOND);
        arrivals.record(start + 120 * SECOND); // after the last window

        assertThat(arrivals.perWindow(start, 60 * SECOND, 2)).containsExactly(2, 2);
        assertThat(arrivals.size()).isEqualTo(6);
    }

    @Test
    void ratesArePerSecondOfTheWindowWidth() {
        Arrivals arrivals = new Arrivals();
        long start = 0;
        for (int i = 0; i < 3000; i++) {
            arrivals.record(start + i * (60 * SECOND / 3000)); // 3,000 over the first minute
        }
        for (int i = 0; i < 600; i++) {
            arrivals.record(start + 60 * SECOND + i * (60 * SECOND / 600)); // 600 over the second
        }
        assertThat(arrivals.ratePerWindow(start, 60 * SECOND, 2)).containsExactly(new double[] {50, 10},
                within(1e-9));
        double[] slices = arrivals.ratePerWindow(start, 10 * SECOND, 12);
        assertThat(slices[0]).isCloseTo(50, within(1e-9));
        assertThat(slices[5]).isCloseTo(50, within(1e-9));
        assertThat(slices[6]).isCloseTo(10, within(1e-9));
        assertThat(slices[11]).isCloseTo(10, within(1e-9));
    }

    @Test
    void windowsAcrossNegativeAndWrappingNanoTimes() {
        // System.nanoTime() has an arbitrary origin: it may be negative, or near the end of the long range.
        Arrivals arrivals = new Arrivals();
        long start = Long.MAX_VALUE - SECOND / 2;
        arrivals.record(start + SECOND / 4);
        arrivals.record(start + SECOND); // past Long.MAX_VALUE: wraps, still one second after the start
        assertThat(arrivals.perWindow(start, SECOND, 2)).containsExactly(1, 1);

        Arrivals negative = new Arrivals();
        negative.record(-3 * SECOND);
        negative.record(-SECOND / 2);
        assertThat(negative.perWindow(-4 * SECOND, 2 * SECOND, 2)).containsExactly(1, 1);
    }

    @Test
    void refusesWindowsThatCountNothing() {
        Arrivals arrivals = new Arrivals();
        assertThatThrownBy(() -> arrivals.perWindow(0, 0, 2)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("positive width");
        assertThatThrownBy(() -> arrivals.perWindow(0, SECOND, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least one");
    }

    @Test
    void growsBeyondItsFirstCapacity() {
        Arrivals arrivals = new Arrivals();
        for (int i = 0; i < 5000; i++) {
            arrivals.record(i);
        }
        assertThat(arrivals.perWindow(0, 2500, 2)).containsExactly(2500, 2500);
    }
}
