package dev.deskbridge.host.engine;

import dev.deskbridge.connector.api.error.PermanentException;
import dev.deskbridge.connector.api.model.AgentReply;
import dev.deskbridge.connector.api.webhook.StoredWebhook;
import dev.deskbridge.host.logging.LogSafe;
import dev.deskbridge.host.store.QueueItem;
import java.util.List;

/**
 * Reads a stored CRM webhook into agent replies, in a worker: the CRM's API may be called here
 * (webhooks that carry only ids), under the engine's retries, backoff and dead letters. The replies
 * are queued and the webhook completed in one transaction, so a retry after a failure queues them
 * once (they are keyed by their event ids).
 */
final class CrmWebhookHandler {
    private final EngineContext ctx;
    private final Intake intake;

    CrmWebhookHandler(EngineContext ctx, Intake intake) {
        this.ctx = ctx;
        this.intake = intake;
    }

    /** @return how many replies were new */
    int handle(QueueItem item, EngineEvent.CrmWebhookReceived event, Completion done) {
        List<AgentReply> replies = ctx.sessions().crm(event.crmId())
                .read(new StoredWebhook(item.eventId(), event.request()));
        for (AgentReply reply : replies) {
            // A field over its column's limit cannot be stored: the webhook stays, as a dead letter saying why.
            WebhookFieldLimits.check(reply).ifPresent(problem -> {
                throw new PermanentException("agent reply " + LogSafe.text(reply.eventId()) + " of crm '"
                        + event.crmId() + "' cannot be stored: " + problem);
            });
        }
        return ctx.db().inTransaction(c -> {
            int added = intake.enqueueAgentReplies(c, event.crmId(), replies, ctx.timer().instant());
            done.in(c);
            return added;
        });
    }
}
