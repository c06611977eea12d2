package dev.deskbridge.host.engine;

import dev.deskbridge.connector.api.model.DeliveryUpdate;
import dev.deskbridge.connector.api.pricing.Money;
import dev.deskbridge.connector.api.pricing.WindowState;
import dev.deskbridge.host.store.Conversation;
import dev.deskbridge.host.store.StoredMessage;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends whose answer was lost (the host died mid-send, or the call timed out): the provider may have
 * taken the message without DeskBridge learning its id, and neither Meta nor Twilio takes an
 * idempotency key. Meta echoes what a send carried in {@code biz_opaque_callback_data} (the outbox
 * id) in every status of the message; a status naming an outbox item whose send was started and
 * never answered tells, by that identity, that the provider has it and what its id is.
 *
 * <p>So a send in that state, through a channel whose statuses name their send ({@code
 * ChannelCapability.STATUS_NAMES_SEND}), waits {@link #WAIT} (from its first attempt or the host's start) for such a
 * status before it is sent again (Meta reports {@code sent} within seconds of taking a message); a status
 * arriving in that time completes it as its answer would have, and it is never repeated. A send the
 * provider answered 2xx unreadably (it took the message) is one of these. (The engine's {@code
 * lostAnswerWait} is this wait; tests shorten it.)
 */
final class LostAnswers {
    /** How long a send whose answer was lost waits for the provider's status before it is repeated. */
    static final Duration WAIT = Duration.ofSeconds(30);
    private static final Logger LOG = LoggerFactory.getLogger(LostAnswers.class);

    private LostAnswers() {}

    /**
     * The message a status is of, when it names (by its send key) an outbox send started without
     * an answer: the message takes the provider's id now, as the send's answer would have given it.
     */
    static Optional<StoredMessage> adopt(Connection c, EngineContext ctx, DeliveryUpdate u) throws SQLException {
        Optional<Long> outboxId = u.sendKey().flatMap(LostAnswers::outboxId);
        if (outboxId.isEmpty() || ctx.outbox().sendStarted(c, outboxId.get()).isEmpty()) {
            return Optional.empty();
        }
        Optional<StoredMessage> found = ctx.messages().findByOutboxId(c, outboxId.get());
        if (found.isEmpty() || !found.get().direction().equals("OUT") || found.get().providerMessageId().isPresent()
                || found.get().status().equals("FAILED")) {
            return Optional.empty();
        }
        StoredMessage message = found.get();
        Instant now = ctx.clock().instant();
        Conversation locked = ctx.conversations().findById(c, message.conversationId(), true).orElseThrow();
        if (!ctx.messages().markAccepted(c, message.id(), u.providerMessageId(), now)) {
            // The send's own answer landed since the read above and recorded all of this: moving the
            // window again would shift its times.
            return ctx.messages().findById(c, message.id());
        }
        ctx.ledger().accepted(c, message.id(), u.providerMessageId(), Optional.empty());
        ctx.outbox().recordProviderId(c, outboxId.get(), u.providerMessageId());
        WindowState window = ctx.pricing().onBusinessMessage(locked.window(), now);
        String purpose = message.purpose().orElse("");
        ctx.conversations().businessMessage(c, locked.id(), window, now,
                !purpose.equals("REENGAGE") && !purpose.equals("AUTO_REPLY"), now);
        LOG.info("outbox item {}: its send's answer was lost; the provider's status names it, so it was taken "
                + "and is not sent again", outboxId.get());
        return ctx.messages().findById(c, message.id());
    }

    /**
     * The second copy of a send, when a status names (by its send key) an outbox send whose message
     * already has another provider id: the provider took the send twice (its answer was lost, or a
     * proxy hid it, and the send went again after the wait) and bills both. The copy gets a message of
     * its own, quoted as the first was, so its statuses settle it and the cost report counts what the
     * provider bills. It moves no window and takes no policy: the first copy did that.
     */
    static Optional<StoredMessage> secondCopy(Connection c, EngineContext ctx, DeliveryUpdate u) throws SQLException {
        Optional<Long> outboxId = u.sendKey().flatMap(LostAnswers::outboxId);
        if (outboxId.isEmpty() || ctx.outbox().sendStarted(c, outboxId.get()).isEmpty()) {
            return Optional.empty();
        }
        Optional<StoredMessage> first = ctx.messages().findByOutboxId(c, outboxId.get());
        if (first.isEmpty() || !first.get().direction().equals("OUT") || first.get().providerMessageId().isEmpty()
                || first.get().providerMessageId().get().equals(u.providerMessageId())) {
            return Optional.empty();
        }
        Instant now = ctx.clock().instant();
        long copy = ctx.messages().insertSecondCopy(c, first.get(), u.providerMessageId(), now);
        Optional<dev.deskbridge.host.store.LedgerEntry> quoted = ctx.ledger().findByMessage(c, first.get().id());
        if (quoted.isPresent()) {
            ctx.ledger().quoteAgain(c, quoted.get(), copy, u.providerMessageId(), now);
            ctx.metrics().spend("quoted", new Money(quoted.get().quotedTotal(),
                    quoted.get().currency()));
        }
        LOG.warn("outbox item {}: the provider took its send twice (a status names it with a second message id); "
                + "the second copy is recorded and priced as the first", outboxId.get());
        return ctx.messages().findById(c, copy);
    }

    /**
     * Until when a send started at {@code earlier} without an answer waits for its status. Meta
     * delivers again the webhooks a stopped host missed, so the status of a send made before a crash
     * may come only once this host is up: the wait counts from the later of the attempt and the start.
     */
    static Instant waitsUntil(Instant earlier, Instant hostStarted, Duration wait) {
        return (earlier.isAfter(hostStarted) ? earlier : hostStarted).plus(wait);
    }

    private static Optional<Long> outboxId(String key) {
        try {
            return Optional.of(Long.parseLong(key));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
