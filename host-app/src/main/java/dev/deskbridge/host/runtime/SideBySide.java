package dev.deskbridge.host.runtime;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

/**
 * Opens several things that need nothing from each other (connector sessions: each builds its
 * provider's client) on a thread each, and waits for all of them: start-up then takes about as
 * long as the slowest, not the sum.
 */
public final class SideBySide {
    private SideBySide() {}

    /**
     * Runs each opener on a daemon thread named {@code deskbridge-open <name>} and returns what they
     * opened, by name, in the given order. When any fails, every one that opened is closed and the
     * first failure in the given order is thrown (the others' added to it as suppressed).
     */
    public static <T extends AutoCloseable> Map<String, T> open(Map<String, Supplier<? extends T>> openers) {
        Map<String, CompletableFuture<T>> opening = new LinkedHashMap<>();
        openers.forEach((name, opener) -> opening.put(name, start(name, opener)));
        Map<String, T> opened = new LinkedHashMap<>();
        RuntimeException failure = null;
        for (Map.Entry<String, CompletableFuture<T>> e : opening.entrySet()) {
            try {
                opened.put(e.getKey(), e.getValue().join());
            } catch (CompletionException f) {
                RuntimeException cause = f.getCause() instanceof RuntimeException r ? r
                        : new IllegalStateException(e.getKey() + " could not be opened: " + f.getCause(), f.getCause());
                if (failure == null) {
                    failure = cause;
                } else {
                    failure.addSuppressed(cause);
                }
            }
        }
        if (failure != null) {
            for (T t : opened.values()) {
                try {
                    t.close();
                } catch (Exception e) {
                    failure.addSuppressed(e);
                }
            }
            throw failure;
        }
        return opened;
    }

    private static <T> CompletableFuture<T> start(String name, Supplier<? extends T> opener) {
        CompletableFuture<T> result = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                result.complete(opener.get());
            } catch (Throwable e) {
                result.completeExceptionally(e);
            }
        }, "deskbridge-open " + name);
        thread.setDaemon(true);
        thread.start();
        return result;
    }
}
