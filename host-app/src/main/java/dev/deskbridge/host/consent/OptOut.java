package dev.deskbridge.host.consent;

import dev.deskbridge.connector.api.model.PhoneNumber;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A customer who takes no marketing templates on a channel.
 *
 * @param source {@code KEYWORD} (the customer wrote STOP or a route's word) or {@code OPERATOR}
 * @param keyword the word the customer wrote, for a keyword opt-out
 * @param toldAt when the customer's confirmation was queued; empty until then
 */
public record OptOut(String channelId, PhoneNumber customer, Instant optedOutAt, String source,
        Optional<String> keyword, Optional<Instant> toldAt) {
    public static final String KEYWORD = "KEYWORD";
    public static final String OPERATOR = "OPERATOR";

    public OptOut {
        Objects.requireNonNull(channelId, "channelId");
        Objects.requireNonNull(customer, "customer");
        Objects.requireNonNull(optedOutAt, "optedOutAt");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(keyword, "keyword");
        Objects.requireNonNull(toldAt, "toldAt");
    }
}
