package dev.deskbridge.host.admin.responsiveness;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.deskbridge.host.config.RouteConfig;
import dev.deskbridge.host.config.answering.Answering;
import dev.deskbridge.host.config.answering.BusinessHours;
import dev.deskbridge.host.logging.LogSafe;
import dev.deskbridge.host.store.Database;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Answers how fast the business answers, for the admin API, {@code deskbridge stats}, the metrics
 * and the website widget: {@link #typicalResponse(String)} and {@link #openingHours(String)} are
 * the widget's two questions about a route (named by its channel id).
 */
public final class ResponsivenessService {
    /** The period the widget's "usually answers within" line is measured over. */
    public static final Duration TYPICAL_PERIOD = Duration.ofDays(30);
    /** How many routes a refusal of an unknown one lists; a host may have hundreds. */
    static final int LISTED_ROUTES = 20;

    private final TimelineSource store;
    private final Map<String, Answering> answering;
    private final Clock clock;
    /** The widget is on public pages: one computation per route per minute at most, whatever the traffic. */
    private final Cache<String, Optional<Duration>> typical = Caffeine.newBuilder()
            .expireAfterWrite(Duration.ofMinutes(1)).maximumSize(1_000).build();

    public ResponsivenessService(Database db, List<RouteConfig> routes, Clock clock) {
        this(new TimelineStore(db), byChannel(routes), clock);
    }

    public ResponsivenessService(TimelineSource store, Map<String, Answering> answering, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.answering = Map.copyOf(Objects.requireNonNull(answering, "answering"));
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    private static Map<String, Answering> byChannel(List<RouteConfig> routes) {
        Map<String, Answering> out = new HashMap<>();
        routes.forEach(r -> out.put(r.channel(), r.answering()));
        return out;
    }

    /** Figures over {@code [from, to)} as of now; only the route of {@code channelId} when given. */
    public ResponsivenessReport report(Instant from, Instant to, Optional<String> channelId) {
        List<Timeline> timelines = store.timelines(from, to).stream()
                .filter(t -> channelId.map(t.channelId()::equals).orElse(true)).toList();
        return Responsiveness.compute(timelines, answering, from, to, clock.instant());
    }

    /**
     * The route's median response time over the last 30 days, counting business hours where it has
     * them (what a customer writing now should expect while the team is in); empty without answers.
     */
    public Optional<Duration> typicalResponse(String channelId) {
        return typical.get(channelId, id -> {
            Instant now = clock.instant();
            ResponseFigures total = report(now.minus(TYPICAL_PERIOD), now, Optional.of(id)).total();
            return openingHours(id).isPresent() ? total.medianBusinessHours() : total.median();
        });
    }

    /** The route's business hours, when it has them. */
    public Optional<BusinessHours> openingHours(String channelId) {
        return Optional.ofNullable(answering.get(channelId)).flatMap(Answering::hours);
    }

    /**
     * A route asked for by its channel id, refused when no route has it: its figures would all be
     * zero, as if nobody had written. The message lists the routes there are (the first
     * {@value #LISTED_ROUTES}).
     */
    public String route(String channelId) {
        if (answering.containsKey(channelId)) {
            return channelId;
        }
        List<String> routes = answering.keySet().stream().sorted().toList();
        String listed = String.join(", ", routes.subList(0, Math.min(routes.size(), LISTED_ROUTES)))
                + (routes.size() > LISTED_ROUTES ? " and " + (routes.size() - LISTED_ROUTES) + " more" : "");
        throw new IllegalArgumentException("no route has the channel '" + LogSafe.text(channelId, 40) + "'; "
                + (routes.isEmpty() ? "no route is configured" : "the routes' channels: " + listed));
    }

    /** The routes' hours and targets, by channel id. */
    public Map<String, Answering> answering() {
        return answering;
    }
}
