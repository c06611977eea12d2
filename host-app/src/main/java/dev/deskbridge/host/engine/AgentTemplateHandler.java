package dev.deskbridge.host.engine;

import dev.deskbridge.connector.api.model.AgentNotice;
import dev.deskbridge.connector.api.model.AgentReply;
import dev.deskbridge.connector.api.model.OutboundMessage;
import dev.deskbridge.connector.api.model.TemplateCommandError;
import dev.deskbridge.connector.api.model.TemplateRequest;
import dev.deskbridge.connector.api.pricing.Money;
import dev.deskbridge.connector.api.pricing.Quote;
import dev.deskbridge.host.config.RouteConfig;
import dev.deskbridge.host.pricing.Amounts;
import dev.deskbridge.host.pricing.PricingException;
import dev.deskbridge.host.store.Conversation;
import dev.deskbridge.host.store.QueueItem;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;

/**
 * An agent asked the CRM for a template (a Zendesk macro's command, a Conversations message
 * attribute): it is checked against the catalogue and the customer's consent, quoted, budgeted and
 * queued. Whatever stops it (a command the plugin could not read, the catalogue, consent, pricing,
 * the budget) is told on the ticket with its reason code, never left in the dead letters. A billable one is first told on the ticket with its price (a note written before the send
 * is queued), so agents see what it costs before the customer has it.
 */
final class AgentTemplateHandler {
    /** The reason code of a command the CRM's plugin could not read ({@link TemplateCommandError}). */
    static final String COMMAND_INVALID = "template_command_invalid";

    private final EngineContext ctx;

    AgentTemplateHandler(EngineContext ctx) {
        this.ctx = ctx;
    }

    /** What was decided before anything is queued. */
    private record Ready(Conversation conversation, String name, OutboundMessage.Template message, Quote quote,
            Money fee, String key) {}

    void handle(QueueItem item, EngineEvent.AgentReplied event, Completion done, AgentReplyHandler.ConversationFinder finder) {
        AgentReply reply = event.reply();
        String key = item.sourceId() + ":" + reply.eventId();
        Optional<Ready> ready = ctx.db().inTransaction(c -> {
            Optional<Ready> r = decide(c, event, key, finder);
            if (r.isEmpty()) {
                done.in(c); // refused: the note is queued with the item's completion
            }
            return r;
        });
        if (ready.isEmpty()) {
            return;
        }
        Ready r = ready.get();
        if (r.quote().billable() && !r.quote().price().isZero() && r.conversation().ticket().isPresent()) {
            // Told before the send is queued; the note's id makes a retry find it rather than add another.
            ctx.sessions().crm(r.conversation().crmId()).notifyAgents(r.conversation().ticket().get(), new AgentNotice(
                    "notice:" + AgentNotice.Kind.TEMPLATE_QUOTED.name() + ":" + key, AgentNotice.Kind.TEMPLATE_QUOTED,
                    "Sending template '" + r.name() + "' (" + r.message().language() + ", "
                            + r.message().category().wireName() + r.quote().market().map(m -> ", market " + m).orElse("")
                            + "): " + Amounts.format(r.quote().price().amount(),
                                    r.quote().price().currency().getCurrencyCode())
                            + (r.fee().isZero() ? "" : " plus the channel's fee of " + r.fee()) + ".",
                    Optional.of(r.quote())));
        }
        ctx.db().inTransactionDo(c -> {
            Instant now = ctx.clock().instant();
            Outbound.enqueue(c, ctx, r.conversation(), r.message(), EngineEvent.Purpose.REPLY, r.quote(), r.fee(),
                    item.sourceId(), reply.eventId() + "#template", Optional.of(key), Optional.of(reply.author()), now);
            done.in(c);
        });
    }

    private Optional<Ready> decide(Connection c, EngineEvent.AgentReplied event, String key,
            AgentReplyHandler.ConversationFinder finder) throws SQLException {
        AgentReply reply = event.reply();
        Conversation conversation = finder.find(c, event.crmId(), reply);
        Instant now = ctx.clock().instant();
        if (reply.templateError().isPresent()) {
            TemplateCommandError error = reply.templateError().get();
            Notices.enqueue(c, ctx, conversation, AgentNotice.Kind.TEMPLATE_REFUSED, "Template command not read and not "
                    + "sent: " + error.where() + ": " + error.problem() + " [" + COMMAND_INVALID
                    + "]. Correct it and submit it again.", Optional.empty(), key, now);
            return Optional.empty();
        }
        TemplateRequest request = reply.template().orElseThrow();
        RouteConfig route = ctx.routes().of(conversation.channelId(), conversation.crmId()).orElseThrow();
        OutboundMessage.Template message;
        try {
            // The same checks as a notification's: catalogue, consent, Meta's per-user marketing limit.
            message = new BusinessMessages(ctx, () -> { }).resolve(c, route.channel(), conversation.customer(),
                    request);
        } catch (SendRefusedException no) {
            refuse(c, conversation, request, no.getMessage() + " [" + no.code() + "]", key, now);
            return Optional.empty();
        }
        Quote quote;
        try {
            quote = Outbound.quote(c, ctx, conversation, message, now);
        } catch (PricingException e) {
            // A number no customer wrote from (typed on the ticket): the agents can correct it.
            refuse(c, conversation, request, e.getMessage() + " [" + e.code() + "]", key, now);
            return Optional.empty();
        }
        if (!quote.allowed()) {
            refuse(c, conversation, request, quote.refusal().orElse("refused by the pricing rules") + " [not_allowed]",
                    key, now);
            return Optional.empty();
        }
        Money fee = Outbound.channelFee(ctx, conversation, quote);
        Optional<String> over = Outbound.overBudget(c, route, quote, fee, 1, now);
        if (over.isPresent()) {
            Notices.enqueue(c, ctx, conversation, AgentNotice.Kind.REPLY_REFUSED_BUDGET, over.get()
                    + " The template '" + request.name() + "' was not sent [budget_exhausted].", Optional.of(quote),
                    key, now);
            return Optional.empty();
        }
        // Named as the agent named it: a Twilio template is sent by its Content SID, which agents never see.
        return Optional.of(new Ready(conversation, request.name(), message, quote, fee, key));
    }

    private void refuse(Connection c, Conversation conversation, TemplateRequest request, String why, String key,
            Instant now) throws SQLException {
        Notices.enqueue(c, ctx, conversation, AgentNotice.Kind.TEMPLATE_REFUSED, "Template '" + request.name()
                + "' not sent: " + why + ".", Optional.empty(), key, now);
    }
}
