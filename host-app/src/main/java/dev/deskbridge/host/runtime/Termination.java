package dev.deskbridge.host.runtime;

import java.util.concurrent.atomic.AtomicInteger;
import sun.misc.Signal;

/**
 * Stops the host in its own order on SIGTERM (what {@code systemctl stop} and {@code docker stop}
 * send) and SIGINT (Ctrl-C), before the JVM's shutdown begins. Left to the JVM, its shutdown
 * hooks run all at once, and H2's own hook (which the embedded database must keep, since it
 * serves a second process) closes the file while workers are still committing: a normal stop then
 * logged errors. A second signal exits at once.
 */
public final class Termination {
    private Termination() {}

    /**
     * Runs {@code stop} on a thread of its own at the first SIGTERM or SIGINT.
     *
     * @return false where this JVM offers no signal handling (the shutdown hooks still run)
     */
    public static boolean onSignal(Runnable stop) {
        AtomicInteger signals = new AtomicInteger();
        try {
            for (String name : new String[] {"TERM", "INT"}) {
                Signal.handle(new Signal(name), s -> {
                    if (signals.incrementAndGet() == 1) {
                        new Thread(stop, "deskbridge-stop").start();
                    } else {
                        System.exit(128 + s.getNumber());
                    }
                });
            }
            return true;
        } catch (IllegalArgumentException | UnsupportedOperationException e) {
            return false;
        }
    }

    /** {@code work} run at most once, however often and from however many threads it is called. */
    public static Runnable once(Runnable work) {
        java.util.concurrent.atomic.AtomicBoolean done = new java.util.concurrent.atomic.AtomicBoolean();
        return () -> {
            if (done.compareAndSet(false, true)) {
                work.run();
            }
        };
    }
}
