package dev.deskbridge.host.engine;

import dev.deskbridge.connector.api.model.AgentNotice;
import dev.deskbridge.connector.api.model.AgentReply;
import dev.deskbridge.connector.api.model.DeliveryUpdate;
import dev.deskbridge.connector.api.model.InboundMessage;
import dev.deskbridge.connector.api.model.OutboundMessage;
import dev.deskbridge.connector.api.model.PaymentUpdate;
import dev.deskbridge.connector.api.model.TemplateUpdate;
import dev.deskbridge.connector.api.pricing.Quote;
import dev.deskbridge.connector.api.webhook.WebhookRequest;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** What the engine keeps on its queues, serialised as JSON by {@link EventCodec}. */
public sealed interface EngineEvent {

    /** The type name stored next to the payload. */
    String type();

    /** A customer wrote on a channel. */
    record CustomerMessageReceived(String channelId, InboundMessage message) implements EngineEvent {
        public CustomerMessageReceived {
            Objects.requireNonNull(channelId, "channelId");
            Objects.requireNonNull(message, "message");
        }

        @Override
        public String type() {
            return "CUSTOMER_MESSAGE";
        }
    }

    /** A channel reported a sent message's status. */
    record DeliveryReported(String channelId, DeliveryUpdate update) implements EngineEvent {
        public DeliveryReported {
            Objects.requireNonNull(channelId, "channelId");
            Objects.requireNonNull(update, "update");
        }

        @Override
        public String type() {
            return "DELIVERY_UPDATE";
        }
    }

    /**
     * A CRM's webhook, verified and stored as it came; a worker reads it into agent replies.
     *
     * @param request the request without credential headers
     */
    record CrmWebhookReceived(String crmId, WebhookRequest request) implements EngineEvent {
        public CrmWebhookReceived {
            Objects.requireNonNull(crmId, "crmId");
            Objects.requireNonNull(request, "request");
        }

        @Override
        public String type() {
            return "CRM_WEBHOOK";
        }
    }

    /** A channel's provider changed a template (status, category, quality). */
    record TemplateChanged(String channelId, TemplateUpdate update) implements EngineEvent {
        public TemplateChanged {
            Objects.requireNonNull(channelId, "channelId");
            Objects.requireNonNull(update, "update");
        }

        @Override
        public String type() {
            return "TEMPLATE_UPDATE";
        }
    }

    /** A channel reported how an order's payment stands. */
    record PaymentReported(String channelId, PaymentUpdate update) implements EngineEvent {
        public PaymentReported {
            Objects.requireNonNull(channelId, "channelId");
            Objects.requireNonNull(update, "update");
        }

        @Override
        public String type() {
            return "PAYMENT_UPDATE";
        }
    }

    /** An agent answered in a CRM. */
    record AgentReplied(String crmId, AgentReply reply) implements EngineEvent {
        public AgentReplied {
            Objects.requireNonNull(crmId, "crmId");
            Objects.requireNonNull(reply, "reply");
        }

        @Override
        public String type() {
            return "AGENT_REPLY";
        }
    }

    /** Agents must be told something on the conversation's ticket. */
    record NoticeDue(String conversationId, AgentNotice notice) implements EngineEvent {
        public NoticeDue {
            Objects.requireNonNull(conversationId, "conversationId");
            Objects.requireNonNull(notice, "notice");
        }

        @Override
        public String type() {
            return "AGENT_NOTICE";
        }
    }

    /** A conversation's window closes soon on an unanswered customer message. */
    record WindowClosing(String conversationId, Instant closesAt) implements EngineEvent {
        public WindowClosing {
            Objects.requireNonNull(conversationId, "conversationId");
            Objects.requireNonNull(closesAt, "closesAt");
        }

        @Override
        public String type() {
            return "WINDOW_CLOSING";
        }
    }

    /**
     * The conversation's ticket should show its current window and cost: a send was accepted, a
     * status settled or failed a cost, or the window ended. The status is read when it is shown.
     */
    record TicketStatusDue(String conversationId) implements EngineEvent {
        public TicketStatusDue {
            Objects.requireNonNull(conversationId, "conversationId");
        }

        @Override
        public String type() {
            return "TICKET_STATUS";
        }
    }

    /**
     * A message to send (the outbox's payload).
     *
     * @param purpose why it is sent
     * @param quote what the rules said it costs when it was queued
     * @param replyTo a customer message to quote
     */
    record SendMessage(String conversationId, OutboundMessage message, Purpose purpose, Quote quote,
            Optional<String> replyTo) implements EngineEvent {
        public SendMessage {
            Objects.requireNonNull(conversationId, "conversationId");
            Objects.requireNonNull(message, "message");
            Objects.requireNonNull(purpose, "purpose");
            Objects.requireNonNull(quote, "quote");
            Objects.requireNonNull(replyTo, "replyTo");
        }

        @Override
        public String type() {
            return "SEND_" + purpose.name();
        }
    }

    /**
     * A message the business started needs a ticket: a new one, or a note on the customer's open one.
     *
     * @param note what agents read; its id is the write's identity in the CRM
     * @param subject the subject of a new ticket
     */
    record BusinessTicketDue(String conversationId, AgentNotice note, String subject, boolean reuseOpenTicket)
            implements EngineEvent {
        public BusinessTicketDue {
            Objects.requireNonNull(conversationId, "conversationId");
            Objects.requireNonNull(note, "note");
            Objects.requireNonNull(subject, "subject");
        }

        @Override
        public String type() {
            return "BUSINESS_TICKET";
        }
    }

    /** Why the business sends a message. */
    enum Purpose {
        /** An agent's reply inside the window. */
        REPLY,
        /** The route's re-engagement template, because the window was closed. */
        REENGAGE,
        /** An agent's reply that was held until the customer answered the template. */
        HELD_REPLY,
        /** The one confirmation a customer who opted out of marketing gets. */
        CONSENT,
        /** A template the business started with (the notifications API, the command line). */
        NOTIFICATION,
        /** The route's automatic answer to a customer message (away, greeting, keyword). */
        AUTO_REPLY
    }
}
