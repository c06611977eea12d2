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
 * file of its own (logged), not retried: it would never read better; so is one the database refuses
 * on its own, again and again, while it takes the others.
 */
final class IntakeMover implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(IntakeMover.class);
    /** Records per transaction: large enough to share the flush, small enough to keep the transaction short. */
    private static final int BATCH = 256;
    /** How often the database must refuse one record on its own before the record is set aside. */
    static final int REFUSED_TRIES = 3;

    private final IntakeJournal journal;
    private final Intake intake;
    private final EngineContext ctx;
    private final Runnable wake;
    private final Thread thread;
    private volatile boolean running = true;
    /** Set when the mover's thread ended while it was meant to run. */
    private volatile boolean stopped;

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

    /**
     * Whether acknowledged webhooks still reach the inbox: the journal takes writes, and the mover
     * has not stopped on its own (a journal failure, or an {@code Error}, ends it for good).
     */
    boolean working() {
        return journal.writable() && !stopped;
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
                    stopped = true;
                    LOG.error("the intake journal failed; webhooks are refused until the host restarts: {}",
                            e.getMessage());
                }
                return;
            } catch (RuntimeException | Error e) {
                stopped = true;
                LOG.error("the intake journal's mover stopped; webhooks are refused until the host restarts", e);
                throw e;
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
        List<Decoded> decoded = new ArrayList<>(batch.size());
        List<IntakeItem> items = new ArrayList<>(batch.size());
        for (JournalRecord r : batch) {
            Decoded d = new Decoded(r, readable(r));
            decoded.add(d);
            items.addAll(d.items());
        }
        int added;
        try {
            added = intake.store(items);
        } catch (RuntimeException e) {
            added = oneByOne(decoded, e);
        }
        ctx.db().durable();
        journal.consumed(batch.get(batch.size() - 1));
        if (added > 0) {
            wake.run();
        }
    }

    /** A journal record and the items read from it (none when it was set aside as unreadable). */
    private record Decoded(JournalRecord record, List<IntakeItem> items) {}

    /**
     * The batch failed as a whole: each record alone, so one the database refuses for its own
     * content (written by another version, say) cannot hold up every acknowledged webhook behind it
     * for good, at start or after. When every record of several fails, the fault is the database's,
     * not theirs: the batch is tried again later, whole. What was stored before a failure is found
     * again by its (source, event id) then, and dropped as a repeat.
     */
    private int oneByOne(List<Decoded> batch, RuntimeException batchFailure) {
        if (!ctx.db().isReachable()) {
            throw batchFailure;
        }
        int added = 0;
        int tried = 0;
        List<Decoded> refused = new ArrayList<>();
        for (Decoded d : batch) {
            if (d.items().isEmpty()) {
                continue;
            }
            tried++;
            try {
                added += intake.store(d.items());
            } catch (RuntimeException e) {
                refused.add(d);
            }
        }
        if (tried > 1 && refused.size() == tried) {
            throw batchFailure;
        }
        for (Decoded d : refused) {
            added += storeOrSetAside(d);
        }
        return added;
    }

    /**
     * Tries a refused record {@link #REFUSED_TRIES} - 1 more times, a second apart, while the
     * database answers (a passing lock timeout is not a refusal); a record refused every time is set
     * aside in a file of its own, as an unreadable one is. While the database does not answer, the
     * failure goes up and the whole batch is tried again later.
     */
    private int storeOrSetAside(Decoded d) {
        RuntimeException last = null;
        for (int tries = 1; tries < REFUSED_TRIES; tries++) {
            pause(Duration.ofSeconds(1));
            try {
                return intake.store(d.items());
            } catch (RuntimeException e) {
                if (!ctx.db().isReachable()) {
                    throw e;
                }
                last = e;
            }
        }
        Path kept = journal.setAside(d.record());
        LOG.error("the database refused an acknowledged webhook's intake journal record (segment {}, ending at byte {}) "
                + "{} times ({}); it is kept as {} and the records after it move on", d.record().segment(),
                d.record().end(), REFUSED_TRIES, withoutValues(last), kept);
        return 0;
    }

    /** What the database said, by its codes: its message may quote the record's values (personal data). */
    private static String withoutValues(RuntimeException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.sql.SQLException sql) {
                return "SQL state " + sql.getSQLState() + ", error " + sql.getErrorCode();
            }
        }
        return e.getClass().getSimpleName();
    }

    private static void pause(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("interrupted while storing the intake journal's records", e);
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
