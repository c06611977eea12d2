package dev.deskbridge.connector.testkit;

import dev.deskbridge.connector.api.model.TicketRef;
import dev.deskbridge.connector.api.webhook.WebhookRequest;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The contract suite's window into the CRM a session writes to: a stand-in that remembers (or a
 * sandbox account), answering "what is on ticket X now". A connector's test implements it over its
 * stand-in in a few lines; {@link CrmConnectorContract#context()} must point the session at the
 * same CRM.
 */
public interface CrmProbe {

    /** One comment on a ticket as the CRM keeps it. */
    record Comment(String text, boolean note) {
        public Comment {
            Objects.requireNonNull(text, "text");
        }
    }

    /**
     * Every comment on the ticket, oldest first: customer messages, agents' answers and internal
     * notes ({@code note} true: only agents see it). Empty for a ticket the CRM does not know.
     */
    List<Comment> comments(TicketRef ticket);

    /** A person in the CRM answers the customer publicly on the ticket, as an agent does. */
    void agentAnswers(TicketRef ticket, String text);

    /**
     * The webhook the CRM sends about the ticket's newest comment, signed as the CRM signs it; empty
     * when the CRM would send none (no webhooks, or none for that kind of comment). The suite reads it
     * after DeskBridge's own writes (it must give no reply) and after an agent's answer (it must).
     */
    Optional<WebhookRequest> webhookForNewestComment(TicketRef ticket);

    /** Notes on the ticket. */
    default long notes(TicketRef ticket) {
        return comments(ticket).stream().filter(Comment::note).count();
    }

    /** Comments that are not notes. */
    default long publicComments(TicketRef ticket) {
        return comments(ticket).stream().filter(c -> !c.note()).count();
    }
}
