package dev.deskbridge.host.admin.responsiveness;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One message of a conversation as responsiveness sees it.
 *
 * @param kind a customer message, an agent's answer, or a re-engagement template (answering late)
 * @param at when the customer wrote, or when the agent's answer was written (for a held reply:
 *     when it was held, not when it finally went out)
 * @param author the agent, for answers, where the CRM said who it was
 * @param cost a template's cost (settled, else quoted; the channel's fee included), with its currency
 */
public record TimelineEvent(Kind kind, Instant at, Optional<String> author, Optional<BigDecimal> cost,
        Optional<String> currency) {
    public enum Kind { CUSTOMER, ANSWER, TEMPLATE }

    public TimelineEvent {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(author, "author");
        Objects.requireNonNull(cost, "cost");
        Objects.requireNonNull(currency, "currency");
    }

    public static TimelineEvent customer(Instant at) {
        return new TimelineEvent(Kind.CUSTOMER, at, Optional.empty(), Optional.empty(), Optional.empty());
    }

    public static TimelineEvent answer(Instant at, String author) {
        return new TimelineEvent(Kind.ANSWER, at, Optional.ofNullable(author), Optional.empty(), Optional.empty());
    }
}
