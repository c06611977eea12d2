package dev.deskbridge.host.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded database holds customers' numbers and messages: only the host's account may read it. */
class DatabaseFilesTest {
    @TempDir
    Path dir;

    @Test
    void theEmbeddedDatabaseIsOwnerOnly() throws Exception {
        assumeTrue(dir.getFileSystem().supportedFileAttributeViews().contains("posix"), "POSIX permissions");
        Path file = dir.resolve("data").resolve("deskbridge");
        try (Database db = Database.open(Database.h2File(file), 2)) {
            assertThat(db.isReachable()).isTrue();
            List<Path> files;
            try (Stream<Path> s = Files.list(file.getParent())) {
                files = s.filter(p -> p.getFileName().toString().startsWith("deskbridge.")).toList();
            }
            assertThat(files).extracting(p -> p.getFileName().toString()).contains("deskbridge.mv.db");
            for (Path f : files) {
                assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f))).as(f.toString())
                        .isEqualTo("rw-------");
            }
        }
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())))
                .isEqualTo("rwx------");
    }

    @Test
    void onlyFileUrlsNameAFile() {
        assertThat(Database.h2FilePath("jdbc:h2:file:/srv/db/deskbridge;MODE=PostgreSQL"))
                .contains(Path.of("/srv/db/deskbridge"));
        assertThat(Database.h2FilePath("jdbc:h2:./data/deskbridge")).contains(Path.of("data/deskbridge")
                .toAbsolutePath().normalize());
        assertThat(Database.h2FilePath("jdbc:h2:mem:test")).isEmpty();
        assertThat(Database.h2FilePath("jdbc:h2:tcp://localhost/db")).isEmpty();
        assertThat(Database.h2FilePath("jdbc:postgresql://db/x")).isEmpty();
        assertThat(Database.h2FilePath("jdbc:h2:retry:/srv/db/deskbridge")).contains(Path.of("/srv/db/deskbridge"));
        assertThat(Database.h2FilePath("jdbc:h2:retry:file:/srv/db/deskbridge"))
                .contains(Path.of("/srv/db/deskbridge"));
    }

    @Test
    void aFileIsOpenedThroughH2sRetryFileSystemAndNothingElseIs() {
        assertThat(Database.jdbcUrl("jdbc:h2:file:/srv/db/deskbridge"))
                .startsWith("jdbc:h2:retry:file:/srv/db/deskbridge;MODE=PostgreSQL;").endsWith(";AUTO_SERVER=TRUE");
        assertThat(Database.jdbcUrl("jdbc:h2:./data/deskbridge")).startsWith("jdbc:h2:retry:./data/deskbridge;");
        assertThat(Database.jdbcUrl("jdbc:h2:retry:/srv/db/deskbridge")).startsWith("jdbc:h2:retry:/srv/db/deskbridge;");
        assertThat(Database.jdbcUrl("jdbc:h2:file:/srv/x;MODE=PostgreSQL")).isEqualTo("jdbc:h2:retry:file:/srv/x;MODE=PostgreSQL");
        assertThat(Database.jdbcUrl("jdbc:h2:mem:test")).startsWith("jdbc:h2:mem:test;MODE=PostgreSQL;")
                .doesNotContain("AUTO_SERVER");
        assertThat(Database.jdbcUrl("jdbc:postgresql://db/x")).isEqualTo("jdbc:postgresql://db/x");
    }
}
