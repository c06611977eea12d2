package dev.deskbridge.host.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class HealthCheckTest {
    private final AtomicLong now = new AtomicLong(5_000_000_000L);

    @Test
    void aFloodOfRequestsRunsTheChecksOnceASecond() {
        AtomicInteger runs = new AtomicInteger();
        AtomicBoolean up = new AtomicBoolean(true);
        HealthCheck health = new HealthCheck(now::get).add("database", () -> {
            runs.incrementAndGet();
            return up.get();
        });

        for (int i = 0; i < 1_000; i++) {
            assertThat(health.run()).isEqualTo(Map.of("database", true));
        }
        assertThat(runs).as("one run for a thousand requests within a second").hasValue(1);

        up.set(false);
        now.addAndGet(HealthCheck.MAX_AGE.toNanos());
        assertThat(health.run()).as("run again once a second has passed").isEqualTo(Map.of("database", false));
        assertThat(runs).hasValue(2);
    }

    @Test
    void whileOneCallerRunsTheChecksTheOthersGetTheLastResults() throws Exception {
        CountDownLatch inCheck = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicBoolean slow = new AtomicBoolean(false);
        HealthCheck health = new HealthCheck(now::get).add("database", () -> {
            if (slow.get()) {
                inCheck.countDown();
                try {
                    release.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return false;
            }
            return true;
        });
        health.run();
        slow.set(true);
        now.addAndGet(HealthCheck.MAX_AGE.toNanos());
        Thread refresher = new Thread(health::run);
        refresher.start();
        assertThat(inCheck.await(10, TimeUnit.SECONDS)).isTrue();

        assertThat(health.run()).as("not held up behind a slow database check").isEqualTo(Map.of("database", true));

        release.countDown();
        refresher.join(10_000);
        assertThat(health.run()).isEqualTo(Map.of("database", false));
    }

    @Test
    void aCheckThatThrowsCountsAsFailed() {
        HealthCheck health = new HealthCheck(now::get).add("plugins", () -> {
            throw new IllegalStateException("boom");
        });

        assertThat(health.run()).isEqualTo(Map.of("plugins", false));
    }
}
