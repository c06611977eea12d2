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
 * again and again for its own data (SQL state class 22 or 23).
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
     * The batch failed as a whole: each record alone, so one the database refuses for its own data
     * (written by another version, say) cannot hold up every acknowledged webhook behind it for good,
     * at start or after. A refusal for anything else (a lock timeout, a full disk, a missing table) is
     * the database's fault, not the record's: the batch is tried again later, whole, and what was
     * stored before the failure is found again by its (source, event id) then and dropped as a repeat.
     */
    private int oneByOne(List<Decoded> batch, RuntimeException batchFailure) {
        if (!ctx.db().isReachable()) {
            throw batchFailure;
        }
        int added = 0;
        List<Decoded> refused = new ArrayList<>();
        for (Decoded d : batch) {
            if (d.items().isEmpty()) {
                continue;
            }
            try {
                added += intake.store(d.items());
            } catch (RuntimeException e) {
                if (!refusedForItsData(e)) {
                    throw e;
                }
                refused.add(d);
            }
        }
        for (Decoded d : refused) {
            added += storeOrSetAside(d);
        }
        return added;
    }

    /**
     * Tries a record refused for its data {@link #REFUSED_TRIES} - 1 more times, a second apart (a
     * unique key another host was inserting at the same moment is found as a repeat then); a record
     * refused for its data every time is set aside in a file of its own, as an unreadable one is. Any
     * other failure goes up, and the whole batch is tried again later.
     */
    private int storeOrSetAside(Decoded d) {
        RuntimeException last = null;
        for (int tries = 1; tries < REFUSED_TRIES; tries++) {
            pause(Duration.ofSeconds(1));
            try {
                return intake.store(d.items());
            } catch (RuntimeException e) {
                if (!refusedForItsData(e)) {
                    throw e;
                }
                last = e;
            }
        }
        Path kept = journal.setAside(d.record());
        LOG.error("the database refused an acknowledged webhook's intake journal record (segment {}, ending at byte {}) "
                + "{} times for its data ({}); it is kept as {} and the records after it move on", d.record().segment(),
                d.record().end(), REFUSED_TRIES, withoutValues(last), kept);
        return 0;
    }

    /**
     * Whether the database refused the statement for the values it was given (SQL state class 22, a
     * data exception such as a value too long, or 23, a constraint): the record's fault, whatever
     * else the database is doing. A lock timeout, a full disk or a missing table is not.
     */
    static boolean refusedForItsData(RuntimeException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.sql.SQLException sql) {
                String state = sql.getSQLState();
                return state != null && (state.startsWith("22") || state.startsWith("23"));
            }
        }
        return false;
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
