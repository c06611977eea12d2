package dev.deskbridge.host.runtime;

import dev.deskbridge.connector.api.ConversationLookup;
import dev.deskbridge.connector.api.model.ConversationId;
import dev.deskbridge.connector.api.pricing.ConversationStatus;
import dev.deskbridge.connector.api.pricing.OutboundKind;
import dev.deskbridge.connector.api.pricing.Quote;
import dev.deskbridge.connector.api.pricing.TemplateCategory;
import dev.deskbridge.host.engine.HostConversationLookup;
import dev.deskbridge.host.pricing.PricingRules;
import dev.deskbridge.host.store.BadRecordSink;
import dev.deskbridge.host.store.BadRecordStore;
import dev.deskbridge.host.store.Database;
import java.time.Clock;
import java.time.Duration;
import java.util.Currency;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The database while another thread may still be opening it (a new one migrating takes most of a
 * second), so that start-up opens the connector sessions meanwhile. What the sessions are given on it,
 * the conversation lookup and the bad-record sink, waits for it on first use; {@link #await} hands it
 * over or throws what opening it threw.
 */
public final class PendingDatabase {
    private final CompletableFuture<Database> opened;

    PendingDatabase(CompletableFuture<Database> opened) {
        this.opened = Objects.requireNonNull(opened, "opened");
    }

    /** A database already open. */
    public static PendingDatabase of(Database db) {
        return new PendingDatabase(CompletableFuture.completedFuture(Objects.requireNonNull(db, "db")));
    }

    /**
     * The database once open (waiting for it).
     *
     * @throws RuntimeException what opening it threw
     */
    public Database await() {
        return await(opened);
    }

    /**
     * Closes it once it is open, waiting for that: a migration stopped halfway by the process's exit
     * could leave a schema Flyway cannot carry on from. Nothing to close when it did not open.
     */
    public void closeWhenOpen() {
        try {
            opened.join().close();
        } catch (CompletionException e) {
            // It did not open; the caller is stopping start-up for a reason of its own.
        }
    }

    /** Plugins' view of windows and prices on this database, answered once it is open. */
    public ConversationLookup lookup(PricingRules pricing, Clock clock, Duration warnBefore, Currency currency) {
        CompletableFuture<HostConversationLookup> lookup = opened.thenApply(
                db -> new HostConversationLookup(db, pricing, clock, warnBefore, currency));
        return new ConversationLookup() {
            @Override
            public Optional<ConversationStatus> status(ConversationId conversation) {
                return await(lookup).status(conversation);
            }

            @Override
            public Quote quote(ConversationId conversation, OutboundKind kind, Optional<TemplateCategory> category) {
                return await(lookup).quote(conversation, kind, category);
            }
        };
    }

    /** The bad-record store on this database, written once it is open. */
    public BadRecordSink badRecords(Clock clock) {
        CompletableFuture<BadRecordStore> store = opened.thenApply(db -> new BadRecordStore(db, clock));
        return (instanceId, source, reason, raw) -> await(store).report(instanceId, source, reason, raw);
    }

    private static <T> T await(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof Error error) {
                throw error;
            }
            throw cause instanceof RuntimeException r ? r : new IllegalStateException(cause.getMessage(), cause);
        }
    }
}
