package dev.deskbridge.host.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

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
    void everyCommandIsListedAndAnswersItsHelpOnItsOwnAndThroughHelp() {
        String usage = CliRun.run(CliRun.environment(home, Map.of()), "--help").out();
        for (Class<?> command : DeskBridgeCli.COMMANDS) {
            String name = command.getAnnotation(CommandLine.Command.class).name();
            assertThat(usage).contains("  " + name + " ");
            CliRun own = CliRun.run(CliRun.environment(home, Map.of()), name, "--help");
            assertThat(own.exit()).as(name).isZero();
            assertThat(own.out()).as(name).contains("Usage: deskbridge " + name + " ");
            if (!name.equals("help")) {
                assertThat(CliRun.run(CliRun.environment(home, Map.of()), "help", name).out()).isEqualTo(own.out());
            }
        }
    }

    @Test
    void aCommandNamedFirstIsTheOnlyOneBuiltAndAnyOtherStartBuildsThemAll() {
        DeskBridgeCli cli = new DeskBridgeCli(CliRun.environment(home, Map.of()));
        assertThat(DeskBridgeCli.commandLine(cli, "run", "--config", "x.yaml").getSubcommands()).containsOnlyKeys("run");
        assertThat(DeskBridgeCli.commandLine(cli, "help", "run").getSubcommands()).hasSize(DeskBridgeCli.COMMANDS.size());
        assertThat(DeskBridgeCli.commandLine(cli, "--version").getSubcommands()).hasSize(DeskBridgeCli.COMMANDS.size());
        assertThat(DeskBridgeCli.commandLine(cli, "runn").getSubcommands()).containsKey("run");
        CliRun typo = CliRun.run(CliRun.environment(home, Map.of()), "runn");
        assertThat(typo.exit()).isEqualTo(2);
        assertThat(typo.err()).contains("Did you mean: deskbridge run?");
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
