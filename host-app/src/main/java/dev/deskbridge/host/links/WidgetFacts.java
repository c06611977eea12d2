package dev.deskbridge.host.links;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the website button may say about how a channel's business answers: the responsiveness line
 * ("usually answers within 10 minutes") and the opening hours. The figures and the hours come from
 * the responsiveness and business-hours work; until a host wires those in, {@link #UNKNOWN} says
 * nothing and the button shows neither line.
 */
@FunctionalInterface
public interface WidgetFacts {
    /** Knows nothing: the button shows only itself. */
    WidgetFacts UNKNOWN = (channelId, now) -> Availability.UNKNOWN;

    /** What is known about answering on {@code channelId} as of {@code now}. */
    Availability of(String channelId, Instant now);

    /**
     * @param usuallyAnswersWithin a typical first-response time (for example the median), when known
     * @param zone the time zone the hours are in
     * @param hours the weekly opening hours, empty when unknown
     * @param openNow whether the business is open at the instant asked (holidays included), when known
     */
    record Availability(Optional<Duration> usuallyAnswersWithin, Optional<ZoneId> zone, List<OpeningHours> hours,
            Optional<Boolean> openNow) {
        public static final Availability UNKNOWN = new Availability(Optional.empty(), Optional.empty(), List.of(),
                Optional.empty());

        public Availability {
            Objects.requireNonNull(usuallyAnswersWithin, "usuallyAnswersWithin");
            Objects.requireNonNull(zone, "zone");
            hours = List.copyOf(Objects.requireNonNull(hours, "hours"));
            Objects.requireNonNull(openNow, "openNow");
        }
    }

    /** One opening interval of a weekday, in the availability's zone. */
    record OpeningHours(DayOfWeek day, LocalTime opens, LocalTime closes) {
        public OpeningHours {
            Objects.requireNonNull(day, "day");
            Objects.requireNonNull(opens, "opens");
            Objects.requireNonNull(closes, "closes");
        }
    }
}
