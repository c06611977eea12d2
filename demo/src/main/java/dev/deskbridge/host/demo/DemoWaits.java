package dev.deskbridge.host.demo;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.BooleanSupplier;

/**
 * Waits for the host to have done something, by looking: the stores and the stand-ins are polled
 * until the condition holds, a dead letter appears (the step failed for good) or the time is up.
 * The engine works in the background, so a step is only narrated once its effect is visible.
 */
final class DemoWaits {
    private static final long POLL_MILLIS = 20;

    private final HostFacts facts;
    private final Duration timeout;

    DemoWaits(HostFacts facts, Duration timeout) {
        this.facts = Objects.requireNonNull(facts, "facts");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
    }

    /**
     * Returns once {@code condition} holds.
     *
     * @param what the awaited effect, for the error message
     * @throws DemoException when a dead letter appears or {@code timeout} passes first
     */
    void until(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            List<String> dead = facts.deadLetters();
            if (!dead.isEmpty()) {
                throw new DemoException("while waiting for " + what + ", the engine gave up on an item: " + dead);
            }
            if (condition.getAsBoolean()) {
                return;
            }
            if (System.nanoTime() > deadline) {
                List<String> pending = facts.pendingWork();
                throw new DemoException("gave up waiting for " + what + " after " + timeout.toSeconds() + " s"
                        + (pending.isEmpty() ? "; nothing is queued" : "; still queued: " + String.join("; ", pending)));
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new DemoException("interrupted while waiting for " + what, e);
            }
        }
    }

    /** Returns once the engine has nothing queued and nothing in hand. */
    void idle(String after) {
        until("the engine to finish " + after, facts::idle);
    }
}
