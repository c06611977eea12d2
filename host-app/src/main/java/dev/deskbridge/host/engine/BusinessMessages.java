package dev.deskbridge.host.engine;

import dev.deskbridge.connector.api.ChannelSession;
import dev.deskbridge.connector.api.CrmCapability;
import dev.deskbridge.connector.api.model.AgentNotice;
import dev.deskbridge.connector.api.model.ConversationId;
import dev.deskbridge.connector.api.model.OutboundMessage;
import dev.deskbridge.connector.api.model.PhoneNumber;
import dev.deskbridge.connector.api.model.TemplateRequest;
import dev.deskbridge.connector.api.pricing.TemplateCategory;
import dev.deskbridge.host.consent.ConsentRegistry;
import dev.deskbridge.host.templates.TemplateCheck;
import dev.deskbridge.host.templates.TemplateCheckResult;
import dev.deskbridge.connector.api.model.TicketRef;
import dev.deskbridge.connector.api.pricing.Money;
import dev.deskbridge.connector.api.pricing.Quote;
import dev.deskbridge.host.config.RouteConfig;
import dev.deskbridge.host.costs.LedgerQueries;
import dev.deskbridge.host.pricing.Amounts;
import dev.deskbridge.host.pricing.PricingException;
import dev.deskbridge.host.store.BusinessMessageStore;
import dev.deskbridge.host.store.Conversation;
import dev.deskbridge.host.store.LedgerEntry;
import dev.deskbridge.host.store.NewQueueItem;
import dev.deskbridge.host.store.StoredMessage;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

// size: the one place a business-started send is decided in one transaction (route, template check, consent,
// quote, budget, queue); the nested records are its answers, read by the API and the campaigns.
/**
 * Templates the business starts a conversation with. A request is decided and stored in one
 * transaction (conversation, quote, budget, outbox item, the ticket's work, the answer) and the
 * outbox sends it later: nothing is sent from the request. A client's idempotency key is the outbox
 * item's identity, so the same key queues one send, and its stored answer is given again.
 */
public final class BusinessMessages {
    /** The outbox source of these sends. */
    public static final String SOURCE = "api";

    /** How long a customer gets no marketing template after Meta's per-user marketing limit refused one. */
    static final Duration MARKETING_LIMIT_PAUSE = Duration.ofHours(24);

    private final EngineContext ctx;
    private final Runnable wake;
    private final BusinessMessageStore store = new BusinessMessageStore();
    private final RouteChoice routes;

    BusinessMessages(EngineContext ctx, Runnable wake) {
        this.ctx = Objects.requireNonNull(ctx, "ctx");
        this.wake = Objects.requireNonNull(wake, "wake");
        this.routes = new RouteChoice(ctx);
    }

    /** The route's monthly budget after this message: the budget, what is spent (this message included), what is left. */
    public record Budget(Money monthly, Money spent, Money left) {
        public Budget {
            Objects.requireNonNull(monthly, "monthly");
            Objects.requireNonNull(spent, "spent");
            Objects.requireNonNull(left, "left");
        }
    }

    /** A request taken: the message is queued. */
    public record Accepted(long messageId, ConversationId conversationId, String channelId, String crmId,
            PhoneNumber customer, OutboundMessage.Template template, Quote quote, Money channelFee,
            Optional<Budget> budget, TicketMode ticket, Optional<String> idempotencyKey,
            Optional<String> orderReference) {
        public Accepted {
            Objects.requireNonNull(conversationId, "conversationId");
            Objects.requireNonNull(channelId, "channelId");
            Objects.requireNonNull(crmId, "crmId");
            Objects.requireNonNull(customer, "customer");
            Objects.requireNonNull(template, "template");
            Objects.requireNonNull(quote, "quote");
            Objects.requireNonNull(channelFee, "channelFee");
            Objects.requireNonNull(budget, "budget");
            Objects.requireNonNull(ticket, "ticket");
            Objects.requireNonNull(idempotencyKey, "idempotencyKey");
            Objects.requireNonNull(orderReference, "orderReference");
        }
    }

    /**
     * The answer to a request: {@code json} as first given; {@code replayed} when an earlier
     * request with the same key was accepted and this one changed nothing.
     */
    public record Answer(String json, boolean replayed) {
        public Answer {
            Objects.requireNonNull(json, "json");
        }
    }

    /** A business message as it stands: its delivery and its cost. */
    public record State(StoredMessage message, List<String> statusHistory, Optional<LedgerEntry> cost,
            Optional<TicketRef> ticket) {
        public State {
            Objects.requireNonNull(message, "message");
            statusHistory = List.copyOf(statusHistory);
            Objects.requireNonNull(cost, "cost");
            Objects.requireNonNull(ticket, "ticket");
        }
    }

    /**
     * Decides and stores the send, or refuses it.
     *
     * @param render the answer's JSON, stored with the request so a repeat with its key gets it again
     * @throws SendRefusedException when it may not be sent; nothing is stored then
     */
    public Answer submit(BusinessSend send, Function<Accepted, String> render) {
        Answer answer = ctx.db().inTransaction(c -> {
            if (send.idempotencyKey().isPresent()) {
                Optional<String> earlier = store.answerForKey(c, send.idempotencyKey().get());
                if (earlier.isPresent()) {
                    return new Answer(earlier.get(), true);
                }
            }
            // After the replay: a repeat gets its first answer even when the customer's conversations changed.
            RouteConfig route = routes.of(c, send.route(), send.customer(), RouteChoice.ANY_CONVERSATION);
            PhoneNumber business = businessNumber(route);
            if (send.ticket() != TicketMode.NONE
                    && !ctx.sessions().crm(route.crm()).capabilities().contains(CrmCapability.BUSINESS_TICKETS)) {
                throw new SendRefusedException("ticket_mode_unsupported", 422, "crm '" + route.crm()
                        + "' cannot open a ticket for a message the business starts; use ticket 'none'");
            }
            OutboundMessage.Template template = resolve(c, route.channel(), send.customer(), send.template());
            return new Answer(decide(c, send, template, route, business, render), false);
        });
        if (!answer.replayed()) {
            wake.run();
        }
        return answer;
    }

    /**
     * Checks a template request against the channel's catalogue (the category is the catalogue's
     * current one) and the customer's consent: a marketing template goes to no one who opted out,
     * nor to a customer Meta's per-user marketing limit (131049) stopped within the last day.
     *
     * @throws SendRefusedException with the catalogue's or the consent's reason code
     */
    public OutboundMessage.Template resolve(Connection c, String channelId, PhoneNumber customer,
            TemplateRequest request) throws SQLException {
        TemplateCheckResult result = new TemplateCheck(ctx.templates()).check(c, channelId, request);
        if (result instanceof TemplateCheckResult.Refused refused) {
            throw new SendRefusedException(refused.reason().code(), 422, refused.message());
        }
        OutboundMessage.Template template = ((TemplateCheckResult.Resolved) result).message();
        Optional<String> optedOut = ctx.consent().refusal(c, channelId, customer, template.category());
        if (optedOut.isPresent()) {
            throw new SendRefusedException(ConsentRegistry.OPTED_OUT, 403, optedOut.get());
        }
        if (template.category() == TemplateCategory.MARKETING && ctx.consent().marketingLimitsSince(c, channelId,
                customer, ctx.clock().instant().minus(MARKETING_LIMIT_PAUSE)) > 0) {
            throw new SendRefusedException("marketing_limit", 403, "Meta's per-user marketing limit (131049) refused "
                    + "a marketing template to this customer within the last " + MARKETING_LIMIT_PAUSE.toHours()
                    + " h; it is not tried again before then");
        }
        return template;
    }

    private String decide(Connection c, BusinessSend send, OutboundMessage.Template template, RouteConfig route,
            PhoneNumber business, Function<Accepted, String> render) throws SQLException {
        Instant now = ctx.clock().instant();
        String eventId = send.idempotencyKey().map(k -> "key:" + k).orElseGet(() -> "id:" + UUID.randomUUID());
        Optional<Queued> queued = queue(c, route, business, send.customer(), template, send.ticket(),
                send.orderReference(), SOURCE, eventId, now);
        if (queued.isEmpty()) {
            // Another request with this key is being decided right now; its answer is not stored yet.
            throw new SendRefusedException("idempotency_key_in_use", 409, "a request with this idempotency key is "
                    + "being handled; repeat it to get its answer");
        }
        Queued q = queued.get();
        Accepted accepted = new Accepted(q.messageId(), q.conversationId(), route.channel(), route.crm(),
                send.customer(), template, q.quote(), q.channelFee(), budget(c, route, now), send.ticket(),
                send.idempotencyKey(), send.orderReference());
        String json = render.apply(accepted);
        if (!store.insert(c, q.messageId(), send.idempotencyKey(), q.conversationId().value(),
                send.ticket().wireName(), template.name(), template.language(), send.orderReference(),
                json, now)) {
            throw new SendRefusedException("idempotency_key_in_use", 409, "a request with this idempotency key is "
                    + "being handled; repeat it to get its answer");
        }
        return json;
    }

    /** One send decided and queued: its message row, conversation and quote. */
    public record Queued(long messageId, ConversationId conversationId, Quote quote, Money channelFee) {
        public Queued {
            Objects.requireNonNull(conversationId, "conversationId");
            Objects.requireNonNull(quote, "quote");
            Objects.requireNonNull(channelFee, "channelFee");
        }
    }

    /**
     * Inside the caller's transaction: finds or starts the customer's conversation on the route,
     * quotes the template, checks the budget and queues the send under its identity
     * ({@code sourceId}, {@code eventId}), with the ticket's work when the mode asks for it.
     *
     * @return the queued send; empty when a send with this identity was queued before
     * @throws SendRefusedException when it may not be sent (the caller rolls back)
     */
    public Optional<Queued> queue(Connection c, RouteConfig route, PhoneNumber business, PhoneNumber customer,
            OutboundMessage.Template template, TicketMode mode, Optional<String> orderReference, String sourceId,
            String eventId, Instant now) throws SQLException {
        Conversation conversation = ctx.conversations().findOrCreate(c, business, customer, Optional.empty(),
                route.channel(), route.crm(), now);
        if (!conversation.crmId().equals(route.crm()) || !conversation.channelId().equals(route.channel())) {
            throw new SendRefusedException("route_conflict", 409, "this customer's conversation is carried by crm '"
                    + conversation.crmId() + "', not '" + route.crm() + "'");
        }
        Quote quote = quote(c, conversation, template, now);
        Money fee = Outbound.channelFee(ctx, conversation, quote);
        Optional<String> over = Outbound.overBudget(c, route, quote, fee, 1, now);
        if (over.isPresent()) {
            throw new SendRefusedException("budget_exhausted", 402, over.get());
        }
        Optional<Long> queued = Outbound.enqueue(c, ctx, conversation, template, EngineEvent.Purpose.NOTIFICATION,
                quote, fee, sourceId, eventId, Optional.empty(), Optional.of(sourceId), now);
        if (queued.isEmpty()) {
            return Optional.empty();
        }
        long messageId = queued.get();
        if (mode != TicketMode.NONE) {
            AgentNotice note = new AgentNotice("business:" + messageId, AgentNotice.Kind.BUSINESS_MESSAGE_SENT,
                    noteText(template, quote, fee, orderReference), Optional.of(quote));
            EngineEvent.BusinessTicketDue due = new EngineEvent.BusinessTicketDue(conversation.id().value(), note,
                    "WhatsApp: " + template.name() + orderReference.map(r -> " (" + r + ")").orElse(""),
                    mode == TicketMode.ATTACH);
            ctx.inbox().enqueue(c, new NewQueueItem(Notices.SOURCE, note.id(), due.type(), conversation.partitionKey(),
                    ctx.codec().encode(due), Optional.empty()), now);
        }
        return Optional.of(new Queued(messageId, conversation.id(), quote, fee));
    }

    /**
     * What sending the template to this customer would cost now, without storing anything: the
     * customer's conversation's window when there is one, a new conversation's otherwise.
     *
     * @throws SendRefusedException when the number is invalid or the rules refuse the message
     */
    public Quote preview(Connection c, PhoneNumber business, PhoneNumber customer, OutboundMessage.Template template,
            Instant now) throws SQLException {
        Optional<Conversation> existing = ctx.conversations().findByParties(c, business, customer, false);
        try {
            return existing.isPresent() ? quote(c, existing.get(), template, now)
                    : checked(ctx.pricing().quote(new dev.deskbridge.host.pricing.QuoteRequest(
                            dev.deskbridge.connector.api.pricing.WindowState.NONE,
                            dev.deskbridge.connector.api.pricing.OutboundKind.TEMPLATE, Optional.of(template.category()),
                            now, business, customer, new dev.deskbridge.host.costs.ConnectionUsage(c))));
        } catch (PricingException e) {
            throw refusal(e);
        }
    }

    /** The channel provider's own fee per message of a route's channel (zero in the quote's currency when none). */
    public Money channelFee(String channelId, Quote quote) {
        return ctx.sessions().channel(channelId).channelFeePerMessage().orElse(Money.zero(quote.price().currency()));
    }

    private Quote quote(Connection c, Conversation conversation, OutboundMessage.Template template, Instant now) {
        try {
            return checked(Outbound.quote(c, ctx, conversation, template, now));
        } catch (PricingException e) {
            throw refusal(e);
        }
    }

    private static Quote checked(Quote quote) {
        if (!quote.allowed()) {
            throw new SendRefusedException("not_allowed", 422, "the rules refuse this message: "
                    + quote.refusal().orElse("refused"));
        }
        return quote;
    }

    private static SendRefusedException refusal(PricingException e) {
        return new SendRefusedException("invalid_number".equals(e.code()) ? "invalid_number" : "not_priced", 422,
                e.getMessage());
    }

    /** What agents read on the ticket: the template, its category and what it costs. */
    private static String noteText(OutboundMessage.Template template, Quote quote, Money fee,
            Optional<String> orderReference) {
        Money total = quote.price().plus(fee);
        String cost = quote.billable() && !total.isZero()
                ? "quoted " + Amounts.format(total.amount(), total.currency().getCurrencyCode())
                        + quote.market().map(m -> " (" + m + ")").orElse("")
                : "free" + quote.type().map(t -> " (" + t.wireName() + ")").orElse("");
        return "The business sent the template '" + template.name() + "' (" + template.language() + ", "
                + template.category().wireName() + ")" + orderReference.map(r -> " about order " + r).orElse("")
                + "; " + cost + ". The customer's answer will appear here.";
    }

    /** The number a route's channel sends from. */
    public PhoneNumber businessNumber(RouteConfig route) {
        ChannelSession channel = ctx.sessions().channel(route.channel());
        return channel.businessNumber().orElseThrow(() -> new SendRefusedException("no_business_number", 422,
                "channel '" + route.channel() + "' does not say which business number it sends from"));
    }

    /** The route's monthly budget as it stands now; empty when it has none. */
    public Optional<Budget> budget(RouteConfig route) {
        return ctx.db().inTransaction(c -> budget(c, route, ctx.clock().instant()));
    }

    private Optional<Budget> budget(Connection c, RouteConfig route, Instant now) throws SQLException {
        if (route.monthlyBudget().isEmpty()) {
            return Optional.empty();
        }
        Money monthly = route.monthlyBudget().get();
        Money spent = LedgerQueries.routeSpend(c, YearMonth.from(now.atZone(ZoneOffset.UTC)), route.channel(),
                route.crm(), monthly.currency());
        return Optional.of(new Budget(monthly, spent, new Money(monthly.amount().subtract(spent.amount()),
                monthly.currency())));
    }

    /** How a send's named route is found. */
    public RouteChoice routes() {
        return routes;
    }

    /** A message started through the API, as it stands; empty for any other message id. */
    public Optional<State> state(long messageId) {
        return ctx.db().inTransaction(c -> {
            if (!store.exists(c, messageId)) {
                return Optional.empty();
            }
            StoredMessage message = ctx.messages().findById(c, messageId).orElseThrow();
            Optional<TicketRef> ticket = ctx.conversations().findById(c, message.conversationId(), false)
                    .flatMap(Conversation::ticket);
            return Optional.of(new State(message, ctx.messages().statusHistory(c, messageId),
                    ctx.ledger().findByMessage(c, messageId), ticket));
        });
    }
}
