package dev.deskbridge.host.admin;

import dev.deskbridge.connector.api.model.ConversationId;
import dev.deskbridge.connector.api.model.PhoneNumber;
import dev.deskbridge.connector.api.pricing.Money;
import dev.deskbridge.connector.api.pricing.Quote;
import dev.deskbridge.connector.api.pricing.TemplateCategory;
import dev.deskbridge.connector.api.pricing.WindowPhase;
import java.time.Instant;
import java.time.YearMonth;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What an agent sees beside one CRM ticket: the conversation's window with its closing instant,
 * what a free-form reply would cost now, what the conversation has cost, the last messages, the
 * warnings, and, once the window is closed, the templates that may reopen it with their price.
 *
 * @param asOf the host's clock when this was computed; countdowns run from it
 * @param crm the CRM instance id
 * @param ticketId the CRM's ticket id
 * @param conversation DeskBridge's conversation carried by the ticket
 * @param channel the channel instance id
 * @param customer the customer (shown masked)
 * @param phase the window's phase at {@code asOf}
 * @param windowClosesAt when free-form replies stop being allowed, while the window is open
 * @param entryPoint the entry point (click-to-WhatsApp ad) window, when the conversation has one
 * @param reply what the rules say of a free-form reply sent at {@code asOf}
 * @param spent settled-or-quoted cost of the conversation so far (failed messages cost nothing)
 * @param budget the route's monthly budget and its spend, when the route has one
 * @param lastMessages the latest messages, oldest first
 * @param warnings what the agent should know before answering
 * @param templates the templates an agent may send while the window is closed; empty while it is open
 */
public record TicketSidebar(
        Instant asOf,
        String crm,
        String ticketId,
        ConversationId conversation,
        String channel,
        PhoneNumber customer,
        WindowPhase phase,
        Optional<Instant> windowClosesAt,
        Optional<EntryPoint> entryPoint,
        Quote reply,
        Money spent,
        Optional<Budget> budget,
        List<MessageView> lastMessages,
        List<Warning> warnings,
        List<TemplateOffer> templates) {

    public TicketSidebar {
        Objects.requireNonNull(asOf, "asOf");
        Objects.requireNonNull(crm, "crm");
        Objects.requireNonNull(ticketId, "ticketId");
        Objects.requireNonNull(conversation, "conversation");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(customer, "customer");
        Objects.requireNonNull(phase, "phase");
        Objects.requireNonNull(windowClosesAt, "windowClosesAt");
        Objects.requireNonNull(entryPoint, "entryPoint");
        Objects.requireNonNull(reply, "reply");
        Objects.requireNonNull(spent, "spent");
        Objects.requireNonNull(budget, "budget");
        lastMessages = List.copyOf(Objects.requireNonNull(lastMessages, "lastMessages"));
        warnings = List.copyOf(Objects.requireNonNull(warnings, "warnings"));
        templates = List.copyOf(Objects.requireNonNull(templates, "templates"));
        if (phase != WindowPhase.CLOSED && windowClosesAt.isEmpty()) {
            throw new IllegalArgumentException("an open window needs its closing instant");
        }
    }

    /**
     * The entry point window of a conversation that began from a click-to-WhatsApp ad.
     *
     * @param pendingSince the referral message still awaiting the business's first reply
     * @param freeFrom the start of the free entry point window, once the reply opened it
     * @param freeUntil the end (exclusive) of the free entry point window
     * @param open whether the free entry point window is open at {@code asOf}
     */
    public record EntryPoint(Optional<Instant> pendingSince, Optional<Instant> freeFrom, Optional<Instant> freeUntil,
            boolean open) {
        public EntryPoint {
            Objects.requireNonNull(pendingSince, "pendingSince");
            Objects.requireNonNull(freeFrom, "freeFrom");
            Objects.requireNonNull(freeUntil, "freeUntil");
        }
    }

    /** The route's monthly budget and what the route has spent of it this month. */
    public record Budget(YearMonth month, Money limit, Money spent) {
        public Budget {
            Objects.requireNonNull(month, "month");
            Objects.requireNonNull(limit, "limit");
            Objects.requireNonNull(spent, "spent");
        }

        /** What is left; negative when overspent. */
        public Money left() {
            return limit.minus(spent);
        }
    }

    /** Something the agent should know before answering, with a stable code the app can style. */
    public record Warning(Code code, String message) {
        public Warning {
            Objects.requireNonNull(code, "code");
            Objects.requireNonNull(message, "message");
        }

        /** The kinds of warning. */
        public enum Code {
            /** The window closes within the warning lead: answer now and it is still free-form. */
            CLOSING_SOON,
            /** The route's monthly budget is nearly or fully used. */
            BUDGET_LOW,
            /** The customer stopped marketing messages from this business (WhatsApp error 131050). */
            OPTED_OUT
        }
    }

    /**
     * A template an agent may send to reopen the window, priced for this customer.
     *
     * @param name the template's name
     * @param language its language code
     * @param category the category it was approved in
     * @param quote what the rules say sending it now costs
     * @param source where the offer comes from: {@code route} for the route's re-engagement template,
     *     {@code catalogue} for another approved template of the conversation's channel
     * @param parameters the body parameters an agent fills in, in order ({@code 1, 2} or names)
     */
    public record TemplateOffer(String name, String language, TemplateCategory category, Quote quote, String source,
            List<String> parameters) {
        public TemplateOffer {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(language, "language");
            Objects.requireNonNull(category, "category");
            Objects.requireNonNull(quote, "quote");
            Objects.requireNonNull(source, "source");
            parameters = List.copyOf(Objects.requireNonNull(parameters, "parameters"));
        }
    }
}
