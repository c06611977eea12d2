package dev.deskbridge.host.store.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The intake journal on real files: group commit, replay, damaged records, reclaimed segments, the bound. */
class IntakeJournalTest {
    private static final JournalSettings SMALL = new JournalSettings(64 * 1024, 1 << 20, Duration.ofMillis(200),
            Duration.ZERO);

    @TempDir
    Path dir;

    @Test
    void manyWritersShareForcesAndEveryRecordIsReadBackAfterReopening() throws Exception {
        int threads = 8;
        int each = 50;
        long forces;
        try (IntakeJournal journal = IntakeJournal.open(dir, SMALL)) {
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    for (int i = 0; i < each; i++) {
                        journal.await(journal.append(bytes("t" + thread + "-" + i)));
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
            pool.shutdown();
            forces = journal.forces();
            // Forced records are handed to the mover, all of them, in the order they were written.
            List<String> taken = texts(journal.take(10_000, Duration.ZERO));
            assertThat(taken).hasSize(threads * each);
            assertThat(taken.stream().filter(s -> s.startsWith("t3-")).toList())
                    .isEqualTo(Stream.iterate(0, i -> i + 1).limit(each).map(i -> "t3-" + i).toList());
        }
        assertThat(forces).as("forces for %d records from %d writers", threads * each, threads)
                .isLessThan(threads * each);
        try (IntakeJournal reopened = IntakeJournal.open(dir, SMALL)) {
            assertThat(reopened.take(10_000, Duration.ZERO)).as("nothing was consumed").hasSize(threads * each);
        }
    }

    @Test
    void aRestartReplaysWhatWasNotConsumedAndOnlyThat() {
        try (IntakeJournal journal = IntakeJournal.open(dir, SMALL)) {
            for (String s : List.of("a", "b", "c")) {
                journal.await(journal.append(bytes(s)));
            }
            List<JournalRecord> taken = journal.take(2, Duration.ofSeconds(1));
            assertThat(texts(taken)).containsExactly("a", "b");
            journal.consumed(taken.get(1));
        }
        try (IntakeJournal reopened = IntakeJournal.open(dir, SMALL)) {
            assertThat(texts(reopened.take(10, Duration.ZERO))).containsExactly("c");
            reopened.await(reopened.append(bytes("d")));
        }
        try (IntakeJournal again = IntakeJournal.open(dir, SMALL)) {
            assertThat(texts(again.take(10, Duration.ZERO))).containsExactly("c", "d");
        }
    }

    @Test
    void anInterruptedWriterBreaksNeitherItsOwnRecordNorTheOthers() throws Exception {
        try (IntakeJournal journal = IntakeJournal.open(dir, SMALL)) {
            journal.await(journal.append(bytes("before")));
            // A stopping Jetty interrupts its threads; a FileChannel closes itself under an interrupted
            // write or force, for every thread that shares it.
            Thread interrupted = new Thread(() -> {
                Thread.currentThread().interrupt();
                long sequence = journal.append(bytes("interrupted"));
                journal.await(sequence);
                assertThat(Thread.currentThread().isInterrupted()).as("the interrupt is kept").isTrue();
            });
            List<Throwable> failed = new ArrayList<>();
            interrupted.setUncaughtExceptionHandler((t, e) -> failed.add(e));
            interrupted.start();
            interrupted.join(10_000);
            assertThat(failed).isEmpty();
            journal.await(journal.append(bytes("after")));
            List<JournalRecord> taken = journal.take(10, Duration.ZERO);
            assertThat(texts(taken)).containsExactly("before", "interrupted", "after");
            journal.consumed(taken.get(2));
        }
        try (IntakeJournal reopened = IntakeJournal.open(dir, SMALL)) {
            assertThat(reopened.take(10, Duration.ZERO)).as("the consumed mark was written after the interrupt")
                    .isEmpty();
        }
    }

    @Test
    void aTornTailIsDroppedAndWhatCameBeforeItIsKept() throws Exception {
        JournalRecord last;
        try (IntakeJournal journal = IntakeJournal.open(dir, SMALL)) {
            for (String s : List.of("a", "b", "c")) {
                journal.await(journal.append(bytes(s)));
            }
            last = journal.take(3, Duration.ofSeconds(1)).get(2);
        }
        // A record cut off by the crash: its header says 100 bytes, only 10 reached the disk.
        try (RandomAccessFile f = new RandomAccessFile(SegmentFile.path(dir, last.segment()).toFile(), "rw")) {
            f.seek(last.end());
            f.write(ByteBuffer.allocate(18).putInt(100).putInt(12345).put("0123456789".getBytes()).array());
        }
        try (IntakeJournal reopened = IntakeJournal.open(dir, SMALL)) {
            assertThat(texts(reopened.take(10, Duration.ZERO))).containsExactly("a", "b", "c");
        }
        assertThat(corruptCopies()).as("a torn tail is no damage to keep").isEmpty();
    }

    @Test
    void aDamagedRecordInTheMiddleIsReportedAndEveryRecordAfterItIsReplayed() throws Exception {
        List<JournalRecord> records;
        try (IntakeJournal journal = IntakeJournal.open(dir, SMALL)) {
            for (String s : List.of("first", "second", "third", "fourth")) {
                journal.await(journal.append(bytes(s)));
            }
            records = journal.take(4, Duration.ofSeconds(1));
        }
        // One bit of the second record's payload flipped: its CRC no longer matches.
        long payloadAt = records.get(0).end() + SegmentFile.HEADER;
        try (RandomAccessFile f = new RandomAccessFile(SegmentFile.path(dir, records.get(1).segment()).toFile(), "rw")) {
            f.seek(payloadAt);
            int b = f.read();
            f.seek(payloadAt);
            f.write(b ^ 0x01);
        }
        try (IntakeJournal reopened = IntakeJournal.open(dir, SMALL)) {
            assertThat(texts(reopened.take(10, Duration.ZERO))).containsExactly("first", "third", "fourth");
        }
        assertThat(corruptCopies()).singleElement().satisfies(p -> assertThat(p.getFileName().toString())
                .endsWith(".corrupt-" + records.get(0).end()));
    }

    @Test
    void aCleanCloseLeavesTheRecordsOnlySoRestartsReadNoPreallocatedZeros() throws Exception {
        for (int start = 0; start < 3; start++) {
            try (IntakeJournal journal = IntakeJournal.open(dir, SMALL)) {
                awaitPrepared(journal);
            }
        }
        assertThat(SegmentFile.list(dir)).as("starts without a record leave no segment behind").isEmpty();
        JournalRecord last;
        try (IntakeJournal journal = IntakeJournal.open(dir, SMALL)) {
            for (String s : List.of("a", "b")) {
                journal.await(journal.append(bytes(s)));
            }
            last = journal.take(2, Duration.ofSeconds(1)).get(1);
            awaitPrepared(journal);
        }
        assertThat(SegmentFile.list(dir)).containsExactly(last.segment());
        assertThat(Files.size(SegmentFile.path(dir, last.segment()))).as("cut after the last record").isEqualTo(last.end());
        for (int start = 0; start < 2; start++) {
            try (IntakeJournal reopened = IntakeJournal.open(dir, SMALL)) {
                assertThat(texts(reopened.take(10, Duration.ZERO))).containsExactly("a", "b");
            }
        }
        assertThat(SegmentFile.list(dir)).containsExactly(last.segment());
    }

    /** Waits until the journal's next segment is made ahead (so closing finds one to delete). */
    private void awaitPrepared(IntakeJournal journal) throws Exception {
        for (int i = 0; i < 500 && SegmentFile.list(dir).size() < 1 + (journal.unconsumedBytes() > 0 ? 1 : 0); i++) {
            Thread.sleep(10);
        }
    }

    @Test
    void aJournalThatCannotBeWrittenSaysSoAndRefusesEveryAppend() throws Exception {
        JournalSettings tiny = new JournalSettings(4096, 1 << 20, Duration.ofMillis(200), Duration.ZERO);
        try (IntakeJournal journal = IntakeJournal.open(dir, tiny)) {
            byte[] kilobyte = new byte[1000];
            journal.await(journal.append(kilobyte));
            assertThat(journal.writable()).isTrue();
            // Its folder gone (a disk unmounted, an operator's mistake): the next segments cannot be made.
            // Again until it is gone: the preparer may make a segment between the listing and the folder's delete.
            for (int i = 0; i < 50 && Files.exists(dir); i++) {
                try (Stream<Path> files = Files.walk(dir)) {
                    files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                } catch (java.io.UncheckedIOException | java.nio.file.NoSuchFileException e) {
                    // a file went between the listing and the walk: the next round sees what is left
                }
            }
            assertThat(dir).doesNotExist();
            assertThatThrownBy(() -> {
                for (int i = 0; i < 20; i++) {
                    journal.await(journal.append(kilobyte));
                }
            }).isInstanceOf(dev.deskbridge.host.store.StoreException.class);
            assertThat(journal.writable()).isFalse();
            assertThatThrownBy(() -> journal.append(kilobyte))
                    .isInstanceOf(dev.deskbridge.host.store.StoreException.class);
        }
    }

    @Test
    void consumedSegmentsAreDeleted() throws Exception {
        JournalSettings tiny = new JournalSettings(4096, 1 << 20, Duration.ofMillis(200), Duration.ZERO);
        try (IntakeJournal journal = IntakeJournal.open(dir, tiny)) {
            byte[] kilobyte = new byte[1000];
            for (int i = 0; i < 40; i++) {
                journal.await(journal.append(kilobyte));
            }
            assertThat(SegmentFile.list(dir)).as("segments written").hasSizeGreaterThanOrEqualTo(10);
            List<JournalRecord> taken = journal.take(100, Duration.ZERO);
            assertThat(taken).hasSize(40);
            JournalRecord last = taken.get(39);
            journal.consumed(last);
            assertThat(SegmentFile.list(dir)).as("left: the last record's segment and the ones after it")
                    .allMatch(id -> id >= last.segment()).hasSizeLessThanOrEqualTo(3);
            assertThat(journal.unconsumedBytes()).isZero();
        }
    }

    /**
     * Writers that found the segment full while the next one was being made each rolled on waking,
     * so most segments were rolled away holding one record (each roll a zero-fill and forces).
     */
    @Test
    void writersThatWaitedForTheNextSegmentFillItBeforeRollingAgain() throws Exception {
        // 4096-byte segments: four records of 8 + 1008 bytes fill one.
        JournalSettings tiny = new JournalSettings(4096, 64L << 20, Duration.ofSeconds(5), Duration.ZERO);
        int threads = 16;
        int each = 40;
        Map<Long, Integer> perSegment = new TreeMap<>();
        try (IntakeJournal journal = IntakeJournal.open(dir, tiny)) {
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                done.add(pool.submit(() -> {
                    for (int i = 0; i < each; i++) {
                        journal.await(journal.append(new byte[1008]));
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
            pool.shutdown();
            for (JournalRecord r : journal.take(100_000, Duration.ZERO)) {
                perSegment.merge(r.segment(), 1, Integer::sum);
            }
        }
        assertThat(perSegment.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(threads * each);
        List<Long> ids = new ArrayList<>(perSegment.keySet());
        assertThat(ids.subList(0, ids.size() - 1)).as("segments rolled away before they were full, of %s", perSegment)
                .allMatch(id -> perSegment.get(id) == 4);
    }

    @Test
    void whenTheMoverLagsAnAppendWaitsForRoomAndIsThenRefused() throws Exception {
        JournalSettings bounded = new JournalSettings(64 * 1024, 10_000, Duration.ofMillis(200), Duration.ZERO);
        try (IntakeJournal journal = IntakeJournal.open(dir, bounded)) {
            byte[] record = new byte[3000];
            for (int i = 0; i < 3; i++) {
                journal.await(journal.append(record));
            }
            long started = System.nanoTime();
            assertThatThrownBy(() -> journal.append(record)).isInstanceOf(JournalFullException.class);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).as("waited for room first")
                    .isGreaterThanOrEqualTo(Duration.ofMillis(150));
            assertThat(journal.unconsumedBytes()).isLessThanOrEqualTo(10_000);
            // The mover catches up: there is room again.
            List<JournalRecord> taken = journal.take(10, Duration.ZERO);
            journal.consumed(taken.get(taken.size() - 1));
            journal.await(journal.append(record));
        }
    }

    @Test
    void aSecondHostCannotOpenAJournalInUse() {
        try (IntakeJournal journal = IntakeJournal.open(dir, SMALL)) {
            assertThatThrownBy(() -> IntakeJournal.open(dir, SMALL))
                    .isInstanceOf(dev.deskbridge.host.store.StoreException.class).hasMessageContaining("in use");
        }
        IntakeJournal.open(dir, SMALL).close();
    }

    private List<Path> corruptCopies() throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().contains(".corrupt-")).toList();
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static List<String> texts(List<JournalRecord> records) {
        return records.stream().map(r -> new String(r.payload(), StandardCharsets.UTF_8)).toList();
    }
}
