package dev.deskbridge.connector.zendesk.status;

import dev.deskbridge.connector.zendesk.client.Lru;
import java.util.Map;
import java.util.Optional;

/**
 * What DeskBridge last wrote to each recently touched ticket (window view, delivery tag), so an
 * unchanged status is not written again. Bounded; forgetting only costs one redundant update.
 */
public final class StatusMemory {
    private static final int SIZE = 10_000;

    private final Map<Long, StatusView> views = Lru.map(SIZE);
    private final Map<Long, String> deliveryTags = Lru.map(SIZE);

    /** Remembers the view written to a ticket. */
    public void wrote(long ticketId, StatusView view) {
        views.put(ticketId, view);
    }

    /** The view last written to a ticket, if remembered. */
    public Optional<StatusView> lastView(long ticketId) {
        return Optional.ofNullable(views.get(ticketId));
    }

    /** Remembers the delivery tag a ticket carries. */
    public void wroteDeliveryTag(long ticketId, String tag) {
        deliveryTags.put(ticketId, tag);
    }

    /** The delivery tag last written to a ticket, if remembered. */
    public Optional<String> lastDeliveryTag(long ticketId) {
        return Optional.ofNullable(deliveryTags.get(ticketId));
    }

    /** Forgets a ticket, for example after a write whose outcome is unknown. */
    public void forget(long ticketId) {
        views.remove(ticketId);
        deliveryTags.remove(ticketId);
    }
}
