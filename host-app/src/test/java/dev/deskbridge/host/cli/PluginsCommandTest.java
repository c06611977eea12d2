package dev.deskbridge.host.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.deskbridge.connector.api.ApiVersion;
import dev.deskbridge.host.plugins.FileDigest;
import dev.deskbridge.host.plugins.TestJars;
import dev.deskbridge.host.plugins.testplugin.SampleCrm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PluginsCommandTest {
    @TempDir
    Path home;

    private Path plugins() throws Exception {
        return Files.createDirectories(home.resolve("plugins"));
    }

    /** The lines of the block printed for one file. */
    private static String block(String out, String fileName) {
        int start = out.indexOf(fileName + "\n");
        assertThat(start).as("a block for " + fileName + " in:\n" + out).isGreaterThanOrEqualTo(0);
        int end = out.indexOf("\n\n", start);
        return out.substring(start, end < 0 ? out.length() : end);
    }

    @Test
    void listsTheTwoRealPluginsWithTheirExtensionTypes() throws Exception {
        TestJars.copyRealPlugins(plugins());

        CliRun run = CliRun.run(CliRun.environment(home, Map.of()), "plugins");

        assertThat(run.exit()).as(run.all()).isZero();
        // The digest to put in plugins.trusted, though none is set (the host itself then hashes nothing).
        assertThat(block(run.out(), "deskbridge-zendesk-0.1.0.jar"))
                .contains("state:    STARTED", "plugin:   deskbridge-zendesk 0.1.0", "provides: crm zendesk",
                        "sha256:   " + FileDigest.sha256(plugins().resolve("deskbridge-zendesk-0.1.0.jar")));
        assertThat(block(run.out(), "deskbridge-twilio-0.1.0.jar"))
                .contains("state:    STARTED", "plugin:   deskbridge-twilio 0.1.0",
                        "channel twilio-whatsapp", "crm twilio-conversations");
        assertThat(run.out()).contains("2 started, 0 not loaded");
    }

    @Test
    void anEntryThatIsADeviceIsReportedWithoutBeingRead() throws Exception {
        Path dir = plugins();
        TestJars.samplePlugin(dir.resolve("good.jar"), "sample");
        Files.createSymbolicLink(dir.resolve("zero.jar"), Path.of("/dev/zero"));

        // Before: reported, then read for its digest for ever (the command never ended).
        CliRun run = java.util.concurrent.CompletableFuture.supplyAsync(() -> CliRun.run(CliRun.environment(home,
                Map.of()), "plugins")).get(60, java.util.concurrent.TimeUnit.SECONDS);

        assertThat(run.exit()).as(run.all()).isEqualTo(1);
        assertThat(block(run.out(), "zero.jar")).contains("state:    FAILED").doesNotContain("sha256");
        assertThat(run.out()).contains("1 started, 1 not loaded");
    }

    @Test
    void aPluginRequiringANewerConnectorApiIsRefusedWithAClearLineAndTheOthersStillLoad() throws Exception {
        Path dir = plugins();
        TestJars.copyRealPlugins(dir);
        String next = (Integer.parseInt(ApiVersion.current().split("\\.")[0]) + 1) + ".0.0"; // a newer API
        TestJars.jar(dir.resolve("from-the-future.jar"), TestJars.descriptor("future-crm", "2.0.0", ">=" + next),
                List.of(SampleCrm.class.getName()), SampleCrm.class);

        CliRun run = CliRun.run(CliRun.environment(home, Map.of()), "plugins");

        assertThat(run.exit()).as(run.all()).isEqualTo(1);
        assertThat(block(run.out(), "from-the-future.jar")).contains("state:    FAILED", "plugin:   future-crm 2.0.0",
                "reason:   requires connector API >=" + next + ", but this host provides connector API "
                        + ApiVersion.current() + ": use a DeskBridge host with that API, or a plugin built for this one");
        assertThat(block(run.out(), "deskbridge-zendesk-0.1.0.jar")).contains("STARTED", "provides: crm zendesk");
        assertThat(block(run.out(), "deskbridge-twilio-0.1.0.jar")).contains("STARTED", "channel twilio-whatsapp");
        assertThat(run.out()).contains("2 started, 1 not loaded");
    }

    @Test
    void theBuiltPluginsRequireTheConnectorApiTheyWereBuiltAgainst() throws Exception {
        for (String id : List.of("deskbridge-zendesk", "deskbridge-twilio")) {
            try (java.util.jar.JarFile jar = new java.util.jar.JarFile(TestJars.realPlugin(id).toFile())) {
                assertThat(jar.getManifest().getMainAttributes().getValue("Plugin-Requires"))
                        .as(id).isEqualTo(">=" + ApiVersion.current());
            }
        }
    }

    @Test
    void namesTheBadFilesWithTheirReasonsStillListsTheGoodOnesAndFails() throws Exception {
        Path dir = plugins();
        TestJars.copyRealPlugins(dir);
        TestJars.truncatedCopy(TestJars.realPlugin("deskbridge-twilio"), dir.resolve("deskbridge-twilio-copy.jar"), 0.6);
        Files.writeString(dir.resolve("readme.jar"), "Just some text, renamed .jar by mistake.\n");

        CliRun run = CliRun.run(CliRun.environment(home, Map.of()), "plugins", "--dir", dir.toString());

        assertThat(run.exit()).as(run.all()).isEqualTo(1);
        assertThat(block(run.out(), "deskbridge-twilio-copy.jar"))
                .contains("state:    FAILED", "reason:   not a readable jar file (truncated or corrupt)");
        assertThat(block(run.out(), "readme.jar"))
                .contains("state:    FAILED", "reason:   not a readable jar file (truncated or corrupt)");
        assertThat(block(run.out(), "deskbridge-zendesk-0.1.0.jar")).contains("STARTED", "provides: crm zendesk");
        assertThat(block(run.out(), "deskbridge-twilio-0.1.0.jar")).contains("STARTED", "channel twilio-whatsapp");
        assertThat(run.out()).contains("2 started, 2 not loaded");
    }

    @Test
    void takesTrustedDigestsFromAConfigFile() throws Exception {
        Path dir = plugins();
        TestJars.copyRealPlugins(dir);
        String zendesk = FileDigest.sha256(dir.resolve("deskbridge-zendesk-0.1.0.jar"));
        Path config = Files.writeString(home.resolve("deskbridge.yaml"),
                "plugins:\n  dir: plugins\n  trusted:\n    - " + zendesk + "\n");

        CliRun run = CliRun.run(CliRun.environment(home, Map.of()), "plugins", "--config", config.toString());

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.out()).contains("(only the 1 trusted digests)");
        assertThat(block(run.out(), "deskbridge-zendesk-0.1.0.jar")).contains("STARTED");
        assertThat(block(run.out(), "deskbridge-twilio-0.1.0.jar"))
                .contains("state:    REFUSED", "reason:   not trusted: its SHA-256 digest is not listed in plugins.trusted");
    }

    @Test
    void aMissingFolderIsAnError() {
        CliRun run = CliRun.run(CliRun.environment(home, Map.of()), "plugins", "--dir", home.resolve("nope").toString());
        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).contains("no plugins folder at " + home.resolve("nope"));
    }

    @Test
    void anEmptyFolderSaysSo() throws Exception {
        plugins();
        CliRun run = CliRun.run(CliRun.environment(home, Map.of()), "plugins");
        assertThat(run.exit()).isZero();
        assertThat(run.out()).contains("(no .jar files)", "0 started, 0 not loaded");
    }
}
