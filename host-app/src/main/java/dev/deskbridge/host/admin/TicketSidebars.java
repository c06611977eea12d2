package dev.deskbridge.host.admin;

import dev.deskbridge.connector.api.pricing.Money;
import dev.deskbridge.connector.api.pricing.OutboundKind;
import dev.deskbridge.connector.api.pricing.Quote;
import dev.deskbridge.connector.api.pricing.WindowPhase;
import dev.deskbridge.connector.api.pricing.WindowState;
import dev.deskbridge.connector.api.template.TemplateStatus;
import dev.deskbridge.host.admin.TicketSidebar.Budget;
import dev.deskbridge.host.admin.TicketSidebar.EntryPoint;
import dev.deskbridge.host.admin.TicketSidebar.TemplateOffer;
import dev.deskbridge.host.admin.TicketSidebar.Warning;
import dev.deskbridge.host.config.ReengageTemplate;
import dev.deskbridge.host.config.RouteConfig;
import dev.deskbridge.host.costs.ConnectionUsage;
import dev.deskbridge.host.costs.LedgerQueries;
import dev.deskbridge.host.costs.RouteBudget;
import dev.deskbridge.host.pricing.PricingException;
import dev.deskbridge.host.pricing.PricingRules;
import dev.deskbridge.host.pricing.QuoteRequest;
import dev.deskbridge.host.store.Conversation;
import dev.deskbridge.host.store.ConversationStore;
import dev.deskbridge.host.store.Database;
import dev.deskbridge.host.templates.CatalogueTemplate;
import dev.deskbridge.host.templates.TemplateCatalogue;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Builds a {@link TicketSidebar} from the engine's tables: the conversation is found by its ticket,
 * prices come from the host's pricing rules with this month's counters (the engine's own quote), and
 * the rest from the admin read model, so the sidebar and the dashboard never disagree.
 */
public final class TicketSidebars {
    /** How many of the latest messages the sidebar shows. */
    public static final int LAST_MESSAGES = 5;
    /** The share of a route's monthly budget from which agents are warned. */
    static final BigDecimal BUDGET_WARNING_SHARE = new BigDecimal("0.8");
    /** WhatsApp's error for a customer who stopped marketing messages from the business. */
    static final String MARKETING_OPT_OUT_ERROR = "131050";

    private final Database db;
    private final PricingRules pricing;
    private final List<RouteConfig> routes;
    private final AdminQueries queries;
    private final Currency currency;
    private final TemplateCatalogue catalogue;
    private final Function<String, Optional<Money>> channelFees;
    private final ConversationStore conversations = new ConversationStore();

    /**
     * @param routes the configured routes: budgets and re-engagement templates
     * @param queries the admin read model over the same database (phase, cost so far, messages)
     * @param currency the engine's currency, the one prices are refused in when the rules cannot say
     * @param catalogue the channels' synced templates: the approved ones are offered beside the route's
     * @param channelFees a channel's own fee per message by its id (Twilio's), which a budget counts as the
     *     engine does
     */
    public TicketSidebars(Database db, PricingRules pricing, List<RouteConfig> routes, AdminQueries queries,
            Currency currency, TemplateCatalogue catalogue, Function<String, Optional<Money>> channelFees) {
        this.db = Objects.requireNonNull(db, "db");
        this.pricing = Objects.requireNonNull(pricing, "pricing");
        this.routes = List.copyOf(Objects.requireNonNull(routes, "routes"));
        this.queries = Objects.requireNonNull(queries, "queries");
        this.currency = Objects.requireNonNull(currency, "currency");
        this.catalogue = Objects.requireNonNull(catalogue, "catalogue");
        this.channelFees = Objects.requireNonNull(channelFees, "channelFees");
    }

    /** The sidebar of a ticket of a CRM instance at {@code asOf}; empty when no conversation carries that ticket. */
    public Optional<TicketSidebar> forTicket(String crm, String ticketId, Instant asOf) {
        Objects.requireNonNull(crm, "crm");
        Objects.requireNonNull(ticketId, "ticketId");
        Objects.requireNonNull(asOf, "asOf");
        Optional<Priced> found = db.inTransaction(c -> {
            Optional<Conversation> conversation = conversations.findByTicket(c, crm, ticketId);
            return conversation.isEmpty() ? Optional.<Priced>empty() : Optional.of(price(c, conversation.get(), asOf));
        });
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Priced p = found.get();
        Conversation conversation = p.conversation;
        Optional<ConversationSummary> summary = queries.conversation(conversation.id(), asOf);
        List<MessageView> messages = queries.messages(conversation.id()).orElse(List.of());
        if (summary.isEmpty()) {
            return Optional.empty();
        }
        WindowPhase phase = summary.get().phase();
        List<Warning> warnings = warnings(phase, summary.get(), p, messages);
        List<TemplateOffer> templates = phase == WindowPhase.CLOSED ? p.templates : List.of();
        return Optional.of(new TicketSidebar(asOf, crm, ticketId, conversation.id(), conversation.channelId(),
                conversation.customer(), phase,
                phase == WindowPhase.CLOSED ? Optional.empty() : summary.get().windowClosesAt(),
                entryPoint(conversation.window(), asOf), p.reply, summary.get().costSoFar(), p.budget,
                messages.subList(Math.max(0, messages.size() - LAST_MESSAGES), messages.size()), warnings,
                templates));
    }

    /** The quotes and the budget, read in one transaction so the month's counters agree. */
    private Priced price(Connection c, Conversation conversation, Instant asOf) throws SQLException {
        Quote reply = quote(c, conversation, OutboundKind.FREEFORM, Optional.empty(), asOf);
        Optional<RouteConfig> route = routes.stream()
                .filter(r -> r.channel().equals(conversation.channelId()) && r.crm().equals(conversation.crmId()))
                .findFirst();
        List<TemplateOffer> templates = new ArrayList<>();
        Optional<ReengageTemplate> reengage = route.flatMap(RouteConfig::reengageTemplate);
        if (reengage.isPresent()) {
            templates.add(offer(c, conversation, reengage.get(), asOf));
        }
        for (CatalogueTemplate t : catalogue.list(c, Optional.of(conversation.channelId()))) {
            boolean offered = templates.stream()
                    .anyMatch(o -> o.name().equals(t.name()) && o.language().equals(t.language()));
            if (!offered && t.status() == TemplateStatus.APPROVED && t.category().isPresent()) {
                templates.add(new TemplateOffer(t.name(), t.language(), t.category().get(),
                        quote(c, conversation, OutboundKind.TEMPLATE, t.category(), asOf), "catalogue",
                        t.definition().bodyParameters()));
            }
        }
        Optional<Budget> budget = Optional.empty();
        if (route.isPresent() && route.get().monthlyBudget().isPresent()) {
            Money limit = route.get().monthlyBudget().get();
            YearMonth month = YearMonth.from(asOf.atZone(ZoneOffset.UTC));
            budget = Optional.of(new Budget(month, limit, LedgerQueries.routeSpend(c, month, conversation.channelId(),
                    conversation.crmId(), limit.currency())));
        }
        Optional<Budget> spent = budget;
        Optional<Money> fee = channelFees.apply(conversation.channelId());
        return new Priced(conversation, withinBudget(reply, fee, spent),
                templates.stream().map(t -> new TemplateOffer(t.name(), t.language(), t.category(),
                        withinBudget(t.quote(), fee, spent), t.source(), t.parameters())).toList(), budget);
    }

    /**
     * The quote as the engine would answer it: a billed message the route's budget cannot take is
     * refused ({@code budget_exhausted}), as the engine refuses it, its price kept so agents see why.
     */
    private static Quote withinBudget(Quote q, Optional<Money> channelFee, Optional<Budget> budget) {
        if (!q.allowed() || budget.isEmpty() || RouteBudget.over(budget.get().limit(), budget.get().spent(),
                q.price().plus(channelFee.orElse(Money.zero(q.price().currency()))), 1).isEmpty()) {
            return q;
        }
        return new Quote(false, Optional.of("budget_exhausted"), q.billable(), q.category(), q.type(), q.market(),
                q.price(), q.schedule());
    }

    private TemplateOffer offer(Connection c, Conversation conversation, ReengageTemplate t, Instant asOf)
            throws SQLException {
        List<String> parameters = catalogue.find(c, conversation.channelId(), t.name(), t.language())
                .map(found -> found.definition().bodyParameters()).orElse(List.of());
        return new TemplateOffer(t.name(), t.language(), t.category(),
                quote(c, conversation, OutboundKind.TEMPLATE, Optional.of(t.category()), asOf), "route", parameters);
    }

    /** The engine's question to the rules; a rule that cannot answer is a refusal carrying its code. */
    private Quote quote(Connection c, Conversation conversation, OutboundKind kind,
            Optional<dev.deskbridge.connector.api.pricing.TemplateCategory> category, Instant asOf) {
        try {
            return pricing.quote(new QuoteRequest(conversation.window(), kind, category, asOf, conversation.business(),
                    conversation.customer(), new ConnectionUsage(c)));
        } catch (PricingException e) {
            return Quote.refused(e.code(), Money.zero(currency));
        }
    }

    private static Optional<EntryPoint> entryPoint(WindowState window, Instant asOf) {
        if (window.pendingEntryPointAt().isEmpty() && window.freeEntryPointUntil().isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new EntryPoint(window.pendingEntryPointAt(), window.freeEntryPointFrom(),
                window.freeEntryPointUntil(), window.freeEntryPointOpenAt(asOf)));
    }

    private static List<Warning> warnings(WindowPhase phase, ConversationSummary summary, Priced p,
            List<MessageView> messages) {
        List<Warning> out = new ArrayList<>();
        if (phase == WindowPhase.CLOSING) {
            out.add(new Warning(Warning.Code.CLOSING_SOON, "The customer service window closes at "
                    + summary.windowClosesAt().orElseThrow() + "; answer before then and the reply goes out as a "
                    + "free-form message."));
        }
        p.budget.ifPresent(b -> {
            Money threshold = new Money(b.limit().amount().multiply(BUDGET_WARNING_SHARE), b.limit().currency());
            if (b.spent().compareTo(threshold) >= 0) {
                out.add(new Warning(Warning.Code.BUDGET_LOW, "This route has spent " + b.spent() + " of its "
                        + b.limit() + " budget for " + b.month() + "; " + (b.left().amount().signum() > 0
                                ? b.left() + " is left." : "nothing is left, so paid messages are refused.")));
            }
        });
        if (optedOut(messages)) {
            out.add(new Warning(Warning.Code.OPTED_OUT, "WhatsApp reported that this customer stopped marketing "
                    + "messages from this business (error " + MARKETING_OPT_OUT_ERROR + "); marketing templates will "
                    + "not be delivered."));
        }
        return out;
    }

    /** Whether the latest outbound message failed with WhatsApp's marketing opt-out error. */
    private static boolean optedOut(List<MessageView> messages) {
        for (int i = messages.size() - 1; i >= 0; i--) {
            MessageView m = messages.get(i);
            if (m.direction() == MessageDirection.OUTBOUND && !m.id().startsWith("held-")) {
                return m.currentStatus().filter(s -> s.status().equals("failed"))
                        .flatMap(StatusChange::detail)
                        .filter(d -> d.equals(MARKETING_OPT_OUT_ERROR) || d.startsWith(MARKETING_OPT_OUT_ERROR + " "))
                        .isPresent();
            }
        }
        return false;
    }

    /** What was read under one transaction. */
    private record Priced(Conversation conversation, Quote reply, List<TemplateOffer> templates,
            Optional<Budget> budget) {}
}
