package dev.deskbridge.host.engine;

import dev.deskbridge.host.config.EngineConfig;
import java.time.Duration;
import java.util.Currency;
import java.util.Objects;

/**
 * How the engine works: its worker count and error policy, the window warning lead, and timings.
 *
 * @param workers items processed in parallel, per queue
 * @param batchSize items claimed per database round trip
 * @param maxAttempts attempts before an item becomes a dead letter
 * @param maxAge age after which a failing item becomes a dead letter, whatever its attempts
 * @param warnBefore how long before a window closes the CRM is warned
 * @param backoff the wait between attempts
 * @param pollInterval how often idle workers look for due work (new work wakes them at once)
 * @param lease how long a claimed item stays with its host unless renewed: a host renews the leases of
 *     the items it holds every quarter lease, so a host that dies loses its claims within one lease
 * @param startDelay how long the workers wait after start before taking work
 * @param watcherInterval how often the window watcher looks for due warnings
 * @param currency the currency costs are shown in when a route names none
 * @param windowMargin a free-form message goes out only while the service window stays open this long
 * @param lostAnswerWait how long a send whose outcome is unknown (its answer lost, the host stopped mid-send)
 *     waits for the provider's status to name it before it is sent again (see LostAnswers)
 * @param keepHandled how long a handled queue item is kept before {@link HandledItemsCleaner} deletes it
 */
public record EngineSettings(int workers, int batchSize, int maxAttempts, Duration maxAge, Duration warnBefore,
        Backoff backoff, Duration pollInterval, Duration lease, Duration startDelay, Duration watcherInterval,
        Currency currency, Duration windowMargin, Duration lostAnswerWait, Duration keepHandled) {
    /** Default lease: a dead host's work is taken over within 10 s. */
    public static final Duration DEFAULT_LEASE = Duration.ofSeconds(8);

    public EngineSettings {
        Objects.requireNonNull(maxAge, "maxAge");
        Objects.requireNonNull(warnBefore, "warnBefore");
        Objects.requireNonNull(backoff, "backoff");
        Objects.requireNonNull(pollInterval, "pollInterval");
        Objects.requireNonNull(lease, "lease");
        Objects.requireNonNull(startDelay, "startDelay");
        Objects.requireNonNull(watcherInterval, "watcherInterval");
        Objects.requireNonNull(currency, "currency");
        Objects.requireNonNull(windowMargin, "windowMargin");
        Objects.requireNonNull(lostAnswerWait, "lostAnswerWait");
        Objects.requireNonNull(keepHandled, "keepHandled");
        if (lease.compareTo(Duration.ofMillis(400)) < 0) {
            throw new IllegalArgumentException("the lease must be at least 400 ms, to be renewed in time");
        }
        if (windowMargin.isNegative()) {
            throw new IllegalArgumentException("engine.window_margin must not be negative");
        }
        if (lostAnswerWait.isNegative()) {
            throw new IllegalArgumentException("the wait for a lost answer's status must not be negative");
        }
        if (workers < 1 || batchSize < 1 || maxAttempts < 1) {
            throw new IllegalArgumentException("engine.workers, batch size and engine.max_attempts must be at least 1");
        }
        if (warnBefore.isNegative() || maxAge.isNegative() || maxAge.isZero()) {
            throw new IllegalArgumentException("engine.warn_before must not be negative and engine.max_age must be positive");
        }
    }

    /** The documented defaults: 4 workers, 8 attempts, 24 h, warnings 2 h ahead, a 60 s window margin. */
    public static EngineSettings defaults() {
        return new EngineSettings(4, 32, 8, Duration.ofHours(24), Duration.ofHours(2), Backoff.standard(),
                Duration.ofMillis(200), DEFAULT_LEASE, Duration.ZERO, Duration.ofSeconds(30),
                Currency.getInstance("USD"), EngineConfig.DEFAULT_WINDOW_MARGIN, LostAnswers.WAIT,
                EngineConfig.DEFAULT_KEEP_HANDLED);
    }

    /** The configured {@code engine:} section over the defaults. */
    public static EngineSettings from(EngineConfig config) {
        EngineSettings d = defaults();
        return new EngineSettings(config.workers(), d.batchSize, config.maxAttempts(), config.maxAge(),
                config.warnBefore(), d.backoff, d.pollInterval, d.lease, d.startDelay, d.watcherInterval, d.currency,
                config.windowMargin(), d.lostAnswerWait, config.keepHandled());
    }

    public EngineSettings withWorkers(int n) {
        return new EngineSettings(n, batchSize, maxAttempts, maxAge, warnBefore, backoff, pollInterval, lease,
                startDelay, watcherInterval, currency, windowMargin, lostAnswerWait, keepHandled);
    }

    public EngineSettings withRetries(int attempts, Duration age, Backoff b) {
        return new EngineSettings(workers, batchSize, attempts, age, warnBefore, b, pollInterval, lease, startDelay,
                watcherInterval, currency, windowMargin, lostAnswerWait, keepHandled);
    }

    public EngineSettings withWarnBefore(Duration d) {
        return new EngineSettings(workers, batchSize, maxAttempts, maxAge, d, backoff, pollInterval, lease, startDelay,
                watcherInterval, currency, windowMargin, lostAnswerWait, keepHandled);
    }

    public EngineSettings withTimings(Duration poll, Duration leaseTime, Duration start, Duration watcher) {
        return new EngineSettings(workers, batchSize, maxAttempts, maxAge, warnBefore, backoff, poll, leaseTime, start,
                watcher, currency, windowMargin, lostAnswerWait, keepHandled);
    }

    public EngineSettings withWindowMargin(Duration margin) {
        return new EngineSettings(workers, batchSize, maxAttempts, maxAge, warnBefore, backoff, pollInterval, lease,
                startDelay, watcherInterval, currency, margin, lostAnswerWait, keepHandled);
    }

    public EngineSettings withLostAnswerWait(Duration wait) {
        return new EngineSettings(workers, batchSize, maxAttempts, maxAge, warnBefore, backoff, pollInterval, lease,
                startDelay, watcherInterval, currency, windowMargin, wait, keepHandled);
    }
}
