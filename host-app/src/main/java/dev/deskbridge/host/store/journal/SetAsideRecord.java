package dev.deskbridge.host.store.journal;

import dev.deskbridge.host.store.StoreException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Keeps a record the mover cannot read (written by another version, or by a defect) in a file of
 * its own beside the journal, so that it no longer blocks the records after it and is not lost: an
 * acknowledged webhook is never dropped, only set aside where an operator can find it.
 */
final class SetAsideRecord {
    /** The folder, inside the journal's, that holds set-aside records. */
    static final String FOLDER = "set-aside";

    private SetAsideRecord() {}

    /** Writes {@code record}'s payload to {@code dir/set-aside/segment-<n>-<end>.record}, forced, and returns that file. */
    static Path write(Path dir, JournalRecord record) {
        Path folder = dir.resolve(FOLDER);
        Path file = folder.resolve("segment-" + record.segment() + "-" + record.end() + ".record");
        Path tmp = folder.resolve(file.getFileName() + ".part");
        try {
            Files.createDirectories(folder);
            try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                out.write(java.nio.ByteBuffer.wrap(record.payload()));
                out.force(true);
            }
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            SegmentFile.forceFolder(folder); // the rename itself survives a crash
            return file;
        } catch (IOException e) {
            throw new StoreException("cannot set aside an unreadable intake journal record as " + file + ": "
                    + e.getMessage(), e);
        }
    }
}
