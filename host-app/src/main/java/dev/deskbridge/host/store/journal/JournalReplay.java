package dev.deskbridge.host.store.journal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads what the journal holds past the consumed mark, on start.
 *
 * <p>A bad record (a length that does not fit, a CRC that does not match) is either a torn tail, a
 * write the crash cut off, never forced and so never acknowledged: nothing valid follows it, in its
 * segment or a later one; it is dropped with a warning naming the file and offset. Or it is damage in
 * the middle: the rest of the segment is searched for the next record that frames and checks, and
 * everything from there is replayed; the unreadable bytes are reported as an error with file, offset
 * and length, and a copy of the segment is kept beside it ({@code .corrupt-<offset>}) for whoever
 * looks into it, so nothing after the damage is lost silently.
 */
final class JournalReplay {
    private static final Logger LOG = LoggerFactory.getLogger(JournalReplay.class);

    private JournalReplay() {}

    /** A bad stretch of a segment: where it starts, and where the next valid record starts (or -1). */
    private record Bad(Path file, long from, long resumesAt, long length) {}

    /** The records of {@code segments} (oldest first), the first read from {@code startOffset}. */
    static List<JournalRecord> read(Path dir, List<Long> segments, long startOffset) throws IOException {
        List<JournalRecord> records = new ArrayList<>();
        List<Bad> bad = new ArrayList<>();
        List<Integer> recordsBefore = new ArrayList<>();
        for (int i = 0; i < segments.size(); i++) {
            long id = segments.get(i);
            Path file = SegmentFile.path(dir, id);
            byte[] data = Files.readAllBytes(file);
            long from = i == 0 ? startOffset : 0;
            int at = (int) Math.min(from, data.length);
            while (at + SegmentFile.HEADER <= data.length) {
                int length = ByteBuffer.wrap(data, at, 4).getInt();
                if (length == 0 && zerosFrom(data, at)) {
                    break;
                }
                if (valid(data, at)) {
                    byte[] payload = java.util.Arrays.copyOfRange(data, at + SegmentFile.HEADER,
                            at + SegmentFile.HEADER + length);
                    at += SegmentFile.HEADER + length;
                    records.add(new JournalRecord(id, at, payload));
                    continue;
                }
                int next = nextValid(data, at + 1);
                recordsBefore.add(records.size());
                bad.add(new Bad(file, at, next, (next < 0 ? data.length : next) - at));
                if (next < 0) {
                    break;
                }
                at = next;
            }
        }
        for (int i = 0; i < bad.size(); i++) {
            report(bad.get(i), recordsBefore.get(i) < records.size());
        }
        return records;
    }

    private static void report(Bad b, boolean validRecordsFollow) throws IOException {
        if (!validRecordsFollow) {
            LOG.warn("intake journal {}: dropping a torn tail at offset {} ({} bytes): a write cut off by a crash, "
                    + "never forced and so never acknowledged", b.file(), b.from(), b.length());
            return;
        }
        Path copy = b.file().resolveSibling(b.file().getFileName() + ".corrupt-" + b.from());
        Files.copy(b.file(), copy, StandardCopyOption.REPLACE_EXISTING);
        LOG.error("intake journal {}: {} unreadable bytes at offset {} (a damaged record in the middle); the records "
                + "after them are replayed; a copy of the segment is kept as {}", b.file(), b.length(), b.from(), copy);
    }

    private static boolean zerosFrom(byte[] data, int at) {
        for (int i = at; i < data.length; i++) {
            if (data[i] != 0) {
                return false;
            }
        }
        return true;
    }

    /** Whether a record that fits and checks starts at {@code at}. */
    private static boolean valid(byte[] data, int at) {
        if (at + SegmentFile.HEADER > data.length) {
            return false;
        }
        ByteBuffer header = ByteBuffer.wrap(data, at, SegmentFile.HEADER);
        int length = header.getInt();
        int crc = header.getInt();
        return length > 0 && length <= data.length - at - SegmentFile.HEADER
                && SegmentFile.crc(data, at + SegmentFile.HEADER, length) == crc;
    }

    private static int nextValid(byte[] data, int from) {
        for (int at = from; at + SegmentFile.HEADER <= data.length; at++) {
            if (valid(data, at)) {
                return at;
            }
        }
        return -1;
    }
}
