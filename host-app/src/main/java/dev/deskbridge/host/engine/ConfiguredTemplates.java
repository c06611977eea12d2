package dev.deskbridge.host.engine;

import dev.deskbridge.connector.api.model.OutboundMessage;
import dev.deskbridge.connector.api.model.PhoneNumber;
import dev.deskbridge.connector.api.model.TemplateRequest;
import dev.deskbridge.host.templates.TemplateCheck;
import dev.deskbridge.host.templates.TemplateCheckResult;
import dev.deskbridge.host.templates.TemplateRefusal;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Objects;
import java.util.Optional;

/**
 * A template the configuration names (a route's re-engagement template, an automatic answer) as it
 * may go out now: checked against the channel's catalogue (approved, parameters fitting) and
 * carrying the catalogue's current category, which is what is quoted, and not to a customer who
 * opted out of that category. Before the channel's catalogue was first synced, or for a channel
 * without one, nothing can be judged: it goes as configured.
 */
final class ConfiguredTemplates {
    private ConfiguredTemplates() {}

    /**
     * The template to send, or why it may not be sent; exactly one is present.
     *
     * @param message present when it may go
     * @param refusal present when it may not
     */
    record Choice(Optional<OutboundMessage.Template> message, Optional<TemplateCheckResult.Refused> refusal) {
        Choice {
            Objects.requireNonNull(message, "message");
            Objects.requireNonNull(refusal, "refusal");
            if (message.isPresent() == refusal.isPresent()) {
                throw new IllegalArgumentException("a choice is a message or a refusal");
            }
        }

        static Choice send(OutboundMessage.Template message) {
            return new Choice(Optional.of(message), Optional.empty());
        }

        static Choice refused(TemplateCheckResult.Refused refusal) {
            return new Choice(Optional.empty(), Optional.of(refusal));
        }
    }

    /**
     * The template as it may go to this customer: the catalogue's word on it, then the customer's
     * consent to the category it would be sent in (a marketing template goes to no one who opted out).
     */
    static Choice toCustomer(Connection c, EngineContext ctx, String channelId, PhoneNumber customer,
            OutboundMessage.Template configured) throws SQLException {
        Choice choice = current(c, ctx, channelId, configured);
        if (choice.message().isEmpty()) {
            return choice;
        }
        Optional<String> optedOut = ctx.consent().refusal(c, channelId, customer, choice.message().get().category());
        return optedOut.isEmpty() ? choice : Choice.refused(new TemplateCheckResult.Refused(TemplateRefusal.OPTED_OUT,
                "it is a marketing template and " + optedOut.get(), Optional.empty()));
    }

    private static Choice current(Connection c, EngineContext ctx, String channelId, OutboundMessage.Template configured)
            throws SQLException {
        TemplateCheckResult r = new TemplateCheck(ctx.templates()).check(c, channelId, new TemplateRequest(
                configured.name(), Optional.of(configured.language()), configured.bodyParameters(),
                configured.namedBodyParameters(), configured.header(), configured.buttons()));
        if (r instanceof TemplateCheckResult.Resolved ok) {
            return Choice.send(ok.message());
        }
        TemplateCheckResult.Refused refused = (TemplateCheckResult.Refused) r;
        return refused.reason() == TemplateRefusal.CATALOGUE_NOT_SYNCED ? Choice.send(configured)
                : Choice.refused(refused);
    }
}
