package dev.deskbridge.host.plugins;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A plugin's tag values may come from a webhook: each metric name keeps a bounded number of them. */
class MicrometerConnectorMetricsTest {
    final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    final MicrometerConnectorMetrics metrics = new MicrometerConnectorMetrics(registry, "wa-main");

    @Test
    void tagValuesPastTheBoundCountAsOther() {
        int sent = MicrometerConnectorMetrics.MAX_SERIES_PER_NAME + 50;
        for (int i = 0; i < sent; i++) {
            metrics.increment("webhook_ignored", "field", "field_" + i);
        }
        // A value already kept still counts under its own name.
        metrics.increment("webhook_ignored", "field", "field_0");

        var counters = registry.find("deskbridge_connector_webhook_ignored").counters();
        assertThat(counters).hasSize(MicrometerConnectorMetrics.MAX_SERIES_PER_NAME + 1);
        assertThat(registry.get("deskbridge_connector_webhook_ignored").tag("field", "other").counter().count())
                .isEqualTo(50);
        assertThat(registry.get("deskbridge_connector_webhook_ignored").tag("field", "field_0").counter().count())
                .isEqualTo(2);
        assertThat(counters).allSatisfy(c -> assertThat(c.getId().getTag("instance")).isEqualTo("wa-main"));
        assertThat(counters.stream().mapToDouble(Counter::count).sum()).isEqualTo(sent + 1);
    }

    @Test
    void eachNameHasABoundOfItsOwn() {
        for (int i = 0; i < MicrometerConnectorMetrics.MAX_SERIES_PER_NAME; i++) {
            metrics.increment("a", "k", "v" + i);
        }
        metrics.record("b", Duration.ofMillis(5), "k", "v0");
        assertThat(registry.get("deskbridge_connector_b").tag("k", "v0").timer().count()).isEqualTo(1);
    }
}
