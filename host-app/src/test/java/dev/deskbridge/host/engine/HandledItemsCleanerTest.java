package dev.deskbridge.host.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.deskbridge.connector.api.model.PhoneNumber;
import dev.deskbridge.host.store.Conversation;
import dev.deskbridge.host.store.NewQueueItem;
import dev.deskbridge.host.store.PollCursorStore;
import dev.deskbridge.host.store.Queue;
import dev.deskbridge.host.testing.HostFixture;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the cleaner deletes from both queues, and how far back a polled CRM's cursor keeps items. */
class HandledItemsCleanerTest {
    private static final Duration KEEP = Duration.ofDays(30);

    @TempDir
    Path dir;

    @Test
    void aPolledCrmsOldCursorKeepsWhatItsNextPollCouldReadAgain() {
        try (HostFixture f = HostFixture.in(dir).start()) {
            EngineContext ctx = f.host.engine().context();
            Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
            PollCursorStore cursors = new PollCursorStore();
            HandledItemsCleaner unpolled = new HandledItemsCleaner(ctx, List::of);
            HandledItemsCleaner polled = new HandledItemsCleaner(ctx, () -> List.of("crm-polled"));

            assertThat(cutoff(f, unpolled, now)).isEqualTo(now.minus(KEEP));
            // The CRM was last polled 40 days ago (its host was stopped): its next poll reaches back there.
            Instant stopped = now.minus(Duration.ofDays(40));
            f.sql(c -> cursors.startOrRead(c, "crm-polled", stopped));
            assertThat(cutoff(f, polled, now)).isEqualTo(stopped.minus(CrmPoller.MARGIN));
            assertThat(cutoff(f, unpolled, now)).as("a cursor of a CRM no longer polled").isEqualTo(now.minus(KEEP));
            f.sql(c -> {
                cursors.advance(c, "crm-polled", now.minusSeconds(5), now);
                return null;
            });
            assertThat(cutoff(f, polled, now)).isEqualTo(now.minus(KEEP));
        }
    }

    private static Instant cutoff(HostFixture f, HandledItemsCleaner cleaner, Instant now) {
        return f.sql(c -> cleaner.cutoff(c, now));
    }

    @Test
    void oneRunDeletesOldHandledItemsOfBothQueuesAndCountsThem() {
        try (HostFixture f = HostFixture.in(dir).start()) {
            EngineContext ctx = f.host.engine().context();
            Instant old = Instant.now().minus(Duration.ofDays(31));
            Conversation conversation = f.sql(c -> ctx.conversations().findOrCreate(c, PhoneNumber.of(HostFixture.BUSINESS),
                    PhoneNumber.of("+12015550170"), Optional.empty(), "wa-main", "crm-main", old));
            long inboxItem = f.sql(c -> ctx.inbox().enqueue(c, new NewQueueItem("channel:wa-main", "wamid.old",
                    "CUSTOMER_MESSAGE", conversation.partitionKey(), "{}", Optional.empty()), old)).orElseThrow();
            long outboxItem = f.sql(c -> ctx.outbox().enqueue(c, new NewQueueItem("crm:crm-main", "ev-old", "SEND_REPLY",
                    conversation.partitionKey(), "{}", Optional.of(conversation.id().value())), old)).orElseThrow();
            f.sql(c -> {
                ctx.inbox().complete(c, inboxItem, old);
                ctx.outbox().complete(c, outboxItem, old);
                return null;
            });

            Map<Queue, Integer> deleted = new HandledItemsCleaner(ctx, List::of).runOnce();

            assertThat(deleted).containsEntry(Queue.INBOX, 1).containsEntry(Queue.OUTBOX, 1);
            assertThat(ctx.inbox().status(inboxItem)).isEmpty();
            assertThat(ctx.outbox().status(outboxItem)).isEmpty();
            assertThat(ctx.metrics().registry().counter("deskbridge.queue.items.deleted", "queue", "outbox").count())
                    .isEqualTo(1.0);
            assertThat(new HandledItemsCleaner(ctx, List::of).runOnce()).containsEntry(Queue.INBOX, 0)
                    .containsEntry(Queue.OUTBOX, 0);
        }
    }
}
