package dev.deskbridge.host.plugins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.deskbridge.connector.api.CrmConnector;
import dev.deskbridge.connector.api.MessagingChannel;
import dev.deskbridge.host.config.PluginsConfig;
import dev.deskbridge.host.plugins.testplugin.ExplodingChannel;
import dev.deskbridge.host.plugins.testplugin.SampleCrm;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PluginHostTest {
    private static final String HOST = "0.1.0";

    @TempDir
    Path dir;

    private PluginHost load() throws Exception {
        return PluginHost.load(PluginsConfig.untrusted(dir), HOST);
    }

    private static PluginReport report(PluginHost host, String fileName) {
        return host.reports().stream().filter(r -> r.fileName().equals(fileName)).findFirst().orElseThrow();
    }

    @Test
    void loadsTheRealPluginFilesFromAFolderAndFindsTheirExtensions() throws Exception {
        TestJars.copyRealPlugins(dir);
        try (PluginHost host = load()) {
            assertThat(host.reports()).hasSize(2).allSatisfy(r -> {
                assertThat(r.state()).isEqualTo(PluginReport.State.STARTED);
                assertThat(r.problems()).isEmpty();
                assertThat(r.version()).contains("0.1.0");
                // Hashed only to be checked against plugins.trusted, which is not set here.
                assertThat(r.sha256()).isEmpty();
            });
            assertThat(report(host, "deskbridge-zendesk-0.1.0.jar").pluginId()).contains("deskbridge-zendesk");
            assertThat(report(host, "deskbridge-zendesk-0.1.0.jar").extensions()).extracting(Object::toString)
                    .containsExactly("crm zendesk");
            assertThat(report(host, "deskbridge-twilio-0.1.0.jar").extensions()).extracting(Object::toString)
                    .containsExactlyInAnyOrder("channel twilio-whatsapp", "crm twilio-conversations");

            ConnectorRegistry registry = ConnectorRegistry.of(BuiltInConnectors.none(), host);
            assertThat(registry.crmTypes()).containsExactly("twilio-conversations", "zendesk");
            assertThat(registry.channelTypes()).containsExactly("twilio-whatsapp");
            assertThat(registry.problems()).isEmpty();
            CrmConnector zendesk = registry.crm("zendesk").orElseThrow();
            // Loaded from the plugin file by its own class loader, not from the host's class path; one
            // that locks a class, not itself, while loading it (PF4J's deadlocked the host under JFR).
            assertThat(zendesk.getClass().getClassLoader()).isInstanceOf(PluginJarClassLoader.class)
                    .matches(ClassLoader::isRegisteredAsParallelCapable, "parallel capable");
            assertThatThrownBy(() -> Class.forName(zendesk.getClass().getName()))
                    .isInstanceOf(ClassNotFoundException.class);
            assertThat(registry.crmSpec("zendesk")).get()
                    .satisfies(spec -> assertThat(spec.setting("api_token")).get().matches(s -> s.secret()));
            MessagingChannel twilio = registry.channel("twilio-whatsapp").orElseThrow();
            assertThat(twilio.configSpec().settings()).isNotEmpty();
        }
    }

    @Test
    void aTruncatedJarIsReportedAndTheOthersStillLoad() throws Exception {
        TestJars.copyRealPlugins(dir);
        TestJars.truncatedCopy(TestJars.realPlugin("deskbridge-zendesk"), dir.resolve("zendesk-half.jar"), 0.5);
        try (PluginHost host = load()) {
            PluginReport bad = report(host, "zendesk-half.jar");
            assertThat(bad.state()).isEqualTo(PluginReport.State.FAILED);
            assertThat(bad.reason()).startsWith("not a readable jar file (truncated or corrupt)");
            assertThat(host.reports()).filteredOn(PluginReport::started).hasSize(2);
            assertThat(host.reports()).extracting(PluginReport::started).contains(false);
            assertThat(ConnectorRegistry.of(BuiltInConnectors.none(), host).crmTypes())
                    .containsExactly("twilio-conversations", "zendesk");
        }
    }

    @Test
    void aTextFileRenamedJarIsReportedNotThrown() throws Exception {
        Files.writeString(dir.resolve("notes.jar"), "this is not a jar\n", StandardCharsets.UTF_8);
        TestJars.samplePlugin(dir.resolve("sample.jar"), "sample");
        try (PluginHost host = load()) {
            assertThat(report(host, "notes.jar").reason()).startsWith("not a readable jar file (truncated or corrupt)");
            assertThat(report(host, "sample.jar").started()).isTrue();
        }
    }

    @Test
    void aJarWithoutDescriptorIsNotAPlugin() throws Exception {
        TestJars.jar(dir.resolve("plain.jar"), Map.of(), List.of(SampleCrm.class.getName()), SampleCrm.class);
        try (PluginHost host = load()) {
            PluginReport r = report(host, "plain.jar");
            assertThat(r.state()).isEqualTo(PluginReport.State.FAILED);
            assertThat(r.reason()).isEqualTo(
                    "not a PF4J plugin: no Plugin-Id in META-INF/MANIFEST.MF and no plugin.properties");
            assertThat(r.pluginId()).isEmpty();
        }
    }

    @Test
    void aZipWithoutManifestIsNotAPluginAndSaysSo() throws Exception {
        try (java.util.zip.ZipOutputStream zip = new java.util.zip.ZipOutputStream(
                Files.newOutputStream(dir.resolve("readme-only.jar")))) {
            zip.putNextEntry(new java.util.zip.ZipEntry("readme.txt"));
            zip.write("hello".getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }
        TestJars.samplePlugin(dir.resolve("sample.jar"), "sample");
        try (PluginHost host = load()) {
            // Before: "No PluginDescriptorFinder for plugin ...", after PF4J logged a NullPointerException's stack trace.
            assertThat(report(host, "readme-only.jar").reason())
                    .isEqualTo("not a PF4J plugin: the jar has no META-INF/MANIFEST.MF and no plugin.properties");
            assertThat(report(host, "sample.jar").started()).isTrue();
        }
    }

    @Test
    void aPluginRequiringANewerConnectorApiIsRefusedWithBothVersions() throws Exception {
        TestJars.jar(dir.resolve("future.jar"), TestJars.descriptor("future", "9.0.0", ">=99.0.0"),
                List.of(SampleCrm.class.getName()), SampleCrm.class);
        TestJars.samplePlugin(dir.resolve("sample.jar"), "sample");
        try (PluginHost host = load()) {
            PluginReport r = report(host, "future.jar");
            assertThat(r.state()).isEqualTo(PluginReport.State.FAILED);
            assertThat(r.pluginId()).contains("future");
            assertThat(r.version()).contains("9.0.0");
            assertThat(r.reason()).isEqualTo("requires connector API >=99.0.0, but this host provides connector API 0.1.0:"
                    + " use a DeskBridge host with that API, or a plugin built for this one");
            assertThat(report(host, "sample.jar").started()).isTrue();
        }
    }

    @Test
    void anExtensionClassThatIsMissingIsReported() throws Exception {
        TestJars.jar(dir.resolve("missing-class.jar"), TestJars.descriptor("missing", "1.0.0", ">=0.1.0"),
                List.of("com.example.NoSuchConnector"));
        try (PluginHost host = load()) {
            PluginReport r = report(host, "missing-class.jar");
            assertThat(r.state()).isEqualTo(PluginReport.State.FAILED);
            assertThat(r.reason()).isEqualTo(
                    "extension com.example.NoSuchConnector failed to load: ClassNotFoundException: com.example.NoSuchConnector");
        }
    }

    @Test
    void anExtensionThatCannotBeCreatedIsReported() throws Exception {
        TestJars.jar(dir.resolve("exploding.jar"), TestJars.descriptor("exploding", "1.0.0", ">=0.1.0"),
                List.of(ExplodingChannel.class.getName()), ExplodingChannel.class);
        TestJars.samplePlugin(dir.resolve("sample.jar"), "sample");
        try (PluginHost host = load()) {
            PluginReport r = report(host, "exploding.jar");
            assertThat(r.state()).isEqualTo(PluginReport.State.FAILED);
            assertThat(r.reason()).startsWith("extension " + ExplodingChannel.class.getName() + " failed to load")
                    .contains("exploding on purpose");
            assertThat(host.channels()).isEmpty();
            assertThat(host.crmConnectors()).extracting(Provided::type).containsExactly("sample-crm");
        }
    }

    @Test
    void aPluginWithoutExtensionIndexIsReported() throws Exception {
        TestJars.jar(dir.resolve("empty.jar"), TestJars.descriptor("empty", "1.0.0", ""), null, SampleCrm.class);
        try (PluginHost host = load()) {
            assertThat(report(host, "empty.jar").reason())
                    .isEqualTo("provides no CrmConnector or MessagingChannel: META-INF/extensions.idx is missing or empty");
        }
    }

    @Test
    void aPluginWhoseStartHangsIsReportedAndTheOthersStillLoad() throws Exception {
        java.util.Map<String, String> manifest = new java.util.HashMap<>(TestJars.descriptor("hanging", "1.0.0",
                ">=0.1.0"));
        manifest.put("Plugin-Class", dev.deskbridge.host.plugins.testplugin.HangingPlugin.class.getName());
        TestJars.jar(dir.resolve("a-hanging.jar"), manifest, List.of(SampleCrm.class.getName()),
                dev.deskbridge.host.plugins.testplugin.HangingPlugin.class, SampleCrm.class);
        TestJars.samplePlugin(dir.resolve("b-sample.jar"), "sample");
        long start = System.nanoTime();
        try (PluginHost host = load()) {
            // Before: load() never returned, and the host never listened.
            assertThat(java.time.Duration.ofNanos(System.nanoTime() - start))
                    .isLessThan(PluginHost.START_DEADLINE.plusSeconds(10));
            assertThat(report(host, "a-hanging.jar").reason()).isEqualTo("the plugin's start() did not return within "
                    + PluginHost.START_DEADLINE.toSeconds() + " s");
            assertThat(report(host, "b-sample.jar").started()).isTrue();
            assertThat(host.crmConnectors()).hasSize(1);
        }
    }

    @Test
    void anExtensionIndexThatUnpacksPastItsLimitIsRefusedUnread() throws Exception {
        // 4 MB of one line, a few KB in the jar: read whole, a gigabyte of it ended the host with an OutOfMemoryError.
        TestJars.jar(dir.resolve("bomb.jar"), TestJars.descriptor("bomb", "1.0.0", ">=0.1.0"),
                List.of("A".repeat(4 * 1024 * 1024)));
        try (PluginHost host = load()) {
            assertThat(report(host, "bomb.jar").reason())
                    .isEqualTo("META-INF/extensions.idx is over 1024 KiB unpacked: not a plugin's");
        }
    }

    @Test
    void aProblemQuotingAHugeNameIsCut() throws Exception {
        TestJars.jar(dir.resolve("long-name.jar"), TestJars.descriptor("long-name", "1.0.0", ">=0.1.0"),
                List.of("com.example." + "A".repeat(100_000)));
        try (PluginHost host = load()) {
            String reason = report(host, "long-name.jar").reason();
            assertThat(reason).startsWith("extension com.example.AAAA").contains("more chars)");
            assertThat(reason.length()).isLessThan(PluginReport.MAX_PROBLEM_CHARS + 100);
        }
    }

    @Test
    void entriesNamedLikeJarsThatAreNotFilesAreReported() throws Exception {
        TestJars.samplePlugin(dir.resolve("good.jar"), "sample");
        Files.createDirectories(dir.resolve("a-folder.jar"));
        Files.createSymbolicLink(dir.resolve("b-dangling.jar"), dir.resolve("no-such-release/zendesk.jar"));
        try (PluginHost host = load()) {
            // Before: only good.jar was listed, and the folder and the broken link went unmentioned.
            assertThat(report(host, "a-folder.jar").reason()).isEqualTo("a folder, not a jar file");
            assertThat(report(host, "b-dangling.jar").reason()).isEqualTo("a link to something that does not exist");
            assertThat(report(host, "good.jar").started()).isTrue();
        }
    }

    @Test
    void theSamePluginIdTwiceIsReportedOnTheSecondFile() throws Exception {
        TestJars.samplePlugin(dir.resolve("a.jar"), "sample");
        TestJars.samplePlugin(dir.resolve("b.jar"), "sample");
        try (PluginHost host = load()) {
            assertThat(report(host, "a.jar").started()).isTrue();
            assertThat(report(host, "b.jar").reason()).isEqualTo("plugin id 'sample' is already loaded from a.jar");
        }
    }

    @Test
    void trustedDigestsAdmitListedFilesAndRefuseTheOthersBeforeLoading() throws Exception {
        List<Path> copies = TestJars.copyRealPlugins(dir);
        Path zendesk = copies.stream().filter(p -> p.getFileName().toString().contains("zendesk")).findFirst().orElseThrow();
        String digest = FileDigest.sha256(zendesk);
        try (PluginHost host = PluginHost.load(new PluginsConfig(dir, Optional.of(Set.of(digest.toUpperCase()))), HOST)) {
            PluginReport z = report(host, zendesk.getFileName().toString());
            assertThat(z.started()).isTrue();
            assertThat(z.sha256()).contains(digest);
            PluginReport t = report(host, "deskbridge-twilio-0.1.0.jar");
            assertThat(t.state()).isEqualTo(PluginReport.State.REFUSED);
            assertThat(t.reason()).isEqualTo("not trusted: its SHA-256 digest is not listed in plugins.trusted");
            // Refused before its descriptor was even read.
            assertThat(t.pluginId()).isEmpty();
            assertThat(t.sha256()).get().isNotEqualTo(digest);
            assertThat(host.channels()).isEmpty();
        }
    }

    @Test
    void anEmptyTrustedListRefusesEverything() throws Exception {
        TestJars.samplePlugin(dir.resolve("sample.jar"), "sample");
        try (PluginHost host = PluginHost.load(new PluginsConfig(dir, Optional.of(Set.of())), HOST)) {
            assertThat(report(host, "sample.jar").state()).isEqualTo(PluginReport.State.REFUSED);
        }
    }

    @Test
    void aMissingFolderHoldsNoPlugins() throws Exception {
        try (PluginHost host = PluginHost.load(PluginsConfig.untrusted(dir.resolve("nope")), HOST)) {
            assertThat(host.reports()).isEmpty();
        }
    }

    @Test
    void nonJarFilesAreIgnored() throws Exception {
        Files.writeString(dir.resolve("disabled.txt"), "");
        Files.writeString(dir.resolve(".gitkeep"), "");
        try (PluginHost host = load()) {
            assertThat(host.reports()).isEmpty();
        }
    }
}
