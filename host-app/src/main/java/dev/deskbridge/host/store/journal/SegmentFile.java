package dev.deskbridge.host.store.journal;

import dev.deskbridge.host.store.StoreException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * One segment of the journal on disk: {@code <20-digit number>.journal}, made at its full size of
 * zeros before it is used (so that forcing a record never changes the file's size or blocks, only
 * its data), holding records framed as {@code length (4 bytes) | CRC32C of the payload (4) | payload}.
 * A length of zero is where the written records end.
 */
final class SegmentFile {
    static final int HEADER = 8;
    private static final String SUFFIX = ".journal";

    final long id;
    private final ReopeningChannel channel;
    final long size;
    /** Where the next record goes. */
    long offset;

    private SegmentFile(long id, ReopeningChannel channel, long size) {
        this.id = id;
        this.channel = channel;
        this.size = size;
    }

    static Path path(Path dir, long id) {
        return dir.resolve(String.format("%020d%s", id, SUFFIX));
    }

    /** The numbers of the segments in {@code dir}, oldest first. */
    static List<Long> list(Path dir) throws IOException {
        List<Long> ids = new ArrayList<>();
        try (var files = Files.newDirectoryStream(dir, "*" + SUFFIX)) {
            for (Path f : files) {
                String name = f.getFileName().toString();
                String number = name.substring(0, name.length() - SUFFIX.length());
                if (number.matches("\\d{1,20}")) {
                    ids.add(Long.parseLong(number));
                }
            }
        }
        ids.sort(null);
        return ids;
    }

    /**
     * Makes a segment of {@code size} zeros: written under a temporary name, forced, renamed, and the
     * folder forced, so a record forced into it later is found after a crash under its own name.
     */
    static SegmentFile create(Path dir, long id, long size) {
        Path target = path(dir, id);
        Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
        try {
            try (FileChannel c = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                    StandardOpenOption.WRITE)) {
                ByteBuffer zeros = ByteBuffer.allocate(1 << 20);
                for (long at = 0; at < size; at += zeros.capacity()) {
                    zeros.clear().limit((int) Math.min(zeros.capacity(), size - at));
                    while (zeros.hasRemaining()) {
                        c.write(zeros, at + zeros.position());
                    }
                }
                c.force(true);
            }
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            forceFolder(dir);
            return new SegmentFile(id, new ReopeningChannel(target), size);
        } catch (IOException e) {
            throw new StoreException("cannot make the intake journal segment " + target + ": " + e.getMessage(), e);
        }
    }

    /** Forces a folder's entries (a new or renamed file's name) to the device. */
    static void forceFolder(Path dir) throws IOException {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException e) {
            // Some file systems refuse to open a folder for forcing; there renames are ordered anyway.
            if (!System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).contains("win")) {
                throw e;
            }
        }
    }

    /** Appends a record (under the journal's lock); returns its end offset. */
    long write(byte[] payload) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(HEADER + payload.length).order(ByteOrder.BIG_ENDIAN);
        buf.putInt(payload.length).putInt(crc(payload, 0, payload.length)).put(payload).flip();
        channel.writeFully(buf, offset);
        offset += buf.limit();
        return offset;
    }

    /** Forces the records written so far to the device. */
    void force() throws IOException {
        channel.force();
    }

    /** Cuts the zeros after the last record. */
    void trimToRecords() throws IOException {
        channel.truncate(offset);
    }

    boolean fits(int payloadLength) {
        return offset + HEADER + payloadLength <= size;
    }

    void close() {
        try {
            channel.close();
        } catch (IOException e) {
            // Closing after the last force: nothing is lost.
        }
    }

    static int crc(byte[] data, int from, int length) {
        CRC32C crc = new CRC32C();
        crc.update(data, from, length);
        return (int) crc.getValue();
    }
}
