package dev.deskbridge.host.admin;

import dev.deskbridge.connector.api.pricing.Money;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One message of a conversation as an operator sees it.
 *
 * @param id DeskBridge's id of the message
 * @param direction inbound from the customer or outbound to them
 * @param kind text, media, template or other
 * @param summary a short text: the message's text (shortened), the template's name or the media's kind
 * @param at when it was sent (inbound: the customer's timestamp; outbound: when it was queued)
 * @param statusHistory the outbound message's statuses in the order of progress (a late callback does not
 *     move it back), the current one last; empty for inbound messages
 * @param quoted the price quoted before sending; empty for inbound messages
 * @param settled the final cost once the provider reported it; zero for a failed message
 */
public record MessageView(
        String id,
        MessageDirection direction,
        MessageKind kind,
        String summary,
        Instant at,
        List<StatusChange> statusHistory,
        Optional<Money> quoted,
        Optional<Money> settled) {

    public MessageView {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(summary, "summary");
        Objects.requireNonNull(at, "at");
        statusHistory = List.copyOf(Objects.requireNonNull(statusHistory, "statusHistory"));
        Objects.requireNonNull(quoted, "quoted");
        Objects.requireNonNull(settled, "settled");
    }

    /** The latest status, if any. */
    public Optional<StatusChange> currentStatus() {
        return statusHistory.isEmpty() ? Optional.empty() : Optional.of(statusHistory.get(statusHistory.size() - 1));
    }
}
