package dev.deskbridge.host.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the CLI says when asked for help or given no command. */
class CliUsageTest {
    @TempDir
    Path home;

    @Test
    void noCommandPrintsTheUsageAndFails() {
        CliRun run = CliRun.run(CliRun.environment(home, Map.of()));
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("Usage: deskbridge").contains("costs").contains("run");
        assertThat(run.out()).isEmpty();
        assertThat(CliRun.run(CliRun.environment(home, Map.of()), "--help").exit()).isZero();
    }

    @Test
    void configHelpNamesTheEnvironmentVariablesForm() {
        for (String[] args : new String[][] {{"config", "--help"}, {"config", "validate", "--help"}}) {
            CliRun run = CliRun.run(CliRun.environment(home, Map.of()), args);
            assertThat(run.exit()).isZero();
            assertThat(run.out()).doesNotContain("null").contains("${NAME}");
        }
    }
}
