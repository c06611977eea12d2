package dev.deskbridge.host.engine;

import dev.deskbridge.host.config.RouteConfig;
import dev.deskbridge.connector.api.error.PermanentException;
import dev.deskbridge.connector.api.error.RetryableException;
import dev.deskbridge.connector.api.model.AgentNotice;
import dev.deskbridge.connector.api.model.AgentReply;
import dev.deskbridge.connector.api.model.MediaKind;
import dev.deskbridge.connector.api.model.MediaLink;
import dev.deskbridge.connector.api.model.OutboundMessage;
import dev.deskbridge.connector.api.pricing.Money;
import dev.deskbridge.connector.api.pricing.Quote;
import dev.deskbridge.host.pricing.PricingException;
import dev.deskbridge.host.store.Conversation;
import dev.deskbridge.host.store.QueueItem;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * An agent answered: inside the window the reply is quoted, checked against the route's budget and
 * queued; outside it, the route's policy decides (hold the reply and re-engage with a template, or
 * refuse). Everything is decided and recorded in one transaction, notes for agents included, so
 * running it again changes nothing.
 */
final class AgentReplyHandler {
    /** WhatsApp's supported media types (Cloud API, "Supported media types"), but for documents and stickers. */
    private static final Map<String, MediaKind> PLAYED = Map.ofEntries(
            Map.entry("image/jpeg", MediaKind.IMAGE), Map.entry("image/png", MediaKind.IMAGE),
            Map.entry("video/mp4", MediaKind.VIDEO), Map.entry("video/3gpp", MediaKind.VIDEO),
            Map.entry("audio/aac", MediaKind.AUDIO), Map.entry("audio/amr", MediaKind.AUDIO),
            Map.entry("audio/mpeg", MediaKind.AUDIO), Map.entry("audio/mp4", MediaKind.AUDIO),
            Map.entry("audio/ogg", MediaKind.AUDIO));

    private final EngineContext ctx;
    private final AgentTemplateHandler templates;

    /** How a reply finds its conversation (shared with the template path). */
    @FunctionalInterface
    interface ConversationFinder {
        Conversation find(Connection c, String crmId, AgentReply reply) throws SQLException;
    }

    /** The most messages one reply is sent as (40,960 characters on WhatsApp's 4,096 a message). */
    static final int MAX_PARTS = 10;

    AgentReplyHandler(EngineContext ctx) {
        this.ctx = ctx;
        this.templates = new AgentTemplateHandler(ctx);
    }

    void handle(QueueItem item, EngineEvent.AgentReplied event, Completion done) {
        if (event.reply().template().isPresent() || event.reply().templateError().isPresent()) {
            templates.handle(item, event, done, this::find);
            return;
        }
        try {
            ctx.db().inTransactionDo(c -> {
                decide(c, item.sourceId(), event.crmId(), event.reply());
                done.in(c);
            });
        } catch (PricingException e) {
            // The rate card cannot price it (a date before its rows, say): the agents are told, and the
            // item still becomes a dead letter, for an operator to replay once the card is corrected.
            ctx.db().inTransactionDo(c -> refuseUnpriced(c, item.sourceId(), event, e));
            throw e;
        }
    }

    /** Tells the ticket a reply the pricing rules cannot price was not sent (once per reply). */
    private void refuseUnpriced(Connection c, String sourceId, EngineEvent.AgentReplied event, PricingException e)
            throws SQLException {
        Conversation conversation = find(c, event.crmId(), event.reply());
        String key = sourceId + ":" + event.reply().eventId();
        // Keyed apart from the reply's own notes, so a replay that succeeds still tells what it did.
        Notices.enqueue(c, ctx, conversation, AgentNotice.Kind.REPLY_REFUSED_POLICY, "Not sent: DeskBridge cannot "
                + "price this reply: " + unpriced(e) + "; " + e.getMessage() + " [" + e.code() + "]. Nothing was "
                + "sent to the customer. The reply is kept as a dead letter: once the rate card is corrected, an "
                + "administrator can replay it.", Optional.empty(), "unpriced:" + key, ctx.clock().instant());
    }

    /** Why the rules could not price a message, in an agent's words. */
    static String unpriced(PricingException e) {
        return switch (e.code()) {
            case "no_rate" -> "no rate is known for the customer's market at this date";
            case "no_schedule" -> "no pricing schedule covers this date";
            default -> "the pricing rules cannot price it";
        };
    }

    /** Whether the reply can be decided where its webhook is read (not a template command: those have their own path). */
    static boolean decidableWhereRead(AgentReply reply) {
        return reply.template().isEmpty() && reply.templateError().isEmpty();
    }

    /**
     * Decides the reply queued as item {@code sourceId}/{@code reply.eventId()} in the caller's
     * transaction, as {@link #handle} would when that item runs.
     */
    void decide(Connection c, String sourceId, String crmId, AgentReply reply) throws SQLException {
        Conversation conversation = find(c, crmId, reply);
        RouteConfig route = ctx.routes().of(conversation.channelId(), conversation.crmId())
                .orElseThrow(() -> new PermanentException("no route carries channel '" + conversation.channelId()
                        + "' to crm '" + conversation.crmId() + "'"));
        Instant now = ctx.clock().instant();
        String key = sourceId + ":" + reply.eventId();
        int maxText = ctx.sessions().channel(conversation.channelId()).maxTextLength();
        List<String> parts = reply.text().isBlank() ? List.of() : TextParts.split(reply.text(), maxText);
        if (parts.size() > MAX_PARTS) {
            // Each part is billed: a pasted manual would be dozens of messages nobody meant to pay for.
            Notices.enqueue(c, ctx, conversation, AgentNotice.Kind.REPLY_REFUSED_POLICY, "Not sent: "
                    + tooLong(reply, maxText) + " it would go out as " + parts.size() + " messages, and DeskBridge "
                    + "sends a reply in at most " + MAX_PARTS + ". Shorten it, or attach the text as a document.",
                    Optional.empty(), key, now);
            return;
        }
        List<OutboundMessage> messages = messages(parts, reply.attachments());

        Quote quote;
        try {
            quote = Outbound.quote(c, ctx, conversation, messages.get(0), now);
        } catch (PricingException e) {
            if (!"invalid_number".equals(e.code())) {
                throw e;
            }
            // Only a number no customer wrote from gets here (one that did is priced by its calling
            // code): it was typed somewhere, and the agents are the ones who can correct it.
            Notices.enqueue(c, ctx, conversation, AgentNotice.Kind.REPLY_REFUSED_POLICY, "Not sent: "
                    + conversation.customer() + " is not a valid phone number and no customer has written from it ("
                    + e.getMessage() + "). Check the number on the ticket.", Optional.empty(), key, now);
            return;
        }
        if (quote.allowed()) {
            Money fee = Outbound.channelFee(ctx, conversation, quote);
            Optional<String> over = Outbound.overBudget(c, route, quote, fee, messages.size(), now);
            if (over.isPresent()) {
                Notices.enqueue(c, ctx, conversation, AgentNotice.Kind.REPLY_REFUSED_BUDGET, over.get(),
                        Optional.of(quote), key, now);
                return;
            }
            for (int i = 0; i < messages.size(); i++) {
                Outbound.enqueue(c, ctx, conversation, messages.get(i), EngineEvent.Purpose.REPLY, quote, fee,
                        sourceId, reply.eventId() + "#" + i, Optional.of(key), Optional.of(reply.author()),
                        now);
            }
            ctx.conversations().agentAnswered(c, conversation.id(), now);
            if (parts.size() > 1) {
                Notices.enqueue(c, ctx, conversation, AgentNotice.Kind.REPLY_SPLIT, tooLong(reply, maxText)
                        + " it goes out as " + parts.size() + " messages, in order; " + each(quote, fee) + ".",
                        Optional.empty(), key, now);
            }
            return;
        }
        boolean held = ClosedWindowPolicy.apply(c, ctx, route, conversation, messages, reply.author(), key, key,
                ClosedWindowPolicy.closed(conversation), now);
        if (held && parts.size() > 1) {
            Notices.enqueue(c, ctx, conversation, AgentNotice.Kind.REPLY_SPLIT, tooLong(reply, maxText)
                    + " it will go out as " + parts.size() + " messages, in order, once the customer answers; each"
                    + " is priced and counted against the route's budget as one message.", Optional.empty(), key, now);
        }
    }

    /** "Your reply has 9000 characters, more than this channel takes in one message (4096), so" */
    private static String tooLong(AgentReply reply, int maxText) {
        return "Your reply has " + reply.text().length() + " characters, more than this channel takes in one message ("
                + maxText + "), so";
    }

    /** What each part costs, as the budget counted it. */
    private static String each(Quote quote, Money fee) {
        Money price = quote.price().plus(fee);
        return price.isZero() ? "each is free" : "each is priced and counted against the route's budget as one message ("
                + price + " each)";
    }

    private Conversation find(Connection c, String crmId, AgentReply reply) throws SQLException {
        Optional<Conversation> found = reply.conversation().isPresent()
                ? ctx.conversations().findById(c, reply.conversation().get(), true)
                : Optional.empty();
        if (found.isEmpty()) {
            found = ctx.conversations().findByTicket(c, crmId, reply.ticket().id());
            if (found.isPresent()) {
                found = ctx.conversations().findById(c, found.get().id(), true);
            }
        }
        // A reply can overtake the customer message that makes its ticket known (that message is
        // still in backoff): it waits with the usual retries; the dead letter says why if none helps.
        return found.orElseThrow(() -> new RetryableException("no conversation known for ticket '"
                + reply.ticket().id() + "' of crm '" + crmId + "'"
                + reply.conversation().map(id -> " (conversation " + id + ")").orElse("")
                + " yet: the customer message that creates it may still be on its way; the reply waits for it, or"
                + " the ticket is not one DeskBridge made", null, null));
    }

    /**
     * The reply as messages: its text's parts in order, then each attachment as media by link. A file
     * name goes only with a document: WhatsApp carries none on a photo, a video or a voice note, and
     * refuses a message that names one.
     */
    static List<OutboundMessage> messages(List<String> textParts, List<MediaLink> attachments) {
        List<OutboundMessage> out = new ArrayList<>();
        textParts.forEach(part -> out.add(new OutboundMessage.Text(part, true)));
        for (MediaLink link : attachments) {
            MediaKind kind = mediaKind(link.mimeType().orElse(""));
            out.add(OutboundMessage.Media.byLink(kind, link.url(), Optional.empty(),
                    Optional.of(link.filename()).filter(name -> kind == MediaKind.DOCUMENT)));
        }
        return out;
    }

    /**
     * The kind WhatsApp sends a file of this type as. Only the types WhatsApp plays as a photo, video
     * or audio are sent so; any other file (a GIF, a WebP, an SVG, a WAV) goes as a document, which
     * takes every type, rather than be refused by Meta.
     */
    static MediaKind mediaKind(String mimeType) {
        String type = mimeType.toLowerCase(Locale.ROOT);
        int parameters = type.indexOf(';');
        type = (parameters < 0 ? type : type.substring(0, parameters)).strip();
        if (PLAYED.containsKey(type)) {
            return PLAYED.get(type);
        }
        return MediaKind.DOCUMENT;
    }
}
