package dev.deskbridge.host.store.journal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How far the database has taken the journal for good: segment and offset, with a CRC32C, rewritten
 * in place ({@code consumed.mark}) and not forced. A mark that is older than the truth (a crash before
 * the page cache wrote it) or unreadable only makes a restart replay more: the inbox's key on
 * (source, event id) drops what it already holds.
 */
final class ConsumedMark implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ConsumedMark.class);
    private static final int SIZE = 20;

    private final Path file;
    private final ReopeningChannel channel;
    private final long segment;
    private final long offset;

    private ConsumedMark(Path file, ReopeningChannel channel, long segment, long offset) {
        this.file = file;
        this.channel = channel;
        this.segment = segment;
        this.offset = offset;
    }

    static ConsumedMark open(Path dir) throws IOException {
        Path file = dir.resolve("consumed.mark");
        long segment = 0;
        long offset = 0;
        if (Files.exists(file)) {
            byte[] data = Files.readAllBytes(file);
            ByteBuffer b = ByteBuffer.wrap(data);
            if (data.length == 0) {
                LOG.debug("{}: nothing consumed yet", file);
            } else if (data.length == SIZE && SegmentFile.crc(data, 0, 16) == b.getInt(16)) {
                segment = b.getLong(0);
                offset = b.getLong(8);
            } else {
                LOG.warn("intake journal {}: the consumed mark is unreadable; every segment is replayed "
                        + "(what the database holds already is dropped as a repeat)", file);
            }
        }
        if (!Files.exists(file)) {
            Files.createFile(file);
        }
        return new ConsumedMark(file, new ReopeningChannel(file), segment, offset);
    }

    /** The segment the mark is in (0 when there is none). */
    long segment() {
        return segment;
    }

    long offset() {
        return offset;
    }

    void moveTo(long toSegment, long toOffset) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(SIZE);
        b.putLong(toSegment).putLong(toOffset);
        b.putInt(SegmentFile.crc(b.array(), 0, 16)).flip();
        channel.writeFully(b, 0);
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            LOG.debug("closing {}: {}", file, e.getMessage());
        }
    }
}
