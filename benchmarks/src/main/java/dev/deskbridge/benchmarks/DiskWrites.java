package dev.deskbridge.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What the disk under a folder has written so far, from the kernel's block device statistics
 * (Linux {@code /sys/dev/block/MAJOR:MINOR/stat}, sectors written). It counts every process on the
 * machine, so a figure is only the host's on a quiet machine; it is what the disk really took,
 * including the file system's own journal. A process's {@code write_bytes} in {@code /proc/PID/io}
 * is not used: it is counted when a page is dirtied, and on this machine it read 4-10 times what
 * the disk wrote and what H2 reported writing.
 */
final class DiskWrites {
    private static final long SECTOR = 512;

    private final Path stat;

    private DiskWrites(Path stat) {
        this.stat = stat;
    }

    /** The disk that holds {@code folder}; one that reports nothing when it cannot be found. */
    static DiskWrites under(Path folder) {
        try {
            Object dev = Files.getAttribute(folder, "unix:dev");
            long d = ((Number) dev).longValue();
            // glibc's encoding of dev_t.
            long major = ((d >>> 8) & 0xfff) | ((d >>> 32) & ~0xfffL);
            long minor = (d & 0xff) | ((d >>> 12) & ~0xffL);
            Path stat = Path.of("/sys/dev/block", major + ":" + minor, "stat");
            return new DiskWrites(Files.isReadable(stat) ? stat : null);
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return new DiskWrites(null);
        }
    }

    /** Bytes written to the disk since it started; -1 when unknown. */
    long bytes() {
        if (stat == null) {
            return -1;
        }
        try {
            String[] fields = Files.readString(stat).trim().split("\\s+");
            return Long.parseLong(fields[6]) * SECTOR;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }
}
