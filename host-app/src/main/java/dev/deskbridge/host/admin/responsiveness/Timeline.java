package dev.deskbridge.host.admin.responsiveness;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A conversation's messages in the order they happened, with what groups its figures.
 *
 * @param channelId the route's channel (a channel has one route)
 * @param route the route's label, {@code channel → crm}
 * @param business the business number
 * @param firstCustomerMessageAt the conversation's very first customer message (its first response is timed from it)
 */
public record Timeline(String channelId, String route, String business, Optional<Instant> firstCustomerMessageAt,
        List<TimelineEvent> events) {
    public Timeline {
        Objects.requireNonNull(channelId, "channelId");
        Objects.requireNonNull(route, "route");
        Objects.requireNonNull(business, "business");
        Objects.requireNonNull(firstCustomerMessageAt, "firstCustomerMessageAt");
        // Stable: events at the same instant keep the order the store gave them (its row order).
        events = Objects.requireNonNull(events, "events").stream()
                .sorted(Comparator.comparing(TimelineEvent::at)).toList();
    }
}
