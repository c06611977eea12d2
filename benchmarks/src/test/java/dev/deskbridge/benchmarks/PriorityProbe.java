package dev.deskbridge.benchmarks;

import java.util.concurrent.CountDownLatch;

/**
 * For {@link JvmOptionsTest}: a thread at Java's lowest priority (the engine's workers') and one at the
 * normal priority (a webhook's), both started; says so and waits to be ended.
 */
final class PriorityProbe {
    private PriorityProbe() {}

    public static void main(String[] args) throws Exception {
        CountDownLatch forever = new CountDownLatch(1);
        Thread low = new Thread(() -> await(forever), "probe-low");
        low.setPriority(Thread.MIN_PRIORITY);
        Thread normal = new Thread(() -> await(forever), "probe-normal");
        low.start();
        normal.start();
        // The test finds the threads by name in /proc.
        System.out.println("started");
        System.out.flush();
        forever.await();
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
