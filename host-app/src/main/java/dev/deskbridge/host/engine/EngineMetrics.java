package dev.deskbridge.host.engine;

import dev.deskbridge.connector.api.pricing.Money;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The engine's Prometheus metrics: webhooks received and rejected, processing latency, queue
 * depths, retries, dead letters, messages by window state and spend.
 */
public final class EngineMetrics {
    private final MeterRegistry registry;

    public EngineMetrics(MeterRegistry registry) {
        this.registry = Objects.requireNonNull(registry, "registry");
    }

    public MeterRegistry registry() {
        return registry;
    }

    public void webhookReceived(String source, int events) {
        Counter.builder("deskbridge.webhooks.received").tag("source", source).register(registry).increment();
        Counter.builder("deskbridge.events.received").tag("source", source).register(registry).increment(events);
    }

    public void webhookRejected(String source, String reason) {
        Counter.builder("deskbridge.webhooks.rejected").tag("source", source).tag("reason", reason)
                .register(registry).increment();
    }

    public void processed(String queue, String type, Duration took, boolean ok) {
        Timer.builder("deskbridge.processing").tag("queue", queue).tag("type", type)
                .tag("outcome", ok ? "ok" : "failed").register(registry).record(took);
    }

    public void retry(String queue) {
        Counter.builder("deskbridge.retries").tag("queue", queue).register(registry).increment();
    }

    public void handledItemsDeleted(String queue, int n) {
        Counter.builder("deskbridge.queue.items.deleted").tag("queue", queue).register(registry).increment(n);
    }

    public void deadLetter(String queue) {
        Counter.builder("deskbridge.dead.letters").tag("queue", queue).register(registry).increment();
    }

    /** A message received or queued while the window was in that state ({@code open}, {@code closed}). */
    public void message(String direction, String windowState) {
        Counter.builder("deskbridge.messages").tag("direction", direction).tag("window", windowState)
                .register(registry).increment();
    }

    /**
     * Money quoted (before sending), settled (from the provider) or withdrawn (a quote taken back for a
     * message refused before it was handed to the provider; a counter only grows, so it counts apart).
     */
    public void spend(String kind, Money amount) {
        Counter.builder("deskbridge.spend").tag("kind", kind).tag("currency", amount.currency().getCurrencyCode())
                .register(registry).increment(amount.amount().doubleValue());
    }

    /** A gauge read from the database on scrape, at most once per second. */
    public void queueDepth(String queue, Supplier<Long> depth) {
        // Held strongly: the registry would otherwise keep only a weak reference, and the gauge read
        // NaN from the first garbage collection on.
        Gauge.builder("deskbridge." + queue + ".depth", new CachedValue(depth), CachedValue::get)
                .strongReference(true)
                .register(registry);
    }

    /** Keeps a database read from running on every scrape. */
    private static final class CachedValue {
        private final Supplier<Long> source;
        private long lastRead;
        private double value;

        CachedValue(Supplier<Long> source) {
            this.source = source;
        }

        synchronized double get() {
            long now = System.nanoTime();
            if (lastRead == 0 || now - lastRead > 1_000_000_000L) {
                try {
                    value = source.get();
                    lastRead = now;
                } catch (RuntimeException e) {
                    // The last depth read stays (a gauge never reads NaN); the next scrape asks again.
                }
            }
            return value;
        }
    }
}
