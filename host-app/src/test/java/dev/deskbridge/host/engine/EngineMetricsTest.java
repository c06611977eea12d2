package dev.deskbridge.host.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

class EngineMetricsTest {

    @Test
    void queueDepthGaugesSurviveGarbageCollection() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        new EngineMetrics(registry).queueDepth("inbox", () -> 7L);
        for (int i = 0; i < 5; i++) {
            System.gc();
        }
        assertThat(registry.get("deskbridge.inbox.depth").gauge().value()).isEqualTo(7.0);
    }

    @Test
    void aFailingReadIsNotNaN() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        new EngineMetrics(registry).queueDepth("outbox", () -> {
            throw new IllegalStateException("database down");
        });
        assertThat(registry.get("deskbridge.outbox.depth").gauge().value()).isNotNaN();
    }
}
