package dev.deskbridge.host.http;

import dev.deskbridge.connector.api.ChannelSession;
import dev.deskbridge.connector.api.error.WebhookRejectedException;
import dev.deskbridge.connector.api.model.ChannelEvent;
import dev.deskbridge.connector.api.model.InboundMessage;
import dev.deskbridge.connector.api.model.PaymentUpdate;
import dev.deskbridge.connector.api.model.PhoneNumber;
import dev.deskbridge.connector.api.webhook.WebhookRequest;
import dev.deskbridge.host.engine.ConnectorSessions;
import dev.deskbridge.host.store.BadRecordSink;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives a channel's customer messages and payment statuses for another configured channel's number
 * to that channel. Meta sends every number's webhooks to its app's one callback URL, so a delivery
 * that reached one channel can hold another number's events; kept as the receiving channel's, a
 * message's replies would go out through a session that cannot send from that number, and a
 * payment would find no order (a reference is one channel's).
 *
 * <p>An event moves only once the other channel's own session has verified the same request (its
 * own secret): it is read again by that session and its events for its own number are taken. If
 * that session refuses the request, those events are kept as a bad record naming the channel, and
 * the rest of the delivery is stored all the same: a payment is never applied to another channel's
 * orders on the receiving channel's secret. Delivery statuses name no business number; they stay
 * with the receiving channel and find their message by its provider id.
 */
final class OtherNumbers {
    private static final Logger LOG = LoggerFactory.getLogger(OtherNumbers.class);

    /** One event and the channel it is stored under. */
    record Addressed(String channelId, ChannelEvent event) {
        Addressed {
            Objects.requireNonNull(channelId, "channelId");
            Objects.requireNonNull(event, "event");
        }
    }

    private final ConnectorSessions sessions;
    private final BadRecordSink badRecords;
    /** Each configured business number's channel; of two channels with one number, the first by id. */
    private final Map<PhoneNumber, String> channelOf = new HashMap<>();

    OtherNumbers(ConnectorSessions sessions, BadRecordSink badRecords) {
        this.sessions = Objects.requireNonNull(sessions, "sessions");
        this.badRecords = Objects.requireNonNull(badRecords, "badRecords");
        new TreeMap<>(sessions.channels()).forEach((id, session) ->
                session.businessNumber().ifPresent(n -> channelOf.putIfAbsent(n, id)));
    }

    /**
     * Reads {@code request} with the receiving channel's session, then gives each message or payment
     * status for another configured channel's number to that channel as described above.
     *
     * @throws WebhookRejectedException when the receiving session refuses the request
     */
    List<Addressed> receive(String receiverId, ChannelSession receiver, WebhookRequest request) {
        List<ChannelEvent> events = receiver.receive(request);
        Optional<PhoneNumber> own = receiver.businessNumber();
        List<Addressed> out = new ArrayList<>(events.size());
        Map<String, List<ChannelEvent>> elsewhere = new LinkedHashMap<>();
        for (ChannelEvent event : events) {
            Optional<String> other = businessOf(event).flatMap(n -> otherChannel(receiverId, own, n));
            if (other.isPresent()) {
                elsewhere.computeIfAbsent(other.get(), k -> new ArrayList<>()).add(event);
            } else {
                out.add(new Addressed(receiverId, event));
            }
        }
        elsewhere.forEach((id, theirs) -> out.addAll(readBy(id, receiverId, theirs, request)));
        return out;
    }

    /** The events as stored: by channel, each channel's in the order read. */
    static Map<String, List<ChannelEvent>> byChannel(List<Addressed> events) {
        Map<String, List<ChannelEvent>> out = new LinkedHashMap<>();
        events.forEach(a -> out.computeIfAbsent(a.channelId(), k -> new ArrayList<>()).add(a.event()));
        return out;
    }

    /** The business number an event is for, when it names one: a message's, or a payment's order's. */
    private static Optional<PhoneNumber> businessOf(ChannelEvent event) {
        if (event instanceof InboundMessage m) {
            return Optional.of(m.business());
        }
        return event instanceof PaymentUpdate p ? p.business() : Optional.empty();
    }

    private Optional<String> otherChannel(String receiverId, Optional<PhoneNumber> own, PhoneNumber business) {
        if (own.filter(business::equals).isPresent()) {
            return Optional.empty();
        }
        return Optional.ofNullable(channelOf.get(business)).filter(id -> !id.equals(receiverId));
    }

    /** Channel {@code id}'s events as its own session reads them from the request; none when it refuses it. */
    private List<Addressed> readBy(String id, String receiverId, List<ChannelEvent> expected, WebhookRequest request) {
        ChannelSession session = sessions.channel(id);
        PhoneNumber number = session.businessNumber().orElseThrow();
        List<Addressed> taken = new ArrayList<>(expected.size());
        try {
            for (ChannelEvent e : session.receive(request)) {
                if (businessOf(e).filter(number::equals).isPresent()) {
                    taken.add(new Addressed(id, e));
                }
            }
        } catch (WebhookRejectedException e) {
            // Its reason only: a session's message may quote the request, and a bad record's reason is shown.
            keep(id, receiverId, expected, "channel " + id + " refused it ("
                    + e.reason().name().toLowerCase(Locale.ROOT) + ")", request);
            return List.of();
        }
        Set<String> read = taken.stream().map(a -> a.event().eventId()).collect(Collectors.toSet());
        List<ChannelEvent> unread = expected.stream().filter(e -> !read.contains(e.eventId())).toList();
        if (!unread.isEmpty()) {
            keep(id, receiverId, unread, "channel " + id + " read them otherwise from the same request", request);
        }
        return taken;
    }

    private void keep(String id, String receiverId, List<ChannelEvent> events, String why, WebhookRequest request) {
        String reason = counted(events) + " for the number of channel " + id + " came to channel " + receiverId
                + "'s webhook URL and " + (events.size() == 1 ? "was" : "were") + " not stored: " + why;
        LOG.warn("{}; the delivery is kept as a bad record", reason);
        badRecords.report(id, "webhook", reason, request.body());
    }

    /** {@code 1 message}, {@code 2 payment statuses}, {@code 1 message and 1 payment status}. */
    private static String counted(List<ChannelEvent> events) {
        long messages = events.stream().filter(InboundMessage.class::isInstance).count();
        long payments = events.size() - messages;
        List<String> parts = new ArrayList<>(2);
        if (messages > 0) {
            parts.add(messages + (messages == 1 ? " message" : " messages"));
        }
        if (payments > 0) {
            parts.add(payments + (payments == 1 ? " payment status" : " payment statuses"));
        }
        return String.join(" and ", parts);
    }
}
