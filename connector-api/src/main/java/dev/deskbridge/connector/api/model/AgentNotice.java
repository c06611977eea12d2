package dev.deskbridge.connector.api.model;

import dev.deskbridge.connector.api.pricing.Quote;
import java.util.Objects;
import java.util.Optional;

/**
 * Something agents must know about a conversation, shown as an internal note. Never sent to the
 * customer.
 *
 * @param id stable for this notice: a retried notice has the same id, so the CRM can tell a second
 *     attempt from a second note
 * @param kind what happened
 * @param text a ready-to-show sentence
 * @param quote the cost involved, when there is one
 */
public record AgentNotice(String id, Kind kind, String text, Optional<Quote> quote) {
    public enum Kind {
        /** A re-engagement template went out because the window was closed. */
        TEMPLATE_SENT,
        /** The agent's reply is held until the customer answers the template. */
        REPLY_HELD,
        /** A held reply was sent after the customer answered. */
        HELD_REPLY_SENT,
        /** The route's policy refused to send outside the window. */
        REPLY_REFUSED_POLICY,
        /** The route's monthly budget refused a billable send. */
        REPLY_REFUSED_BUDGET,
        /** The provider could not deliver a message. */
        DELIVERY_FAILED,
        /** The window closes soon on an unanswered customer message. */
        WINDOW_CLOSING,
        /**
         * A message may have reached the customer twice: an earlier attempt was handed to the
         * provider and its answer was lost (the host stopped, or the call timed out).
         */
        POSSIBLE_DUPLICATE,
        /**
         * A template was not sent: the catalogue refused it (not approved, paused, a parameter at
         * fault) or the customer opted out of marketing. Added in 0.2.
         */
        TEMPLATE_REFUSED,
        /** What a template an agent asked for costs, told before it is sent. Added in 0.2. */
        TEMPLATE_QUOTED,
        /** The customer opted out of marketing templates (wrote STOP or a route's word). Added in 0.2. */
        OPTED_OUT,
        /** The business started a conversation with a template (a notification or a campaign). */
        BUSINESS_MESSAGE_SENT,
        /**
         * The route answered the customer automatically (away message, greeting or keyword answer):
         * the note says what the customer was told and what it cost.
         */
        AUTO_REPLY_SENT,
        /** The payment of an order the business sent changed: pending, captured or failed. Added for orders (issue 14). */
        PAYMENT_UPDATED,
        /**
         * The agent's reply was longer than the channel takes in one message, so it goes out as several,
         * in order; the note says how many and what they cost. Added in 0.2.
         */
        REPLY_SPLIT
    }

    public AgentNotice {
        Objects.requireNonNull(id, "id");
        if (id.isBlank()) {
            throw new IllegalArgumentException("a notice needs an id");
        }
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(quote, "quote");
    }
}
