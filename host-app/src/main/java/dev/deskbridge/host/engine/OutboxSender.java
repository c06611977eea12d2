package dev.deskbridge.host.engine;

import dev.deskbridge.connector.api.ChannelCapability;
import dev.deskbridge.connector.api.error.AnswerLostException;
import dev.deskbridge.connector.api.error.PermanentException;
import dev.deskbridge.connector.api.error.RetryableException;
import dev.deskbridge.connector.api.error.WindowClosedException;
import dev.deskbridge.connector.api.model.AgentNotice;
import dev.deskbridge.connector.api.model.ConversationId;
import dev.deskbridge.connector.api.model.OutboundMessage;
import dev.deskbridge.connector.api.model.SendRequest;
import dev.deskbridge.connector.api.model.SendResult;
import dev.deskbridge.connector.api.pricing.Money;
import dev.deskbridge.connector.api.pricing.OutboundKind;
import dev.deskbridge.connector.api.pricing.Quote;
import dev.deskbridge.connector.api.pricing.WindowState;
import dev.deskbridge.host.config.RouteConfig;
import dev.deskbridge.host.pricing.WindowRules;
import dev.deskbridge.host.pricing.Amounts;
import dev.deskbridge.host.consent.ConsentRegistry;
import dev.deskbridge.host.store.Conversation;
import dev.deskbridge.host.store.QueueItem;
import dev.deskbridge.host.store.StoredMessage;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLHandshakeException;

/**
 * Sends one outbox item through its channel (the outbox id is the idempotency key), then records
 * the provider's id, moves the window (a first reply may open a free entry point window) and queues
 * the note agents should see. A send the provider accepted is never repeated.
 *
 * <p>Just before a free-form message goes out, the window is checked again with the
 * {@code engine.window_margin}: a reply that waited (retries, a slow queue) past the window's end
 * goes to the route's policy instead, as does one the provider refuses as outside the window.
 *
 * <p>The instant a send is handed to the provider is recorded and made durable first. An attempt
 * that finds it set (the host died mid-send, or the provider did not answer in time) cannot know
 * whether the provider took the message, since neither Meta nor Twilio takes an idempotency key.
 * Through a channel whose statuses name their send, it first waits the engine's {@code lostAnswerWait}
 * ({@link LostAnswers#WAIT}) for the status that would say the provider has it (LostAnswers); then,
 * or at once through another channel, it sends, and tells the ticket the customer may see the message
 * twice. A send the provider answered 2xx without a readable answer ({@link AnswerLostException}) is
 * such a send: it keeps its mark, and its next attempt waits like any other.
 */
final class OutboxSender {
    private final EngineContext ctx;
    /** When this host began sending: a lost answer's status may come only after it (see LostAnswers). */
    private final Instant started;

    OutboxSender(EngineContext ctx) {
        this.ctx = ctx;
        this.started = ctx.timer().instant();
    }

    /**
     * What the send found: {@code go} when it is to be handed to the provider now; {@code earlier}
     * when an earlier attempt was handed over without an answer recorded.
     */
    private record Pending(Conversation conversation, StoredMessage message, boolean done, boolean go,
            Optional<Instant> earlier) {}

    void handle(QueueItem item, EngineEvent.SendMessage send, Completion done) {
        boolean freeForm = send.message().kind() == OutboundKind.FREEFORM;
        Duration margin = ctx.settings().windowMargin();
        Pending pending = ctx.db().inTransaction(c -> {
            Conversation conversation = ctx.conversations().findById(c, ConversationId.of(send.conversationId()), false)
                    .orElseThrow();
            StoredMessage message = ctx.messages().findByOutboxId(c, item.id()).orElseThrow();
            if (message.providerMessageId().isPresent() || message.status().equals("FAILED")) {
                return new Pending(conversation, message, true, false, Optional.empty());
            }
            if (send.purpose() == EngineEvent.Purpose.AUTO_REPLY && AutoReplySends.superseded(c, message)) {
                AutoReplySends.drop(c, ctx, message, "an agent replied first");
                done.in(c);
                return new Pending(conversation, message, true, false, Optional.empty());
            }
            if (freeForm && !WindowRules.maySend(conversation.window(), OutboundKind.FREEFORM,
                    ctx.clock().instant().plus(margin))) {
                return new Pending(conversation, message, false, false, Optional.empty());
            }
            return new Pending(conversation, message, false, true, ctx.outbox().markSending(c, item.id(),
                    ctx.timer().instant()));
        });
        if (pending.done()) {
            return;
        }
        Duration lostAnswerWait = ctx.settings().lostAnswerWait();
        Instant waitUntil = pending.earlier().map(at -> LostAnswers.waitsUntil(at, started, lostAnswerWait))
                .orElse(Instant.MIN);
        if (ctx.timer().instant().isBefore(waitUntil) && ctx.sessions().channel(pending.conversation().channelId())
                .capabilities().contains(ChannelCapability.STATUS_NAMES_SEND)) {
            // The provider's status may yet name this send (LostAnswers): it is not repeated before then.
            throw new RetryableException("an earlier attempt at " + pending.earlier().get() + " was handed to the "
                    + "provider and its answer was lost; waiting for the provider's status before sending again",
                    Duration.between(ctx.timer().instant(), waitUntil), null);
        }
        if (!pending.go() && send.purpose() == EngineEvent.Purpose.AUTO_REPLY) {
            // An automatic answer is not worth a template: it is dropped, never re-engaged.
            dropAuto(pending.message(), "the customer's service window closed before it could go out", done);
            return;
        }
        if (!pending.go()) {
            WindowState window = pending.conversation().window();
            windowClosed(item, send, pending.message(), window.serviceWindowOpenAt(ctx.clock().instant())
                    ? "the customer's 24-hour service window closes at " + window.serviceWindowEndsAt().orElseThrow()
                            + ", within the " + margin.toSeconds() + " s safety margin of sending"
                    : ClosedWindowPolicy.closed(pending.conversation()), done);
            return;
        }
        // Once the provider may have the message, a restart must know it may have been sent.
        ctx.db().durable();
        Conversation conversation = pending.conversation();
        SendResult result;
        try {
            result = ctx.sessions().channel(conversation.channelId()).send(new SendRequest(
                    String.valueOf(item.id()), conversation.business(), conversation.customer(), send.message(),
                    send.replyTo()));
        } catch (WindowClosedException e) {
            if (freeForm && send.purpose() == EngineEvent.Purpose.AUTO_REPLY) {
                dropAuto(pending.message(), "the provider refused it as outside the customer's service window", done);
                return;
            }
            if (!freeForm) {
                refused(item, pending);
                throw e;
            }
            // The provider's word on the window outranks the host's clock (see DeliveryHandler's windowClosed).
            ctx.db().inTransactionDo(c -> ctx.conversations().closeServiceWindow(c, pending.conversation().id(),
                    ctx.clock().instant(), ctx.clock().instant()));
            windowClosed(item, send, pending.message(), "the provider refused it as outside the customer's 24-hour "
                    + "service window (" + e.code().orElse("window closed") + ")", done);
            return;
        } catch (RuntimeException e) {
            if (!outcomeUnknown(e)) {
                refused(item, pending);
            }
            if (e instanceof PermanentException p && p.code().filter(ConsentRegistry.MARKETING_LIMIT_CODE::equals)
                    .isPresent()) {
                // Meta's per-user marketing limit at send: recorded as such; permanent, so never retried.
                ctx.db().inTransactionDo(c -> ctx.consent().recordMarketingLimit(c, conversation.channelId(),
                        conversation.customer(), "outbox:" + item.id(), ctx.clock().instant()));
            }
            throw e;
        }
        ctx.db().inTransactionDo(c -> {
            Instant now = ctx.clock().instant();
            Conversation locked = ctx.conversations().findById(c, conversation.id(), true).orElseThrow();
            ctx.ledger().accepted(c, pending.message().id(), result.providerMessageId(), result.channelFee());
            // The provider's status can overtake this answer and complete the send first (LostAnswers):
            // the window was then moved already, and moving it again would shift its times.
            if (ctx.messages().markAccepted(c, pending.message().id(), result.providerMessageId(), now)) {
                ctx.outbox().recordProviderId(c, item.id(), result.providerMessageId());
                WindowState window = ctx.pricing().onBusinessMessage(locked.window(), now);
                // Neither a template nor an automatic answer is an agent's: the closing warning still applies.
                ctx.conversations().businessMessage(c, locked.id(), window, now, send.purpose()
                        != EngineEvent.Purpose.REENGAGE && send.purpose() != EngineEvent.Purpose.AUTO_REPLY, now);
            }
            if (send.purpose() == EngineEvent.Purpose.REENGAGE) {
                OutboundMessage.Template t = (OutboundMessage.Template) send.message();
                Notices.enqueue(c, ctx, locked, AgentNotice.Kind.TEMPLATE_SENT, "The service window was closed, so the "
                        + "re-engagement template '" + t.name() + "' was sent"
                        + send.quote().category().map(cat -> " (" + cat.wireName() + ")").orElse("") + "; "
                        + price(send.quote()) + ".",
                        Optional.of(send.quote()), "outbox:" + item.id(), now);
            } else if (send.purpose() == EngineEvent.Purpose.AUTO_REPLY) {
                // Keyed by the customer message the answer was for, like the send itself.
                Notices.enqueue(c, ctx, locked, AgentNotice.Kind.AUTO_REPLY_SENT, "The customer was answered "
                        + "automatically (" + pending.message().author().orElse("auto-reply") + "): \""
                        + pending.message().summary() + "\"; " + price(send.quote()) + ".", Optional.of(send.quote()),
                        item.eventId(), now);
            } else if (send.purpose() == EngineEvent.Purpose.HELD_REPLY) {
                Notices.enqueue(c, ctx, locked, AgentNotice.Kind.HELD_REPLY_SENT, "The customer answered; the held "
                        + "reply was sent; " + price(send.quote()) + ".", Optional.of(send.quote()),
                        "outbox:" + item.id(), now);
            }
            if (pending.earlier().isPresent()) {
                Notices.enqueue(c, ctx, locked, AgentNotice.Kind.POSSIBLE_DUPLICATE, "The customer may have received "
                        + "this message twice (" + pending.message().summary() + "): an attempt at "
                        + pending.earlier().get() + " was handed to the provider but its answer was lost (the host "
                        + "stopped or the call timed out), and the provider takes no idempotency key, so it was sent "
                        + "again.", Optional.empty(), "outbox-repeat:" + item.id(), now);
            }
            done.in(c);
        });
        // The provider has the message: its record is flushed at once. The worker does not wait for
        // the write: every send first waits for a flush of all that was committed before it (the
        // send's start, above), so no later call out overtakes this record.
        ctx.db().durableSoon();
    }

    /**
     * The window closed before the message could go out: it is not sent (and costs nothing), and
     * the route's policy takes it, as for a reply written outside the window.
     */
    private void windowClosed(QueueItem item, EngineEvent.SendMessage send, StoredMessage message, String closed,
            Completion done) {
        ctx.db().inTransactionDo(c -> {
            Instant now = ctx.clock().instant();
            Conversation locked = ctx.conversations().findById(c, message.conversationId(), true).orElseThrow();
            RouteConfig route = ctx.routes().of(locked.channelId(), locked.crmId())
                    .orElseThrow(() -> new PermanentException("no route carries channel '" + locked.channelId()
                            + "' to crm '" + locked.crmId() + "'"));
            ctx.messages().markFailed(c, message.id(), "not sent: " + closed);
            if (ctx.outbox().sendStarted(c, item.id()).isPresent()) {
                ctx.ledger().fail(c, message.id(), now); // the provider had it, or may have: a failed message
            } else {
                // Never handed to the provider (the check before sending): no message to count or report.
                ctx.ledger().withdraw(c, message.id()).ifPresent(e -> ctx.metrics().spend("withdrawn",
                        new Money(e.quotedTotal(), e.currency())));
            }
            String key = "outbox:" + item.id();
            ClosedWindowPolicy.apply(c, ctx, route, locked, List.of(send.message()), message.author().orElse("agent"),
                    key, key, closed, now);
            done.in(c);
        });
    }

    private void dropAuto(StoredMessage message, String why, Completion done) {
        ctx.db().inTransactionDo(c -> {
            AutoReplySends.drop(c, ctx, message, why);
            done.in(c);
        });
    }

    /**
     * The provider answered this attempt with a refusal: it did not take the message, so a retry is
     * no duplicate, unless an earlier attempt's outcome is still unknown.
     */
    private void refused(QueueItem item, Pending pending) {
        if (pending.earlier().isEmpty()) {
            ctx.db().inTransactionDo(c -> ctx.outbox().clearSending(c, item.id()));
        }
    }

    /**
     * Whether the send failed in a way that leaves open whether the provider took the message: a
     * timeout, a connection lost after it was made, an answer that said 2xx and could not be read, or
     * any other I/O failure once connected (a chunked answer broken before its status was read looks
     * like one). Only what never reached the provider is a refusal: a refused or unroutable
     * connection, a connect timeout, an unknown host, a failed TLS handshake.
     */
    static boolean outcomeUnknown(Throwable failure) {
        boolean io = false;
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ConnectException || t instanceof NoRouteToHostException
                    || t instanceof HttpConnectTimeoutException || t instanceof UnknownHostException
                    || t instanceof SSLHandshakeException) {
                return false;
            }
            if (t instanceof AnswerLostException) {
                return true;
            }
            io |= t instanceof IOException;
            if (t.getCause() == t) {
                break;
            }
        }
        return io;
    }

    /** What a note tells agents a message costs: {@code quoted 0.0550 USD}, or {@code free}. */
    private static String price(Quote quote) {
        return quote.billable() && !quote.price().isZero()
                ? "quoted " + Amounts.format(quote.price().amount(), quote.price().currency().getCurrencyCode())
                : "free";
    }

    /** A send given up: the message failed and costs nothing, and the agents are told why. */
    void onDeadLetter(QueueItem item, String reason) {
        ctx.db().inTransactionDo(c -> {
            Instant now = ctx.clock().instant();
            Optional<StoredMessage> message = ctx.messages().findByOutboxId(c, item.id());
            if (message.isEmpty()) {
                return;
            }
            ctx.messages().markFailed(c, message.get().id(), reason);
            ctx.ledger().fail(c, message.get().id(), now);
            Conversation conversation = ctx.conversations().findById(c, message.get().conversationId(), true)
                    .orElseThrow();
            if ("REENGAGE".equals(message.get().purpose().orElse(""))) {
                // The next agent reply may try the template again.
                ctx.conversations().setReengaged(c, conversation.id(), Optional.empty(), now);
            }
            Optional<Instant> earlier = ctx.outbox().sendStarted(c, item.id());
            Notices.enqueue(c, ctx, conversation, AgentNotice.Kind.DELIVERY_FAILED, "A message could not be sent ("
                    + message.get().summary() + "): " + reason + earlier.map(at -> ". An attempt at " + at
                            + " was handed to the provider and its answer was lost, so the customer may have "
                            + "received it anyway").orElse(""), Optional.empty(), "outbox-dead:" + item.id() + ":"
                    + item.attempts(), now);
        });
    }
}
