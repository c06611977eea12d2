package dev.deskbridge.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A benchmark refuses a jar older than a source it is built from, and says which and what to build. */
class BuiltJarsTest {
    static final Instant BUILT = Instant.parse("2026-12-07T01:00:00Z");

    @TempDir
    Path root;

    @Test
    void aJarNewerThanItsSourcesIsTakenAndOneOlderIsRefusedNamingTheChangedFile() throws Exception {
        Path jar = file("host-app/target/deskbridge-host.jar", BUILT);
        file("host-app/src/main/java/dev/A.java", BUILT.minusSeconds(60));
        file("connector-api/src/main/java/dev/B.java", BUILT.minusSeconds(30));
        // Tests and other modules do not go into the host's jar.
        file("host-app/src/test/java/dev/ATest.java", BUILT.plusSeconds(60));
        file("connector-zendesk/src/main/java/dev/Z.java", BUILT.plusSeconds(60));
        assertThat(BuiltJars.built(root, "host-app/target/deskbridge-host.jar")).isEqualTo(jar);

        file("connector-api/src/main/java/dev/B.java", BUILT.plusSeconds(5));
        file("host-app/src/main/resources/db/migration/V99__x.sql", BUILT.plusSeconds(90));
        assertThatThrownBy(() -> BuiltJars.built(root, "host-app/target/deskbridge-host.jar"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("stale build: host-app/target/deskbridge-host.jar")
                .hasMessageContaining("V99__x.sql")
                .hasMessageContaining(BuiltJars.BUILD);
        // The plugin is built from the Zendesk module only: changed after its jar, refused too.
        file("plugins/deskbridge-zendesk-0.1.0.jar", BUILT);
        assertThatThrownBy(() -> BuiltJars.built(root, "plugins/deskbridge-zendesk-0.1.0.jar"))
                .hasMessageContaining("connector-zendesk/src/main/java/dev/Z.java".replace('/', java.io.File.separatorChar));
    }

    @Test
    void theBenchmarksOwnJarIsCheckedTooAndAMissingJarSaysWhatToBuild() throws Exception {
        file("plugins/deskbridge-zendesk-0.1.0.jar", BUILT);
        file("benchmarks/target/benchmarks.jar", BUILT);
        file("benchmarks/src/main/java/dev/Bench.java", BUILT.plusSeconds(1));
        assertThatThrownBy(() -> BuiltJars.built(root, "plugins/deskbridge-zendesk-0.1.0.jar"))
                .hasMessageContaining("stale build: benchmarks/target/benchmarks.jar");
        assertThatThrownBy(() -> BuiltJars.built(root, "host-app/target/deskbridge-host.jar"))
                .hasMessageContaining("build first").hasMessageContaining(BuiltJars.BUILD);
    }

    @Test
    void aStaleBuildIsMeasuredWhenAskedFor() throws Exception {
        Path jar = file("host-app/target/deskbridge-host.jar", BUILT);
        file("host-app/src/main/java/dev/A.java", BUILT.plusSeconds(60));
        System.setProperty("bench.staleBuildOk", "true");
        try {
            assertThat(BuiltJars.built(root, "host-app/target/deskbridge-host.jar")).isEqualTo(jar);
        } finally {
            System.clearProperty("bench.staleBuildOk");
        }
    }

    private Path file(String relative, Instant modified) throws Exception {
        Path f = root.resolve(relative);
        Files.createDirectories(f.getParent());
        Files.writeString(f, relative);
        Files.setLastModifiedTime(f, FileTime.from(modified));
        return f;
    }
}
