package dev.deskbridge.host.engine;

import dev.deskbridge.connector.api.model.AgentNotice;
import dev.deskbridge.connector.api.model.InboundMessage;
import dev.deskbridge.connector.api.model.MessageContent;
import dev.deskbridge.connector.api.model.OutboundMessage;
import dev.deskbridge.connector.api.pricing.Money;
import dev.deskbridge.connector.api.pricing.Quote;
import dev.deskbridge.host.config.RouteConfig;
import dev.deskbridge.host.consent.OptOut;
import dev.deskbridge.host.store.Conversation;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;

/**
 * A customer's message that is an opt-out word (STOP, or a word the route configures): the customer
 * is opted out of marketing templates on the channel, recorded with the time, told once (inside the
 * window the message just opened, so for free), and the agents see it on the ticket.
 */
final class OptOuts {
    private OptOuts() {}

    /** @return whether the message was an opt-out word (then nothing automatic answers it) */
    static boolean onCustomerMessage(Connection c, EngineContext ctx, RouteConfig route, Conversation conversation,
            InboundMessage m, Instant now) throws SQLException {
        String text = m.content() instanceof MessageContent.Text t ? t.body()
                : m.content() instanceof MessageContent.TemplateButtonReply b ? b.text() : null;
        if (text == null || text.length() > 80) {
            return false;
        }
        Optional<String> keyword = route.optOut().keyword(text);
        if (keyword.isEmpty()) {
            return false;
        }
        if (!ctx.consent().optOut(c, route.channel(), m.customer(), OptOut.KEYWORD, keyword, m.sentAt())) {
            return true; // opted out before: told once only
        }
        Notices.enqueue(c, ctx, conversation, AgentNotice.Kind.OPTED_OUT, "The customer wrote " + keyword.get()
                + " and is opted out of marketing templates on this channel since " + m.sentAt()
                + ". Replies and utility templates still go out.", Optional.empty(), "optout:" + m.providerMessageId(),
                now);
        OutboundMessage.Text confirmation = new OutboundMessage.Text(route.optOut().confirmation(keyword.get()), false);
        Optional<Quote> priced = Outbound.quoteIfPriced(c, ctx, conversation, confirmation, now,
                "opt-out confirmation");
        if (priced.isEmpty() || !priced.get().allowed()) {
            return true; // unpriceable, or the message came late and its window is closed: the opt-out stands, untold
        }
        Quote quote = priced.get();
        Money fee = Outbound.channelFee(ctx, conversation, quote);
        Outbound.enqueue(c, ctx, conversation, confirmation, EngineEvent.Purpose.CONSENT, quote, fee, Notices.SOURCE,
                "optout:" + m.providerMessageId(), Optional.empty(), Optional.of("DeskBridge"), now);
        ctx.consent().markTold(c, route.channel(), m.customer(), now);
        return true;
    }
}
