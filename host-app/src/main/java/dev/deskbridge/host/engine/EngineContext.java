package dev.deskbridge.host.engine;

import dev.deskbridge.host.consent.ConsentRegistry;
import dev.deskbridge.host.pricing.PricingRules;
import dev.deskbridge.host.store.ConversationStore;
import dev.deskbridge.host.store.Database;
import dev.deskbridge.host.store.HeldReplyStore;
import dev.deskbridge.host.store.LedgerStore;
import dev.deskbridge.host.store.MessageStore;
import dev.deskbridge.host.store.Queue;
import dev.deskbridge.host.store.QueueStore;
import dev.deskbridge.host.templates.TemplateCatalogue;
import java.time.Clock;
import java.util.Objects;

/**
 * What the engine's parts share: the database and its stores, the rules, the routes and sessions.
 *
 * @param clock the business clock: windows, prices and warnings are measured on it (tests run it manually)
 * @param timer the clock of retries and leases; always real time
 */
public record EngineContext(Database db, EngineSettings settings, Routes routes, ConnectorSessions sessions,
        PricingRules pricing, Clock clock, Clock timer, EngineMetrics metrics, EventCodec codec,
        ConversationStore conversations, MessageStore messages, LedgerStore ledger, HeldReplyStore held,
        QueueStore inbox, QueueStore outbox, TemplateCatalogue templates, ConsentRegistry consent) {
    public EngineContext {
        Objects.requireNonNull(db, "db");
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(routes, "routes");
        Objects.requireNonNull(sessions, "sessions");
        Objects.requireNonNull(pricing, "pricing");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(timer, "timer");
        Objects.requireNonNull(metrics, "metrics");
        Objects.requireNonNull(codec, "codec");
        Objects.requireNonNull(conversations, "conversations");
        Objects.requireNonNull(messages, "messages");
        Objects.requireNonNull(ledger, "ledger");
        Objects.requireNonNull(held, "held");
        Objects.requireNonNull(inbox, "inbox");
        Objects.requireNonNull(outbox, "outbox");
        Objects.requireNonNull(templates, "templates");
        Objects.requireNonNull(consent, "consent");
    }

    /** Builds the stores over a database. */
    public static EngineContext create(Database db, EngineSettings settings, Routes routes, ConnectorSessions sessions,
            PricingRules pricing, Clock clock, Clock timer, EngineMetrics metrics) {
        return new EngineContext(db, settings, routes, sessions, pricing, clock, timer, metrics, new EventCodec(),
                new ConversationStore(), new MessageStore(), new LedgerStore(), new HeldReplyStore(),
                new QueueStore(db, Queue.INBOX), new QueueStore(db, Queue.OUTBOX),
                new TemplateCatalogue(db), new ConsentRegistry(db));
    }
}
