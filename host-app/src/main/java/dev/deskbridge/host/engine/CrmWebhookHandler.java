package dev.deskbridge.host.engine;

import dev.deskbridge.connector.api.error.PermanentException;
import dev.deskbridge.connector.api.model.AgentReply;
import dev.deskbridge.connector.api.webhook.StoredWebhook;
import dev.deskbridge.host.logging.LogSafe;
import dev.deskbridge.host.store.QueueItem;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a stored CRM webhook into agent replies, in a worker: the CRM's API may be called here
 * (webhooks that carry only ids), under the engine's retries, backoff and dead letters. The replies
 * are queued and the webhook completed in one transaction, so a retry after a failure queues them
 * once (they are keyed by their event ids).
 *
 * <p>The usual webhook, one plain reply to a known conversation, is also decided in that
 * transaction (quoted, its send queued, its queue item recorded done): the reply keeps its identity
 * in the inbox, so a repeat finds it, and it does not wait for another worker to claim it. When
 * that decision fails (the conversation is not known yet, say), the transaction is undone and the
 * reply is only queued, to be decided with the usual retries.
 */
final class CrmWebhookHandler {
    private static final Logger LOG = LoggerFactory.getLogger(CrmWebhookHandler.class);

    private final EngineContext ctx;
    private final Intake intake;
    private final AgentReplyHandler agent;

    CrmWebhookHandler(EngineContext ctx, Intake intake, AgentReplyHandler agent) {
        this.ctx = ctx;
        this.intake = intake;
        this.agent = agent;
    }

    /** What reading a webhook left to do: replies queued for a worker, sends queued for the outbox. */
    record Outcome(int queued, int decided) {}

    Outcome handle(QueueItem item, EngineEvent.CrmWebhookReceived event, Completion done) {
        List<AgentReply> replies = ctx.sessions().crm(event.crmId())
                .read(new StoredWebhook(item.eventId(), event.request()));
        for (AgentReply reply : replies) {
            // A field over its column's limit cannot be stored: the webhook stays, as a dead letter saying why.
            WebhookFieldLimits.check(reply).ifPresent(problem -> {
                throw new PermanentException("agent reply " + LogSafe.text(reply.eventId()) + " of crm '"
                        + event.crmId() + "' cannot be stored: " + problem);
            });
        }
        if (replies.size() == 1 && AgentReplyHandler.decidableWhereRead(replies.get(0))) {
            Optional<Outcome> decided = decideWhereRead(event.crmId(), replies.get(0), done);
            if (decided.isPresent()) {
                return decided.get();
            }
        }
        return ctx.db().inTransaction(c -> {
            int added = intake.enqueueAgentReplies(c, event.crmId(), replies, ctx.timer().instant());
            done.in(c);
            return new Outcome(added, 0);
        });
    }

    private Optional<Outcome> decideWhereRead(String crmId, AgentReply reply, Completion done) {
        try {
            return Optional.of(ctx.db().inTransaction(c -> {
                Instant now = ctx.timer().instant();
                Optional<Long> queued = intake.enqueueAgentReply(c, crmId, reply, now);
                if (queued.isPresent()) {
                    agent.decide(c, Intake.crmSource(crmId), crmId, reply);
                    ctx.inbox().complete(c, queued.get(), now);
                }
                done.in(c);
                return new Outcome(0, queued.isPresent() ? 1 : 0);
            }));
        } catch (RuntimeException e) {
            // Nothing of the decision was kept: the reply goes the usual way, with its own retries.
            LOG.debug("agent reply {} of crm '{}' queued to be decided later: {}", LogSafe.text(reply.eventId()), crmId,
                    e.getMessage());
            return Optional.empty();
        }
    }
}
