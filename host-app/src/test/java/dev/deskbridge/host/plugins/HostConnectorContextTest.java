package dev.deskbridge.host.plugins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.deskbridge.connector.api.config.ConfigSpec;
import dev.deskbridge.connector.api.config.Setting;
import dev.deskbridge.connector.api.config.SettingType;
import dev.deskbridge.connector.api.config.Settings;
import dev.deskbridge.connector.api.model.ConversationId;
import dev.deskbridge.connector.api.pricing.OutboundKind;
import dev.deskbridge.host.store.BadRecordSink;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class HostConnectorContextTest {
    private static final Settings SETTINGS = ConfigSpec.builder()
            .add(Setting.required("email", SettingType.STRING, "Agent email."))
            .add(Setting.required("api_token", SettingType.STRING, "Token.").asSecret())
            .build()
            .resolve(Map.of("email", "bot@acme.example", "api_token", "ctx-token-Zz9"));
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-01-02T03:04:05Z"), ZoneOffset.UTC);

    @Test
    void handsTheSessionItsInstanceSettingsAndClock() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        HostConnectorContext ctx = HostConnectorContext.of("zendesk-main", SETTINGS, CLOCK, registry,
                NoConversationLookup.INSTANCE, BadRecordSink.logging());

        assertThat(ctx.instanceId()).isEqualTo("zendesk-main");
        assertThat(ctx.settings().requireString("email")).isEqualTo("bot@acme.example");
        assertThat(ctx.clock().instant()).isEqualTo(CLOCK.instant());
        assertThat(ctx.logger().getName()).isEqualTo("dev.deskbridge.connector.zendesk-main");
        assertThat(ctx.toString()).contains("zendesk-main").doesNotContain("ctx-token-Zz9");
    }

    @Test
    void metricsArePrefixedAndTaggedWithTheInstance() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        HostConnectorContext ctx = HostConnectorContext.of("zendesk-main", SETTINGS, CLOCK, registry,
                NoConversationLookup.INSTANCE, BadRecordSink.logging());

        ctx.metrics().increment("tickets_opened", "outcome", "new");
        ctx.metrics().increment("tickets_opened", "outcome", "new");
        ctx.metrics().record("api_call", Duration.ofMillis(250), "endpoint", "tickets");

        String scrape = registry.scrape();
        assertThat(scrape).contains("deskbridge_connector_tickets_opened_total{instance=\"zendesk-main\",outcome=\"new\"} 2");
        assertThat(scrape).contains("deskbridge_connector_api_call_seconds_count{endpoint=\"tickets\",instance=\"zendesk-main\"} 1");
        assertThatThrownBy(() -> ctx.metrics().increment("x", "instance", "other"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("set by the host");
        assertThatThrownBy(() -> ctx.metrics().increment("x", "lonely"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("pairs");
        assertThatThrownBy(() -> ctx.metrics().increment("Bad Name"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void badRecordsGoToTheSinkWithTheInstance() {
        List<String> seen = new ArrayList<>();
        byte[] raw = "{\"a\":1}".getBytes(StandardCharsets.UTF_8);
        HostConnectorContext ctx = new HostConnectorContext("wa-main", SETTINGS, CLOCK,
                new MicrometerConnectorMetrics(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), "wa-main"),
                NoConversationLookup.INSTANCE,
                (instance, source, reason, bytes) -> seen.add(instance + "|" + source + "|" + reason + "|"
                        + new String(bytes, StandardCharsets.UTF_8)));

        ctx.reportBadRecord("webhook", "unknown status", raw);
        raw[0] = 'X'; // the sink got its own copy
        ctx.reportBadRecord("poll", "empty", null);

        assertThat(seen).containsExactly("wa-main|webhook|unknown status|{\"a\":1}", "wa-main|poll|empty|");
    }

    @Test
    void theLoggingSinkNeverLogsTheRawBytes() {
        Logger logger = (Logger) LoggerFactory.getLogger(BadRecordSink.class);
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        logger.addAppender(appender);
        try {
            BadRecordSink.logging().report("wa-main", "webhook", "not JSON", "+15551234567 said hi".getBytes(StandardCharsets.UTF_8));
        } finally {
            logger.detachAppender(appender);
        }
        assertThat(appender.list).singleElement().satisfies(e -> {
            assertThat(e.getFormattedMessage()).contains("wa-main", "webhook", "not JSON", "20 bytes")
                    .doesNotContain("+15551234567");
        });
    }

    @Test
    void theNoneLookupKnowsNoConversation() {
        ConversationId id = new ConversationId("c-1");
        assertThat(NoConversationLookup.INSTANCE.status(id)).isEmpty();
        assertThatThrownBy(() -> NoConversationLookup.INSTANCE.quote(id, OutboundKind.FREEFORM, Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("c-1");
    }
}
