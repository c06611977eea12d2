package dev.deskbridge.host.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.deskbridge.host.cli.CliRun;
import dev.deskbridge.host.plugins.TestJars;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code deskbridge demo} as a newcomer runs it: the story, the report, the exit code. */
class DemoCommandTest {
    @TempDir
    Path home;

    @Test
    void noWaitPlaysTheDayPrintsTheReportAndExitsZero() throws Exception {
        TestJars.copyRealPlugins(home.resolve("plugins"));

        CliRun run = CliRun.run(CliRun.environment(home, Map.of()), "demo", "--no-wait");

        assertThat(run.exit()).as(run.all()).isZero();
        assertThat(run.out())
                .contains("DeskBridge demo: one support day")
                .contains("deskbridge-zendesk-0.1.0.jar: deskbridge-zendesk 0.1.0 started, provides crm zendesk")
                .contains("--- Wednesday 11 November 2026 (simulated clock, UTC) ---")
                .contains("Costs 2026-11 by market")
                .contains("Totals checked against the ledger")
                .doesNotContain("Dashboard:");
        // A fresh folder under the home's data/ holds this run's configuration (no secret in it) and database.
        Path data;
        try (var dirs = Files.list(home.resolve("data"))) {
            data = dirs.filter(d -> d.getFileName().toString().startsWith("demo-")).findFirst().orElseThrow();
        }
        String config = Files.readString(data.resolve("deskbridge.yaml"));
        assertThat(config).contains("${DEMO_ZENDESK_API_TOKEN}").contains("type: zendesk").contains("hold-and-reengage");
        assertThat(run.out()).contains(data.resolve("deskbridge.yaml").toString());

        // The command the demo suggests reads the same ledger afterwards.
        String url = "jdbc:h2:file:" + data.resolve("deskbridge");
        assertThat(run.out()).contains("./deskbridge costs --database " + url + " --month 2026-11 --by category");
        CliRun costs = CliRun.run(CliRun.environment(home, Map.of()), "costs", "--database", url, "--month", "2026-11",
                "--by", "category");
        assertThat(costs.exit()).as(costs.all()).isZero();
        assertThat(costs.out()).contains("Costs 2026-11 by category").contains("utility").containsPattern("total\\s+USD\\s+7");
    }

    @Test
    void withoutTheZendeskPluginItSaysHowToBuildItAndExitsOne() throws Exception {
        Files.createDirectories(home.resolve("empty-plugins"));

        CliRun run = CliRun.run(CliRun.environment(home, Map.of()), "demo", "--no-wait", "--plugins-dir",
                home.resolve("empty-plugins").toString(), "--data", home.resolve("run").toString());

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).contains("provides the 'zendesk' CRM type").contains("./mvnw -B package");
    }

    @Test
    void aPortOutOfRangeIsABadArgument() {
        CliRun run = CliRun.run(CliRun.environment(home, Map.of()), "demo", "--no-wait", "--port", "70000");

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("--port must be 0..65535, got 70000");
    }
}
