package dev.deskbridge.host.admin.responsiveness;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.function.ToDoubleFunction;

/**
 * Responsiveness as Prometheus gauges, per route over the last 7 days. Labels stay bounded: the
 * configured routes (their channel ids), never agents or customers. A scrape reads a snapshot at
 * most a minute old, so scraping often costs the database nothing more. A time with no answers
 * behind it reads 0: {@code deskbridge_response_answered} says whether there were any.
 */
public final class ResponsivenessMetrics {
    public static final Duration PERIOD = Duration.ofDays(7);

    private final ResponsivenessService service;
    private final Clock clock;
    private final LoadingCache<String, ResponseFigures> snapshots;

    private ResponsivenessMetrics(ResponsivenessService service, Clock clock) {
        this.service = service;
        this.clock = clock;
        this.snapshots = Caffeine.newBuilder().expireAfterWrite(Duration.ofMinutes(1)).build(this::compute);
    }

    /** Registers the gauges of every route the service knows. */
    public static void bind(MeterRegistry registry, ResponsivenessService service, Clock clock) {
        Objects.requireNonNull(registry, "registry");
        ResponsivenessMetrics m = new ResponsivenessMetrics(Objects.requireNonNull(service, "service"),
                Objects.requireNonNull(clock, "clock"));
        for (String route : service.answering().keySet()) {
            m.time(registry, "deskbridge_response_seconds", route, "0.5", "clock", ResponseFigures::median);
            m.time(registry, "deskbridge_response_seconds", route, "0.9", "clock", ResponseFigures::p90);
            m.time(registry, "deskbridge_response_seconds", route, "0.5", "business", ResponseFigures::medianBusinessHours);
            m.time(registry, "deskbridge_response_seconds", route, "0.9", "business", ResponseFigures::p90BusinessHours);
            m.time(registry, "deskbridge_first_response_seconds", route, "0.5", "clock", ResponseFigures::firstResponse);
            m.time(registry, "deskbridge_first_response_seconds", route, "0.5", "business",
                    ResponseFigures::firstResponseBusinessHours);
            m.share(registry, route, "in_window", ResponseFigures::shareAnsweredInWindow);
            m.share(registry, route, "within_target", ResponseFigures::shareWithinTarget);
            m.share(registry, route, "within_target_business", ResponseFigures::shareWithinTargetBusinessHours);
            m.count(registry, "deskbridge_response_customer_messages", route, ResponseFigures::customerMessages);
            m.count(registry, "deskbridge_response_answered", route, ResponseFigures::answered);
            m.count(registry, "deskbridge_response_unanswered_window_closed", route,
                    ResponseFigures::unansweredWhenWindowClosed);
            m.count(registry, "deskbridge_response_late_templates", route, ResponseFigures::lateTemplates);
        }
    }

    private ResponseFigures compute(String route) {
        Instant now = clock.instant();
        return service.report(now.minus(PERIOD), now, Optional.of(route)).total();
    }

    private void gauge(MeterRegistry registry, String name, String route, String description,
            ToDoubleFunction<ResponseFigures> value, String... tags) {
        Gauge.builder(name, this, m -> value.applyAsDouble(m.snapshots.get(route)))
                .description(description).tag("route", route).tags(tags).register(registry);
    }

    private void time(MeterRegistry registry, String name, String route, String quantile, String hours,
            java.util.function.Function<ResponseFigures, Optional<Duration>> time) {
        gauge(registry, name, route, "Response time over the last 7 days (hours=business counts business hours only)",
                f -> time.apply(f).map(d -> d.toMillis() / 1000.0).orElse(0.0), "quantile", quantile, "hours", hours);
    }

    private void share(MeterRegistry registry, String route, String kind,
            java.util.function.Function<ResponseFigures, Optional<Double>> share) {
        gauge(registry, "deskbridge_response_share", route, "Share of decided customer messages over the last 7 days",
                f -> share.apply(f).orElse(0.0), "kind", kind);
    }

    private void count(MeterRegistry registry, String name, String route, ToDoubleFunction<ResponseFigures> n) {
        gauge(registry, name, route, "Customer messages over the last 7 days", n);
    }
}
