package dev.deskbridge.host.runtime;

import dev.deskbridge.host.admin.responsiveness.ResponsivenessService;
import dev.deskbridge.host.config.answering.BusinessHours;
import dev.deskbridge.host.config.answering.OpeningSpan;
import dev.deskbridge.host.links.WidgetFacts;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the website button says about a channel's route: its typical response time and its business
 * hours, both from the responsiveness figures and the route's configuration. Wired here because
 * the links and the figures are layers beside each other that do not know one another.
 */
public final class WidgetAvailability implements WidgetFacts {
    private final ResponsivenessService responsiveness;

    public WidgetAvailability(ResponsivenessService responsiveness) {
        this.responsiveness = Objects.requireNonNull(responsiveness, "responsiveness");
    }

    @Override
    public Availability of(String channelId, Instant now) {
        Optional<BusinessHours> hours = responsiveness.openingHours(channelId);
        return new Availability(responsiveness.typicalResponse(channelId), hours.map(BusinessHours::zone),
                hours.map(WidgetAvailability::weekly).orElse(List.of()), hours.map(h -> h.isOpen(now)));
    }

    private static List<OpeningHours> weekly(BusinessHours hours) {
        List<OpeningHours> out = new ArrayList<>();
        for (DayOfWeek day : DayOfWeek.values()) {
            for (OpeningSpan span : hours.weekly().getOrDefault(day, List.of())) {
                out.add(new OpeningHours(day, time(span.fromMinute()), time(span.toMinute())));
            }
        }
        return out;
    }

    // 24:00 has no LocalTime; the last minute of the day stands for it.
    private static LocalTime time(int minute) {
        return minute >= 1440 ? LocalTime.of(23, 59) : LocalTime.of(minute / 60, minute % 60);
    }
}
