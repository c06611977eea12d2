package dev.deskbridge.host.store.journal;

import dev.deskbridge.host.store.StoreException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

// size: one lock guards appending, the group force, the mover's hand-over and the bound together.
/**
 * The intake's own durable path: an append-only file, in segments, in which a webhook's verified
 * events are on disk before it is acknowledged, without waiting for the database (whose flush writes
 * all of the engine's work as well).
 *
 * <p>Webhook threads {@link #append(byte[])} and {@link #await(long)}: the first to wait forces the
 * file ({@code fdatasync}) for every record written before it started, the others wait for that
 * force or lead the next one (group commit, with no hand-off to another thread on the way). A mover
 * {@link #take(int, Duration) takes} forced records, puts them in the database, makes that durable,
 * and says so ({@link #consumed(JournalRecord)}): whole segments before it are then deleted and a
 * mark of how far it got is written, so a restart replays (idempotently) little. What is not consumed
 * is bounded ({@link JournalSettings#maxUnconsumedBytes()}), in memory and so on disk: an append waits
 * for room for a while and is then refused ({@link JournalFullException}). The next segment is made
 * (zero-filled, named, the folder forced) by a thread of its own before it is needed.
 */
public final class IntakeJournal implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(IntakeJournal.class);
    /** How often the fallback thread looks for records no writer waited for. */
    private static final long FALLBACK_FORCE_NANOS = Duration.ofMillis(20).toNanos();

    private final Path dir;
    private final JournalSettings settings;
    private final ConsumedMark mark;
    private final FileChannel owner;
    private final Object lock = new Object();
    /** The segment appended to; null until the first is made (off the start-up path, by the preparer). */
    private SegmentFile current;
    /** The number of the next segment to make. */
    private long nextSegment;
    private SegmentFile prepared;
    private boolean preparing;
    /** Segments rolled away from whose last records still need forcing (then closing). */
    private final List<SegmentFile> rolled = new ArrayList<>();
    private long written;
    private long forced;
    private long forces;
    private final ArrayDeque<Pending> unforced = new ArrayDeque<>();
    private final ArrayDeque<JournalRecord> ready = new ArrayDeque<>();
    private final ArrayDeque<JournalRecord> taken = new ArrayDeque<>();
    private long unconsumedBytes;
    private StoreException failure;
    private boolean open = true;
    private boolean forcerDone;
    /** A group force is running (by a waiting writer, or the fallback thread). */
    private boolean forcing;
    private final Thread forcer;
    private final Thread preparer;

    private record Pending(long sequence, JournalRecord record, long writtenAt) {}

    private IntakeJournal(Path dir, JournalSettings settings, FileChannel owner, ConsumedMark mark,
            List<JournalRecord> replayed, long nextSegment) {
        this.dir = dir;
        this.settings = settings;
        this.owner = owner;
        this.mark = mark;
        ready.addAll(replayed);
        replayed.forEach(r -> unconsumedBytes += r.size());
        this.nextSegment = nextSegment;
        forcer = new Thread(this::forceLoop, "deskbridge-intake-force");
        forcer.setDaemon(true);
        preparer = new Thread(this::prepareLoop, "deskbridge-intake-prepare");
        preparer.setDaemon(true);
    }

    /**
     * Opens the journal in {@code dir} (made owner-only when missing): what it holds past the consumed
     * mark is ready to {@link #take} at once; new records go to a new segment.
     */
    public static IntakeJournal open(Path dir, JournalSettings settings) {
        Objects.requireNonNull(dir, "dir");
        Objects.requireNonNull(settings, "settings");
        try {
            if (!Files.isDirectory(dir)) {
                Files.createDirectories(dir);
                if (dir.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                    Files.setPosixFilePermissions(dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
                }
            }
            FileChannel owner = lockFolder(dir);
            try (var tmp = Files.newDirectoryStream(dir, "*.tmp")) {
                for (Path t : tmp) {
                    Files.delete(t);
                }
            }
            ConsumedMark mark = ConsumedMark.open(dir);
            List<Long> segments = new ArrayList<>();
            for (long id : SegmentFile.list(dir)) {
                if (id < mark.segment()) {
                    Files.delete(SegmentFile.path(dir, id));
                } else {
                    segments.add(id);
                }
            }
            long start = !segments.isEmpty() && segments.get(0) == mark.segment() ? mark.offset() : 0;
            List<JournalRecord> replayed = JournalReplay.read(dir, segments, start);
            if (!replayed.isEmpty()) {
                LOG.info("intake journal {}: {} acknowledged records to move into the database", dir, replayed.size());
            }
            long next = Math.max(mark.segment(), segments.isEmpty() ? 0 : segments.get(segments.size() - 1)) + 1;
            IntakeJournal journal = new IntakeJournal(dir, settings, owner, mark, replayed, next);
            journal.forcer.start();
            journal.preparer.start();
            return journal;
        } catch (IOException e) {
            throw new StoreException("cannot open the intake journal " + dir + ": " + e.getMessage(), e);
        }
    }

    /**
     * Holds the folder for this process until it closes: two hosts writing and replaying one journal
     * would move each other's records (the CLI next to a host does not open it).
     */
    private static FileChannel lockFolder(Path dir) throws IOException {
        FileChannel channel = FileChannel.open(dir.resolve("lock"), java.nio.file.StandardOpenOption.CREATE,
                java.nio.file.StandardOpenOption.WRITE);
        java.nio.channels.FileLock held;
        try {
            held = channel.tryLock();
        } catch (java.nio.channels.OverlappingFileLockException e) {
            held = null;
        }
        if (held == null) {
            channel.close();
            throw new StoreException("the intake journal " + dir + " is in use by another host process; only one "
                    + "host may run on an embedded H2 database", null);
        }
        return channel;
    }

    public JournalSettings settings() {
        return settings;
    }

    /**
     * Writes a record; {@link #await(long) await} the answer before acknowledging what it holds.
     *
     * @throws JournalFullException when no room came within {@link JournalSettings#fullWait()}
     * @throws StoreException when the journal cannot be written
     */
    public long append(byte[] payload) {
        long need = SegmentFile.HEADER + (long) payload.length;
        synchronized (lock) {
            long deadline = System.nanoTime() + settings.fullWait().toNanos();
            // One record larger than the bound still goes in alone, else it could never be taken.
            while (usable() && unconsumedBytes > 0 && unconsumedBytes + need > settings.maxUnconsumedBytes()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new JournalFullException("the intake journal holds " + unconsumedBytes
                            + " bytes the database has not taken yet; try again shortly");
                }
                waitOn(left);
            }
            requireUsable();
            try {
                if (current == null || !current.fits(payload.length)) {
                    roll(payload.length);
                }
                long end = current.write(payload);
                unconsumedBytes += need;
                unforced.add(new Pending(++written, new JournalRecord(current.id, end, payload), System.nanoTime()));
                return written;
            } catch (IOException | StoreException e) {
                throw fail(new StoreException("cannot write the intake journal " + dir + ": " + e.getMessage(), e));
            }
        }
    }

    /** Returns once record {@code sequence} (from {@link #append}) is forced to the device. */
    public void await(long sequence) {
        while (true) {
            ForceGroup group;
            synchronized (lock) {
                if (forced >= sequence) {
                    return;
                }
                if (failure != null) {
                    throw failure;
                }
                if (forcerDone) {
                    throw new StoreException("the intake journal " + dir + " is closed", null);
                }
                // Leader and followers: the first waiter forces for everyone written so far, the
                // others wait for it; no hand-off to another thread on the acknowledgement's path.
                group = beginForce();
                if (group == null) {
                    waitOn(Duration.ofSeconds(1).toNanos());
                    continue;
                }
            }
            force(group);
        }
    }

    /**
     * Forced records not taken yet, oldest first, at most {@code max}; waits up to {@code wait} for
     * one. Empty when none came or the journal is closing.
     */
    public List<JournalRecord> take(int max, Duration wait) {
        synchronized (lock) {
            long deadline = System.nanoTime() + wait.toNanos();
            while (open && ready.isEmpty() && deadline - System.nanoTime() > 0) {
                waitOn(deadline - System.nanoTime());
            }
            List<JournalRecord> batch = new ArrayList<>(Math.min(max, ready.size()));
            while (batch.size() < max && !ready.isEmpty()) {
                JournalRecord r = ready.poll();
                taken.add(r);
                batch.add(r);
            }
            return batch;
        }
    }

    /**
     * Everything taken up to and including {@code last} is durable in the database: its room is given
     * back, the mark moves past it, and the segments before its own are deleted.
     */
    public void consumed(JournalRecord last) {
        synchronized (lock) {
            if (!taken.contains(last)) {
                throw new IllegalArgumentException("not a record taken and not yet consumed");
            }
            JournalRecord r;
            do {
                r = taken.poll();
                unconsumedBytes -= r.size();
            } while (r != last);
            lock.notifyAll();
        }
        try {
            mark.moveTo(last.segment(), last.end());
            for (long id : SegmentFile.list(dir)) {
                if (id < last.segment()) {
                    Files.deleteIfExists(SegmentFile.path(dir, id));
                }
            }
        } catch (IOException e) {
            // The records are in the database: a stale mark or a segment left over only costs a replay.
            LOG.warn("intake journal {}: cannot move the consumed mark or delete old segments: {}", dir, e.getMessage());
        }
    }

    /**
     * Keeps a taken record that cannot be read in a file of its own (returned) before it is
     * {@link #consumed}, so that the records after it move on and it is not lost.
     *
     * @throws StoreException when that file cannot be written (then the record stays in the journal)
     */
    public Path setAside(JournalRecord record) {
        return SetAsideRecord.write(dir, record);
    }

    /**
     * Whether the journal still takes webhooks: after a failed write or force it refuses every
     * append until the host restarts (see {@code fail}), and a health check should say so.
     */
    public boolean writable() {
        synchronized (lock) {
            return failure == null;
        }
    }

    /** Bytes appended (or replayed) that the database has not taken for good yet. */
    public long unconsumedBytes() {
        synchronized (lock) {
            return unconsumedBytes;
        }
    }

    /** Records appended (or replayed) that the database has not taken for good yet. */
    public int unconsumedRecords() {
        synchronized (lock) {
            return unforced.size() + ready.size() + taken.size();
        }
    }

    /** How many group forces were made (records per force is the group commit's gain). */
    long forces() {
        synchronized (lock) {
            return forces;
        }
    }

    /**
     * Under the lock: switches to the next segment, made ahead by the preparer when it could be, unless
     * the current one has room for the record by then.
     */
    private void roll(int payloadLength) throws IOException {
        while (preparing) {
            waitOn(Duration.ofSeconds(1).toNanos());
            requireUsable();
        }
        // Another writer may have rolled while this one waited: rolling again would leave that
        // segment nearly empty, for a zero-fill and forces on the acknowledgement's path.
        if (current != null && current.fits(payloadLength)) {
            return;
        }
        if (current != null) {
            rolled.add(current);
        }
        long next = nextSegment;
        long needed = SegmentFile.HEADER + (long) payloadLength;
        if (prepared != null && prepared.id == next && prepared.size >= needed) {
            current = prepared;
        } else {
            if (prepared != null) {
                prepared.close();
                Files.deleteIfExists(SegmentFile.path(dir, prepared.id));
            }
            current = SegmentFile.create(dir, next, Math.max(settings.segmentBytes(), needed));
        }
        nextSegment = next + 1;
        prepared = null;
        lock.notifyAll();
    }

    private void forceLoop() {
        try {
            forceWhileOpen();
        } finally {
            synchronized (lock) {
                forcerDone = true;
                lock.notifyAll();
            }
        }
    }

    /** Forces what no waiting webhook thread forced itself (a fallback; close forces the rest). */
    private void forceWhileOpen() {
        while (true) {
            ForceGroup group;
            synchronized (lock) {
                // Only what waited longer than a writer would have: the writers lead their own forces.
                boolean overdue = !open || (!unforced.isEmpty()
                        && System.nanoTime() - unforced.peek().writtenAt() > FALLBACK_FORCE_NANOS);
                group = overdue ? beginForce() : null;
                if (group == null) {
                    if (failure != null || (!open && !forcing && written == forced)) {
                        return;
                    }
                    waitOn(FALLBACK_FORCE_NANOS);
                    continue;
                }
            }
            force(group);
        }
    }

    /** The records written up to {@code upTo}, the segments to force for them, and those rolled away. */
    private record ForceGroup(long upTo, List<SegmentFile> toForce, List<SegmentFile> rolledAway) {}

    /** Under the lock: the group of everything written and not forced, unless a force is running or none is due. */
    private ForceGroup beginForce() {
        if (forcing || failure != null || written == forced) {
            return null;
        }
        forcing = true;
        List<SegmentFile> rolledAway = new ArrayList<>(rolled);
        rolled.clear();
        List<SegmentFile> toForce = new ArrayList<>(rolledAway);
        if (current != null) {
            toForce.add(current);
        }
        return new ForceGroup(written, toForce, rolledAway);
    }

    /** Outside the lock: forces the group, then hands its records to the mover and wakes their writers. */
    private void force(ForceGroup group) {
        IOException error = null;
        try {
            for (SegmentFile s : group.toForce()) {
                s.force();
            }
        } catch (IOException e) {
            error = e;
        }
        if (error == null) {
            group.rolledAway().forEach(SegmentFile::close);
        }
        synchronized (lock) {
            forcing = false;
            if (error != null) {
                // After a failed fsync the kernel may have dropped the pages: nothing unforced is trusted.
                fail(new StoreException("cannot force the intake journal " + dir + ": " + error.getMessage(), error));
                return;
            }
            forced = group.upTo();
            forces++;
            while (!unforced.isEmpty() && unforced.peek().sequence() <= forced) {
                ready.add(unforced.poll().record());
            }
            lock.notifyAll();
        }
    }

    private void prepareLoop() {
        while (true) {
            long id;
            synchronized (lock) {
                while (usable() && prepared != null) {
                    waitOn(Duration.ofSeconds(1).toNanos());
                }
                if (!usable()) {
                    return;
                }
                id = nextSegment;
                preparing = true;
            }
            SegmentFile made = null;
            try {
                made = SegmentFile.create(dir, id, settings.segmentBytes());
            } catch (StoreException e) {
                // A roll makes its segment itself then; this is tried again after a pause.
                LOG.warn("{}", e.getMessage());
            }
            synchronized (lock) {
                preparing = false;
                if (made != null && open && nextSegment == id) {
                    prepared = made;
                } else if (made != null) {
                    // Closed while it was made: it holds no record (see close).
                    made.close();
                    deleteUnused(made);
                }
                lock.notifyAll();
                if (made == null) {
                    waitOn(Duration.ofSeconds(1).toNanos());
                }
            }
        }
    }

    private boolean usable() {
        return open && failure == null;
    }

    private void requireUsable() {
        if (failure != null) {
            throw failure;
        }
        if (!open) {
            throw new StoreException("the intake journal " + dir + " is closed", null);
        }
    }

    private StoreException fail(StoreException e) {
        LOG.error("{}", e.getMessage());
        failure = e;
        lock.notifyAll();
        return e;
    }

    private void waitOn(long nanos) {
        try {
            lock.wait(Math.max(1, nanos / 1_000_000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("interrupted waiting on the intake journal", e);
        }
    }

    /** Forces what was appended, then stops; what the database has not taken stays for the next start. */
    @Override
    public void close() {
        synchronized (lock) {
            open = false;
            lock.notifyAll();
        }
        join(forcer);
        join(preparer);
        synchronized (lock) {
            if (current != null) {
                if (failure == null && forced == written) {
                    trimToRecords(current);
                }
                current.close();
            }
            if (prepared != null) {
                prepared.close();
                deleteUnused(prepared);
            }
            rolled.forEach(SegmentFile::close);
        }
        mark.close();
        try {
            owner.close();
        } catch (IOException e) {
            LOG.debug("releasing {}: {}", dir, e.getMessage());
        }
    }

    /**
     * After the last force, cuts the zeros after the segment's records: a restart reads (and checks)
     * every byte of a segment past the consumed mark, which for a freshly preallocated 8 MiB segment
     * was most of a restart's journal step. Only zeros that no record used go: nothing is lost, and a
     * crash before the cut leaves the segment as it was.
     */
    private void trimToRecords(SegmentFile segment) {
        try {
            segment.trimToRecords();
        } catch (IOException e) {
            LOG.debug("trimming {}: {}", SegmentFile.path(dir, segment.id), e.getMessage());
        }
    }

    /**
     * Deletes a segment made ahead and never appended to (a record only goes to the current one):
     * otherwise every start leaves one more of them, all zeros, for every later start to read.
     */
    private void deleteUnused(SegmentFile segment) {
        try {
            Files.deleteIfExists(SegmentFile.path(dir, segment.id));
        } catch (IOException e) {
            LOG.debug("deleting the unused segment {}: {}", SegmentFile.path(dir, segment.id), e.getMessage());
        }
    }

    private static void join(Thread t) {
        try {
            t.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
