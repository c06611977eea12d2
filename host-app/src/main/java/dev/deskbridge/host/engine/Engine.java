package dev.deskbridge.host.engine;

import dev.deskbridge.host.store.QueueItem;
import dev.deskbridge.host.store.journal.IntakeJournal;
import java.lang.management.ManagementFactory;
import java.security.SecureRandom;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bridge engine: an inbox worker (customer messages, agent replies, statuses, notes, warnings),
 * an outbox worker (sends), the window watcher, the poller of CRMs without webhooks and the cleaner of
 * old handled items, over one database that several hosts may share.
 */
public final class Engine implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Engine.class);

    private final EngineContext ctx;
    private final QueueWorker inboxWorker;
    private final QueueWorker outboxWorker;
    private final WindowWatcher watcher;
    private final CrmPoller poller;
    private final HandledItemsCleaner handledItems;
    private final Intake intake;
    private final String owner;
    private final BusinessMessages businessMessages;
    private final CampaignRunner campaigns;
    private final Orders orders;

    public Engine(EngineContext ctx) {
        this(ctx, Optional.empty());
    }

    /** An engine whose intake writes webhooks to {@code journal} first (H2 on file), moved into the inbox from there. */
    public Engine(EngineContext ctx, Optional<IntakeJournal> journal) {
        this.ctx = Objects.requireNonNull(ctx, "ctx");
        this.owner = ManagementFactory.getRuntimeMXBean().getName() + "/" + UUID.randomUUID().toString().substring(0, 8);
        ErrorPolicy policy = new ErrorPolicy(ctx.settings().maxAttempts(), ctx.settings().maxAge(),
                ctx.settings().backoff(), new SecureRandom());
        CustomerMessageHandler customer = new CustomerMessageHandler(ctx, policy);
        AgentReplyHandler agent = new AgentReplyHandler(ctx);
        DeliveryHandler delivery = new DeliveryHandler(ctx);
        NoticeHandler notices = new NoticeHandler(ctx);
        BusinessTicketHandler businessTickets = new BusinessTicketHandler(ctx);
        OutboxSender sender = new OutboxSender(ctx);
        PaymentUpdates payments = new PaymentUpdates(ctx);
        this.intake = new Intake(ctx, this::wakeInbox, journal);
        CrmWebhookHandler webhooks = new CrmWebhookHandler(ctx, intake, agent);
        this.inboxWorker = new QueueWorker("inbox", ctx.inbox(), (item, done) -> {
            EngineEvent event = ctx.codec().decode(item.eventType(), item.payload());
            if (event instanceof EngineEvent.CustomerMessageReceived e) {
                long queued = ctx.outbox().enqueued();
                customer.handle(item, e, done);
                if (ctx.outbox().enqueued() != queued) {
                    // Most customer messages queue no send: an idle outbox need not look.
                    wakeOutbox();
                }
            } else if (event instanceof EngineEvent.CrmWebhookReceived e) {
                CrmWebhookHandler.Outcome outcome = webhooks.handle(item, e, done);
                if (outcome.queued() > 0) {
                    wakeInbox();
                }
                if (outcome.decided() > 0) {
                    wakeOutbox();
                }
            } else if (event instanceof EngineEvent.AgentReplied e) {
                agent.handle(item, e, done);
                wakeOutbox();
            } else if (event instanceof EngineEvent.DeliveryReported e) {
                delivery.handle(item, e, done);
            } else if (event instanceof EngineEvent.NoticeDue e) {
                notices.handle(item, e);
            } else if (event instanceof EngineEvent.WindowClosing e) {
                notices.handle(item, e);
            } else if (event instanceof EngineEvent.TicketStatusDue e) {
                notices.handle(item, e);
            } else if (event instanceof EngineEvent.BusinessTicketDue e) {
                businessTickets.handle(e);
            } else if (event instanceof EngineEvent.PaymentReported e) {
                payments.apply(e);
            } else if (event instanceof EngineEvent.TemplateChanged e) {
                ctx.db().inTransactionDo(c -> ctx.templates().applyToAccount(c, e.channelId(), e.update()));
            } else {
                throw new IllegalArgumentException("not an inbox event: " + item.describe());
            }
        }, ctx, policy, owner);
        this.outboxWorker = new QueueWorker("outbox", ctx.outbox(), new QueueWorker.Handler() {
            @Override
            public void handle(QueueItem item, Completion done) {
                sender.handle(item, send(item), done);
                Engine.this.inboxWorker.wake();
            }

            @Override
            public void onDeadLetter(QueueItem item, String reason) {
                sender.onDeadLetter(item, reason);
                Engine.this.inboxWorker.wake();
            }

            @Override
            public boolean claimMustBeDurable() {
                // OutboxSender makes the send's start durable before it calls the provider; that flush
                // covers the claim's attempt, and nothing else of a send calls out.
                return false;
            }
        }, ctx, policy, owner);
        this.watcher = new WindowWatcher(ctx, inboxWorker::wake);
        this.businessMessages = new BusinessMessages(ctx, () -> {
            outboxWorker.wake();
            inboxWorker.wake();
        });
        this.campaigns = new CampaignRunner(ctx, businessMessages, () -> {
            outboxWorker.wake();
            inboxWorker.wake();
        }, owner);
        this.orders = new Orders(ctx, businessMessages, () -> {
            outboxWorker.wake();
            inboxWorker.wake();
        });
        this.poller = new CrmPoller(ctx, intake, inboxWorker::wake);
        this.handledItems = new HandledItemsCleaner(ctx, poller::polledCrms);
        ctx.metrics().queueDepth("outbox", ctx.outbox()::depth);
        ctx.metrics().queueDepth("inbox", ctx.inbox()::depth);
    }

    private EngineEvent.SendMessage send(QueueItem item) {
        EngineEvent event = ctx.codec().decode(item.eventType(), item.payload());
        if (!(event instanceof EngineEvent.SendMessage send)) {
            throw new IllegalArgumentException("not a send on the outbox: " + item.describe());
        }
        return send;
    }

    /** Starts the workers and the window watcher (after the configured start delay). */
    public Engine start() {
        intake.start();
        inboxWorker.start();
        outboxWorker.start();
        watcher.start();
        campaigns.start();
        poller.start();
        handledItems.start();
        LOG.info("engine {} started: {} workers per queue", owner, ctx.settings().workers());
        return this;
    }

    public Intake intake() {
        return intake;
    }

    public WindowWatcher watcher() {
        return watcher;
    }

    /** Reads agent replies from the CRMs that declare polling. */
    public CrmPoller poller() {
        return poller;
    }

    public EngineContext context() {
        return ctx;
    }

    /** Sends the business starts (the notifications API), through the same outbox. */
    public BusinessMessages businessMessages() {
        return businessMessages;
    }

    /** Order messages and the orders kept on conversations. */
    public Orders orders() {
        return orders;
    }

    /** Sends running campaigns, paced. */
    public CampaignRunner campaigns() {
        return campaigns;
    }

    /** Looks for new outbox work now (tests and the inbox worker after queuing sends). */
    public void wakeOutbox() {
        outboxWorker.wake();
    }

    private void wakeInbox() {
        inboxWorker.wake();
    }

    /** Items being processed right now on both queues, and webhooks acknowledged but not yet in the inbox. */
    public int inFlight() {
        return inboxWorker.inFlight() + outboxWorker.inFlight() + intake.notYetInTheInbox();
    }

    @Override
    public void close() {
        intake.close();
        campaigns.close();
        poller.close();
        handledItems.close();
        watcher.close();
        inboxWorker.close();
        outboxWorker.close();
        LOG.info("engine {} stopped", owner);
    }
}
