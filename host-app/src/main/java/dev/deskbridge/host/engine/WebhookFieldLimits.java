package dev.deskbridge.host.engine;

import dev.deskbridge.connector.api.model.AgentReply;
import dev.deskbridge.connector.api.model.ChannelEvent;
import dev.deskbridge.connector.api.model.DeliveryUpdate;
import dev.deskbridge.connector.api.model.InboundMessage;
import dev.deskbridge.connector.api.model.PaymentUpdate;
import dev.deskbridge.connector.api.model.ProviderPricing;
import dev.deskbridge.connector.api.model.TemplateUpdate;
import java.util.Optional;

/**
 * The declared limit of every field a webhook's event puts in a column, checked before the event
 * is stored: an event over one is refused on its own (the caller keeps it as a bad record with
 * this reason) instead of failing its whole delivery, or its processing, again on every retry.
 *
 * <p>Identifiers are refused when too long, because a cut id no longer identifies anything.
 * Display text (customer and author names, message summaries, error texts) is cut to its column
 * where it is stored instead: a long name is no reason to lose a message.
 */
public final class WebhookFieldLimits {
    /**
     * A provider's or CRM's event id. The inbox holds 600 characters; an agent reply's id is also
     * stored as {@code crm:<id>:<event id>} (a CRM id has at most 128) in {@code messages.crm_event_id}
     * (600) and with a {@code #n} suffix in the outbox.
     */
    public static final int EVENT_ID = 400;
    /** {@code messages.provider_message_id}. */
    public static final int PROVIDER_MESSAGE_ID = 256;
    /** A ticket id: {@code conversations.ticket_id} (256) and {@code crm:<crm id>|<ticket>} partitions (300). */
    public static final int TICKET_ID = 128;
    /** Meta's pricing category and type: {@code cost_ledger.provider_category}, {@code provider_type}. */
    public static final int PRICING_WORD = 32;

    /** {@code templates.name}, {@code language}, {@code provider_id}. */
    public static final int TEMPLATE_NAME = 512;
    public static final int TEMPLATE_LANGUAGE = 16;
    public static final int TEMPLATE_ID = 64;

    /** {@code orders.reference_id}, {@code payment_status} and {@code transaction_id}. */
    public static final int ORDER_REFERENCE = 35;
    public static final int TRANSACTION_ID = 128;

    private WebhookFieldLimits() {}

    /** What is over its limit in a channel's event, if anything. */
    public static Optional<String> check(ChannelEvent event) {
        Optional<String> problem = over("event id", event.eventId(), EVENT_ID);
        if (event instanceof InboundMessage m) {
            return problem.or(() -> over("provider message id", m.providerMessageId(), PROVIDER_MESSAGE_ID));
        }
        if (event instanceof TemplateUpdate t) {
            return problem.or(() -> over("template name", t.name(), TEMPLATE_NAME))
                    .or(() -> over("template language", t.language(), TEMPLATE_LANGUAGE))
                    .or(() -> over("template id", t.providerId(), TEMPLATE_ID));
        }
        if (event instanceof PaymentUpdate p) {
            return problem.or(() -> over("order reference", p.referenceId(), ORDER_REFERENCE))
                    .or(() -> p.transactionId().flatMap(t -> over("transaction id", t, TRANSACTION_ID)));
        }
        DeliveryUpdate u = (DeliveryUpdate) event;
        return problem.or(() -> over("provider message id", u.providerMessageId(), PROVIDER_MESSAGE_ID))
                .or(() -> u.pricing().flatMap(WebhookFieldLimits::pricing));
    }

    /** What is over its limit in a CRM's agent reply, if anything. */
    public static Optional<String> check(AgentReply reply) {
        return over("event id", reply.eventId(), EVENT_ID)
                .or(() -> over("ticket id", reply.ticket().id(), TICKET_ID));
    }

    private static Optional<String> pricing(ProviderPricing p) {
        return over("pricing category", p.category(), PRICING_WORD)
                .or(() -> over("pricing type", p.type(), PRICING_WORD));
    }

    private static Optional<String> over(String field, String value, int max) {
        if (value == null || value.length() <= max) {
            return Optional.empty();
        }
        return Optional.of(field + " is " + value.length() + " characters long; at most " + max
                + " are stored, so the event was not stored (the rest of its delivery was)");
    }
}
