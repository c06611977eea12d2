package dev.deskbridge.host.engine;

import dev.deskbridge.host.store.StoreException;
import dev.deskbridge.host.store.journal.IntakeJournal;
import dev.deskbridge.host.store.journal.JournalRecord;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves acknowledged webhooks from the intake journal into the inbox: a batch of forced records in
 * one transaction (the same keys, partitions and dedupe as storing them directly), then the
 * database's durable flush, then the journal is told it may let them go. A batch that fails is
 * tried again, so nothing acknowledged is dropped; while it fails the journal fills up and intake
 * answers 503 (the bound), which an operator sees. A record that cannot be read is set aside in a
 * file of its own (logged), not retried: it would never read better.
 */
final class IntakeMover implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(IntakeMover.class);
    /** Records per transaction: large enough to share the flush, small enough to keep the transaction short. */
    private static final int BATCH = 256;

    private final IntakeJournal journal;
    private final Intake intake;
    private final EngineContext ctx;
    private final Runnable wake;
    private final Thread thread;
    private volatile boolean running = true;

    IntakeMover(IntakeJournal journal, Intake intake, EngineContext ctx, Runnable wake) {
        this.journal = Objects.requireNonNull(journal, "journal");
        this.intake = Objects.requireNonNull(intake, "intake");
        this.ctx = Objects.requireNonNull(ctx, "ctx");
        this.wake = Objects.requireNonNull(wake, "wake");
        this.thread = new Thread(this::run, "deskbridge-intake-mover");
        thread.setDaemon(true);
    }

    /** Writes the items to the journal and returns once they are on disk (the webhook may then be answered). */
    void accept(List<IntakeItem> items) {
        journal.await(journal.append(IntakeRecords.encode(items)));
    }

    /** Records in the journal the database has not taken for good yet. */
    int waiting() {
        return journal.unconsumedRecords();
    }

    /** Moves what the journal held at start (acknowledged before a stop or crash), then keeps moving. */
    void start() {
        int moved = 0;
        for (List<JournalRecord> batch = journal.take(BATCH, Duration.ZERO); !batch.isEmpty();
                batch = journal.take(BATCH, Duration.ZERO)) {
            move(batch);
            moved += batch.size();
        }
        if (moved > 0) {
            LOG.info("moved {} acknowledged webhooks from the intake journal into the inbox", moved);
        }
        thread.start();
    }

    private void run() {
        Duration pause = journal.settings().moverPause();
        while (running) {
            try {
                for (long left = pause.toMillis(); running && left > 0; left -= 100) {
                    Thread.sleep(Math.min(100, left));
                }
                List<JournalRecord> batch = journal.take(BATCH, Duration.ofSeconds(1));
                while (running && !batch.isEmpty() && !moved(batch)) {
                    Thread.sleep(1_000);
                }
                if (!running && !batch.isEmpty()) {
                    return; // taken but not moved: still in the journal, moved at the next start
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (StoreException e) {
                if (running) {
                    LOG.error("the intake journal failed; webhooks are refused until the host restarts: {}",
                            e.getMessage());
                }
                return;
            }
        }
    }

    private boolean moved(List<JournalRecord> batch) {
        try {
            move(batch);
            return true;
        } catch (RuntimeException e) {
            LOG.error("cannot move {} acknowledged webhooks into the inbox (tried again in a second): {}", batch.size(),
                    e.getMessage());
            return false;
        }
    }

    private void move(List<JournalRecord> batch) {
        List<IntakeItem> items = new ArrayList<>(batch.size());
        for (JournalRecord r : batch) {
            items.addAll(readable(r));
        }
        int added = intake.store(items);
        ctx.db().durable();
        journal.consumed(batch.get(batch.size() - 1));
        if (added > 0) {
            wake.run();
        }
    }

    /**
     * The record's items; a record that cannot be read (another version wrote it, or a defect) would
     * block every record after it for good, so it is set aside in a file of its own and skipped.
     */
    private List<IntakeItem> readable(JournalRecord record) {
        try {
            return IntakeRecords.decode(record.payload());
        } catch (IllegalArgumentException e) {
            Path kept = journal.setAside(record);
            LOG.error("an acknowledged webhook's intake journal record (segment {}, ending at byte {}) cannot be read "
                    + "({}); it is kept as {} and the records after it move on", record.segment(), record.end(),
                    e.getMessage(), kept);
            return List.of();
        }
    }

    /** Stops after the batch in hand; never interrupts it (an interrupt would close H2's file under it). */
    @Override
    public void close() {
        running = false;
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
