package dev.deskbridge.host.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.deskbridge.host.plugins.TestJars;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code deskbridge config reference}, and the committed {@code docs/CONFIGURATION.md} it generates. */
class ConfigReferenceCommandTest {
    /** The repository root, seen from host-app where the tests run. */
    private static final Path REPO = Path.of("").toAbsolutePath().getParent();
    static final Path COMMITTED = REPO.resolve("docs/CONFIGURATION.md");

    @TempDir
    Path home;

    @Test
    void theCommittedReferenceIsWhatTheCodeDeclares() throws Exception {
        TestJars.copyRealPlugins(home.resolve("plugins"));

        CliRun run = CliRun.run(CliRun.environment(home, Map.of()), "config", "reference");

        assertThat(run.exit()).as(run.all()).isZero();
        assertThat(Files.readString(COMMITTED, StandardCharsets.UTF_8))
                .as("docs/CONFIGURATION.md is out of date; regenerate it with "
                        + "./deskbridge config reference --output docs/CONFIGURATION.md")
                .isEqualTo(run.out());
    }

    @Test
    void theCommandsItNamesAreWrittenAsTheCliTakesThem() throws Exception {
        String md = CliRun.run(CliRun.environment(home, Map.of()), "config", "reference").out();
        assertThat(md).contains("`deskbridge config validate FILE`").doesNotContain("validate --config");
        Path file = java.nio.file.Files.writeString(home.resolve("x.yaml"), "host: { public_base_url: https://b.example.com }\n");
        assertThat(CliRun.run(CliRun.environment(home, Map.of()), "config", "validate", "--config", file.toString())
                .err()).as("the form the reference once named").contains("Unknown option");
    }

    @Test
    void documentsTheHostAndThePluginsConnectorTypesWithTheirSecrets() throws Exception {
        TestJars.copyRealPlugins(home.resolve("plugins"));

        String md = CliRun.run(CliRun.environment(home, Map.of()), "config", "reference").out();

        assertThat(md).contains("### `host`", "### `host.http`", "### `database`", "### `engine`", "### `routes[]`");
        assertThat(md).contains("| `admin_token` | text, **secret** | no |");
        assertThat(md).contains("### `zendesk` (plugin `deskbridge-zendesk-0.1.0.jar`)");
        assertThat(md).contains("### `twilio-whatsapp` (plugin `deskbridge-twilio-0.1.0.jar`)");
        assertThat(md).contains("### `twilio-conversations` (plugin `deskbridge-twilio-0.1.0.jar`)");
    }

    @Test
    void writesToAFileAndWarnsWhenAPluginDidNotLoad() throws Exception {
        Path plugins = Files.createDirectories(home.resolve("plugins"));
        Files.writeString(plugins.resolve("broken.jar"), "not a jar");
        Path out = home.resolve("docs/CONFIGURATION.md");

        CliRun run = CliRun.run(CliRun.environment(home, Map.of()), "config", "reference", "--output", out.toString());

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).contains("warning: plugin file broken.jar not loaded, its types are missing");
        assertThat(Files.readString(out)).startsWith("# DeskBridge configuration reference");
        assertThat(run.out()).contains("wrote " + out);
    }
}
