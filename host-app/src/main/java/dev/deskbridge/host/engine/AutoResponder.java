package dev.deskbridge.host.engine;

import dev.deskbridge.connector.api.model.AgentNotice;
import dev.deskbridge.connector.api.model.InboundMessage;
import dev.deskbridge.connector.api.model.MessageContent;
import dev.deskbridge.connector.api.model.OutboundMessage;
import dev.deskbridge.connector.api.pricing.Money;
import dev.deskbridge.connector.api.pricing.Quote;
import dev.deskbridge.host.config.RouteConfig;
import dev.deskbridge.host.config.answering.AutoReplies;
import dev.deskbridge.host.config.answering.BusinessHours;
import dev.deskbridge.host.config.answering.KeywordRule;
import dev.deskbridge.host.store.Conversation;
import dev.deskbridge.host.store.Jdbc;
import dev.deskbridge.host.templates.TemplateCheckResult;
import dev.deskbridge.host.templates.TemplateRefusal;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides a route's automatic answer to a customer message, in the transaction that stores the
 * message, and queues it like any reply (quoted, budgeted, on the ledger). Its outbox key is
 * derived from the customer message's event id, so a repeated decision queues nothing more. A
 * template answer is first checked against the channel's catalogue, as an agent's template is.
 *
 * <p>Loops are cut by identity and by time, never by reading the text: at most one automatic
 * message per conversation per {@code min_interval}; none to a message quoting one of ours; none
 * to a number this host itself answers as a business (its own echo, or a second channel of ours).
 */
final class AutoResponder {
    static final String SOURCE = "auto";
    static final String PURPOSE = EngineEvent.Purpose.AUTO_REPLY.name();
    private static final Logger LOG = LoggerFactory.getLogger(AutoResponder.class);

    private AutoResponder() {}

    /** The answer chosen and why ({@code keyword}, {@code away}, {@code greeting}). */
    record Choice(String rule, OutboundMessage message) {}

    /**
     * @param before the conversation as it was before this message (new when it had no customer message)
     * @param message the customer message, just stored for the first time
     */
    static void decide(Connection c, EngineContext ctx, RouteConfig route, Conversation before, Conversation after,
            InboundMessage message, Instant now) throws SQLException {
        Optional<AutoReplies> auto = route.answering().autoReplies();
        if (auto.isEmpty()) {
            return;
        }
        Optional<Choice> choice = choose(auto.get(), route.answering().hours(), message,
                before.lastCustomerMessageAt().isEmpty());
        if (choice.isEmpty() || !mayAnswer(c, after, message, auto.get(), now)) {
            return;
        }
        String key = SOURCE + ":" + message.eventId();
        Optional<OutboundMessage> out = checked(c, ctx, route, after, choice.get(), key, now);
        if (out.isEmpty()) {
            return;
        }
        Optional<Quote> priced = Outbound.quoteIfPriced(c, ctx, after, out.get(), now,
                "automatic " + choice.get().rule() + " answer");
        if (priced.isEmpty()) {
            return;
        }
        Quote quote = priced.get();
        if (!quote.allowed()) {
            LOG.warn("automatic {} answer in conversation {} not sent: {}", choice.get().rule(), after.id(),
                    quote.refusal().orElse("refused by the rules"));
            return;
        }
        Money fee = Outbound.channelFee(ctx, after, quote);
        Optional<String> over = Outbound.overBudget(c, route, quote, fee, 1, now);
        if (over.isPresent()) {
            Notices.enqueue(c, ctx, after, AgentNotice.Kind.REPLY_REFUSED_BUDGET, "The automatic "
                    + choice.get().rule() + " answer was not sent. " + over.get(), Optional.of(quote), key, now);
            return;
        }
        Outbound.enqueue(c, ctx, after, out.get(), EngineEvent.Purpose.AUTO_REPLY, quote, fee, SOURCE, key,
                Optional.empty(), Optional.of(author(choice.get().rule())), now);
    }

    /**
     * The answer as it may go out: a template goes through the channel's catalogue as an agent's
     * does (approved, in the catalogue's current category, which is quoted), and a marketing one
     * goes to no customer who opted out of marketing. One the catalogue refuses (rejected, paused,
     * gone) is not sent; agents, who would have read that it was, read why it was not instead, in
     * one note under the same key, once per conversation and refusal (RefusedTemplateNotes).
     */
    private static Optional<OutboundMessage> checked(Connection c, EngineContext ctx, RouteConfig route,
            Conversation conversation, Choice choice, String key, Instant now) throws SQLException {
        if (!(choice.message() instanceof OutboundMessage.Template configured)) {
            return Optional.of(choice.message());
        }
        ConfiguredTemplates.Choice current = ConfiguredTemplates.toCustomer(c, ctx, route.channel(),
                conversation.customer(), configured);
        if (current.refusal().isEmpty()) {
            RefusedTemplateNotes.usable(c, conversation.id(), configured);
            return Optional.of(current.message().orElseThrow());
        }
        TemplateCheckResult.Refused no = current.refusal().get();
        if (no.reason() == TemplateRefusal.OPTED_OUT) {
            // The customer's own choice, nothing for agents to mend: left out, as an unpriced answer is.
            LOG.info("automatic {} answer in conversation {} not sent: {} [{}]", choice.rule(), conversation.id(),
                    no.message(), no.reason().code());
            return Optional.empty();
        }
        LOG.warn("automatic {} answer in conversation {} not sent: template {} refused by the catalogue [{}]",
                choice.rule(), conversation.id(), configured.name(), no.reason().code());
        if (RefusedTemplateNotes.tell(c, conversation.id(), configured, no.reason().code(), now)) {
            Notices.enqueue(c, ctx, conversation, AgentNotice.Kind.TEMPLATE_REFUSED, "The automatic " + choice.rule()
                    + " answer was not sent: " + no.message() + " [" + no.reason().code() + "].", Optional.empty(),
                    key, now);
        }
        return Optional.empty();
    }

    /** The rule's name as the message's author: {@code auto-reply (away)}. */
    static String author(String rule) {
        return "auto-reply (" + rule + ")";
    }

    /** The first answer that applies: a keyword rule, else away out of hours, else the greeting of a new conversation. */
    static Optional<Choice> choose(AutoReplies auto, Optional<BusinessHours> hours, InboundMessage message,
            boolean newConversation) {
        if (message.content() instanceof MessageContent.Text text) {
            Optional<KeywordRule> rule = auto.keyword(text.body());
            if (rule.isPresent()) {
                return Optional.of(new Choice("keyword", rule.get().reply()));
            }
        }
        if (auto.away().isPresent() && hours.isPresent() && !hours.get().isOpen(message.sentAt())) {
            return Optional.of(new Choice("away", auto.away().get()));
        }
        if (auto.greeting().isPresent() && newConversation) {
            return Optional.of(new Choice("greeting", auto.greeting().get()));
        }
        return Optional.empty();
    }

    private static boolean mayAnswer(Connection c, Conversation conversation, InboundMessage message,
            AutoReplies auto, Instant now) throws SQLException {
        if (message.customer().equals(message.business())
                || Jdbc.queryOne(c, "SELECT 1 FROM conversations WHERE business = ? FETCH FIRST 1 ROWS ONLY",
                        rs -> 1, message.customer().e164()).isPresent()) {
            return false;
        }
        if (message.inReplyTo().isPresent() && Jdbc.queryOne(c, "SELECT 1 FROM message_keys k JOIN messages m ON "
                + "m.id = k.message_id WHERE k.provider_message_id = ? AND m.purpose = ?", rs -> 1,
                message.inReplyTo().get(), PURPOSE).isPresent()) {
            return false;
        }
        Optional<Instant> last = Jdbc.queryOne(c, "SELECT MAX(created_at) AS last FROM messages WHERE "
                + "conversation_id = ? AND direction = 'OUT' AND purpose = ?", rs -> Jdbc.instant(rs, "last"),
                conversation.id().value(), PURPOSE);
        return last.isEmpty() || !last.get().plus(auto.minInterval()).isAfter(now);
    }
}
