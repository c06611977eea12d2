package dev.deskbridge.host.engine;

import dev.deskbridge.connector.api.error.PermanentException;
import dev.deskbridge.connector.api.model.AgentNotice;
import dev.deskbridge.connector.api.model.OutboundMessage;
import dev.deskbridge.connector.api.pricing.Money;
import dev.deskbridge.connector.api.pricing.Quote;
import dev.deskbridge.host.config.ReplyPolicy;
import dev.deskbridge.host.config.RouteConfig;
import dev.deskbridge.host.store.Conversation;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The route's policy for free-form messages that cannot go out because the service window is
 * closed: refuse and say so on the ticket, or hold them and send the re-engagement template. Used
 * when an agent's reply is decided, and again at send time when the window closed in between (the
 * host's own check with its margin, or the provider's window-closed refusal).
 */
final class ClosedWindowPolicy {
    private ClosedWindowPolicy() {}

    /**
     * Applies the route's policy inside the caller's transaction.
     *
     * @param holdKey unique for these messages: they are held once
     * @param noticeKey unique for this decision: its notes are queued once
     * @param closed why they cannot go out, completing "Not sent: ..." ("the customer's 24-hour service window closed at ...")
     * @return whether the messages are held (now or before) for the customer's answer; false when refused
     */
    static boolean apply(Connection c, EngineContext ctx, RouteConfig route, Conversation conversation,
            List<OutboundMessage> messages, String author, String holdKey, String noticeKey, String closed, Instant now)
            throws SQLException {
        Optional<ConfiguredTemplates.Choice> choice = route.reengageTemplate().isPresent()
                ? Optional.of(ConfiguredTemplates.toCustomer(c, ctx, route.channel(), conversation.customer(),
                        Outbound.template(route.reengageTemplate().get()))) : Optional.empty();
        if (route.policy() == ReplyPolicy.REFUSE || route.reengageTemplate().isEmpty()) {
            Optional<Quote> templateQuote = choice.flatMap(ConfiguredTemplates.Choice::message)
                    .flatMap(t -> Outbound.quoteIfPriced(c, ctx, conversation, t, now,
                            "re-engagement template's price, for the refusal note"));
            Notices.enqueue(c, ctx, conversation, AgentNotice.Kind.REPLY_REFUSED_POLICY, "Not sent: " + closed
                    + ". This route's policy is to refuse replies outside the window"
                    + templateQuote.map(q -> "; a re-engagement template would have cost " + q.price()).orElse("")
                    + ".", templateQuote, noticeKey, now);
            return false;
        }
        boolean templatePending = conversation.reengagedAt().isPresent();
        if (!templatePending && choice.orElseThrow().refusal().isPresent()) {
            // The catalogue says it cannot go (paused, rejected, gone): nothing to hold the reply for.
            Notices.enqueue(c, ctx, conversation, AgentNotice.Kind.TEMPLATE_REFUSED, "Not sent: " + closed
                    + ". The re-engagement template cannot be sent: " + choice.get().refusal().get().message()
                    + ". The reply is not held.", Optional.empty(), noticeKey, now);
            return false;
        }
        OutboundMessage.Template template = choice.orElseThrow().message()
                .orElseGet(() -> Outbound.template(route.reengageTemplate().orElseThrow()));
        if (!templatePending) {
            Quote quote = Outbound.quote(c, ctx, conversation, template, now);
            if (!quote.allowed()) {
                throw new PermanentException("the re-engagement template may not be sent: "
                        + quote.refusal().orElse("refused"));
            }
            Money fee = Outbound.channelFee(ctx, conversation, quote);
            // With the reply it is sent for: the customer's answer must find the budget to release it.
            Optional<String> over = Outbound.overBudgetWithHeld(c, ctx, route, conversation, quote, fee, messages, now);
            if (over.isPresent()) {
                Notices.enqueue(c, ctx, conversation, AgentNotice.Kind.REPLY_REFUSED_BUDGET, over.get()
                        + " The re-engagement template was not sent and the reply is not held.", Optional.of(quote),
                        noticeKey, now);
                return false;
            }
            Outbound.enqueue(c, ctx, conversation, template, EngineEvent.Purpose.REENGAGE, quote, fee,
                    Notices.SOURCE, "reengage:" + noticeKey, Optional.of(holdKey), Optional.of(author), now);
            ctx.conversations().setReengaged(c, conversation.id(), Optional.of(now), now);
        }
        if (ctx.held().hold(c, conversation.id(), holdKey, author, ctx.codec().encodeMessages(messages), now)) {
            Notices.enqueue(c, ctx, conversation, AgentNotice.Kind.REPLY_HELD, "Your reply is held: " + closed + ". "
                    + (templatePending ? "A re-engagement template is already out" : "A re-engagement template ("
                    + template.name() + ") is being sent") + "; your reply goes out as soon as the customer answers.",
                    Optional.empty(), noticeKey, now);
        }
        return true;
    }

    /** "the customer's 24-hour service window closed at ..." (or "is not open"), as of the conversation's state. */
    static String closed(Conversation conversation) {
        return "the customer's 24-hour service window "
                + conversation.window().serviceWindowEndsAt().map(end -> "closed at " + end).orElse("is not open");
    }
}
