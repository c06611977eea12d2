package dev.deskbridge.host.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.deskbridge.connector.api.ConversationLookup;
import dev.deskbridge.connector.api.config.Secret;
import dev.deskbridge.connector.api.model.ConversationId;
import dev.deskbridge.host.config.DatabaseConfig;
import dev.deskbridge.host.store.BadRecordSink;
import dev.deskbridge.host.store.BadRecordStore;
import dev.deskbridge.host.store.Database;
import dev.deskbridge.host.testing.HostFixture;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Currency;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What connector sessions are given on a database still being opened waits for it, then answers
 * from it; a database that failed to open fails them with its own error.
 */
class PendingDatabaseTest {
    private final ExecutorService caller = Executors.newSingleThreadExecutor();

    @AfterEach
    void stop() {
        caller.shutdownNow();
    }

    @Test
    void theSessionsServicesWaitForTheDatabaseThenUseIt() throws Exception {
        CompletableFuture<Database> opening = new CompletableFuture<>();
        PendingDatabase pending = new PendingDatabase(opening);
        ConversationLookup lookup = pending.lookup(HostFixture.goldenPricing(), Clock.systemUTC(), Duration.ofHours(1),
                Currency.getInstance("USD"));
        BadRecordSink badRecords = pending.badRecords(Clock.systemUTC());
        Future<Optional<?>> status = caller.submit(() -> lookup.status(new ConversationId("nobody")));
        Future<?> reported = caller.submit(() -> badRecords.report("wa", "webhook", "not JSON",
                "{".getBytes(StandardCharsets.UTF_8)));
        assertThatThrownBy(() -> status.get(200, TimeUnit.MILLISECONDS)).as("waits while the database opens")
                .isInstanceOf(TimeoutException.class);

        try (Database db = Database.open(memory())) {
            opening.complete(db);
            assertThat(status.get(10, TimeUnit.SECONDS)).as("answered from the database").isEmpty();
            reported.get(10, TimeUnit.SECONDS);
            assertThat(new BadRecordStore(db, Clock.systemUTC()).count()).as("kept in the database").isEqualTo(1);
            assertThat(pending.await()).isSameAs(db);
        }
    }

    @Test
    void aDatabaseThatDidNotOpenFailsThemWithItsOwnError() {
        CompletableFuture<Database> opening = new CompletableFuture<>();
        PendingDatabase pending = new PendingDatabase(opening);
        ConversationLookup lookup = pending.lookup(HostFixture.goldenPricing(), Clock.systemUTC(), Duration.ofHours(1),
                Currency.getInstance("USD"));
        opening.completeExceptionally(new IllegalStateException("database.url: the file is locked by another host"));

        assertThatThrownBy(pending::await).isInstanceOf(IllegalStateException.class)
                .hasMessage("database.url: the file is locked by another host");
        assertThatThrownBy(() -> lookup.status(new ConversationId("c1"))).isInstanceOf(IllegalStateException.class)
                .hasMessage("database.url: the file is locked by another host");
        pending.closeWhenOpen(); // nothing to close, nothing thrown
    }

    @Test
    void closeWhenOpenWaitsForTheOpenAndClosesIt() throws Exception {
        CompletableFuture<Database> opening = new CompletableFuture<>();
        PendingDatabase pending = new PendingDatabase(opening);
        Future<?> closing = caller.submit(pending::closeWhenOpen);
        assertThatThrownBy(() -> closing.get(200, TimeUnit.MILLISECONDS)).isInstanceOf(TimeoutException.class);

        Database db = Database.open(memory());
        opening.complete(db);
        closing.get(10, TimeUnit.SECONDS);
        assertThat(db.isReachable()).as("closed").isFalse();
    }

    private static DatabaseConfig memory() {
        return new DatabaseConfig("jdbc:h2:mem:pending-" + UUID.randomUUID(), "sa", new Secret(""));
    }
}
