package dev.deskbridge.host.testing;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Polls a condition until it holds, generously, so slow CI machines pass. */
public final class Await {
    private Await() {}

    public static void until(String what, BooleanSupplier condition) {
        until(what, Duration.ofSeconds(60), condition);
    }

    public static void until(String what, Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout + " waiting for: " + what);
            }
            try {
                Thread.sleep(25);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for: " + what, e);
            }
        }
    }
}
