package dev.deskbridge.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DiskWritesTest {
    @TempDir
    Path dir;

    @Test
    void countsWhatReachedTheDiskUnderTheFolder() throws Exception {
        DiskWrites disk = DiskWrites.under(dir);
        long before = disk.bytes();
        // Only where the folder lies on a block device the kernel reports on (not tmpfs or overlay).
        assumeTrue(before >= 0, "no block device statistics for " + dir);
        try (FileChannel c = FileChannel.open(dir.resolve("f"), StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            c.write(ByteBuffer.allocate(4 << 20));
            c.force(true);
        }
        assertThat(disk.bytes() - before).isGreaterThanOrEqualTo(4L << 20);
    }

    @Test
    void reportsUnknownForAFolderItCannotPlace() {
        assertThat(DiskWrites.under(dir.resolve("missing")).bytes()).isEqualTo(-1);
    }
}
