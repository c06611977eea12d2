package dev.deskbridge.benchmarks;

import java.util.Arrays;

/**
 * When events arrived at a stand-in ({@code System.nanoTime()}), and how many fell in each window
 * of a run: the cold first minute is a count between two instants, not a fixed number of events.
 */
final class Arrivals {
    private long[] times = new long[1024];
    private int size;

    /** An event arrived now. */
    void record() {
        record(System.nanoTime());
    }

    synchronized void record(long nanos) {
        if (size == times.length) {
            times = Arrays.copyOf(times, size * 2);
        }
        times[size++] = nanos;
    }

    synchronized int size() {
        return size;
    }

    /**
     * Events in each of {@code windows} consecutive windows of {@code widthNanos} from {@code startNanos}:
     * window i holds the arrivals at or after {@code start + i * width} and before the next one's start.
     * Arrivals before the start or after the last window are in none.
     */
    synchronized long[] perWindow(long startNanos, long widthNanos, int windows) {
        if (widthNanos <= 0 || windows <= 0) {
            throw new IllegalArgumentException("windows must be at least one, of a positive width; got " + windows
                    + " of " + widthNanos + " ns");
        }
        long[] counts = new long[windows];
        for (int i = 0; i < size; i++) {
            // Differences, not absolute values: nanoTime may be negative and only its differences mean time.
            long since = times[i] - startNanos;
            if (since >= 0 && since / widthNanos < windows) {
                counts[(int) (since / widthNanos)]++;
            }
        }
        return counts;
    }

    /** Arrivals per second in each window (see {@link #perWindow}). */
    double[] ratePerWindow(long startNanos, long widthNanos, int windows) {
        long[] counts = perWindow(startNanos, widthNanos, windows);
        double[] rates = new double[windows];
        for (int i = 0; i < windows; i++) {
            rates[i] = counts[i] / (widthNanos / 1e9);
        }
        return rates;
    }
}
