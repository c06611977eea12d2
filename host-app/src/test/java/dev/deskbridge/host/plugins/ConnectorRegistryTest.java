package dev.deskbridge.host.plugins;

import static org.assertj.core.api.Assertions.assertThat;

import dev.deskbridge.host.config.PluginsConfig;
import dev.deskbridge.host.plugins.testplugin.BuiltInTestChannel;
import dev.deskbridge.host.plugins.testplugin.SampleCrm;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConnectorRegistryTest {
    @TempDir
    Path dir;

    /** A class loader that also sees the test-only service file, as the host jar sees its own. */
    private static ClassLoader withTestServices() {
        URL root = ConnectorRegistryTest.class.getClassLoader().getResource("builtin-services/");
        return new URLClassLoader(new URL[] {root}, ConnectorRegistryTest.class.getClassLoader());
    }

    @Test
    void builtInsAreFoundWithServiceLoaderAndABrokenEntryIsReported() {
        BuiltInConnectors builtIns = BuiltInConnectors.load(withTestServices());
        assertThat(builtIns.channels()).anySatisfy(p -> {
            assertThat(p.type()).isEqualTo("builtin-test");
            assertThat(p.connector()).isInstanceOf(BuiltInTestChannel.class);
            assertThat(p.source()).isEqualTo(BuiltInConnectors.SOURCE);
        });
        assertThat(builtIns.problems()).singleElement().asString()
                .startsWith("built-in MessagingChannel failed to load")
                .contains("dev.deskbridge.missing.NoSuchChannel");
    }

    @Test
    void builtInsAndPluginsTogetherAndDuplicateTypesAreReported() throws Exception {
        TestJars.samplePlugin(dir.resolve("a-sample.jar"), "sample-a");
        TestJars.samplePlugin(dir.resolve("b-sample.jar"), "sample-b");
        TestJars.jar(dir.resolve("c-channel.jar"), TestJars.descriptor("channel-c", "1.0.0", "*"),
                List.of(BuiltInTestChannel.class.getName()), BuiltInTestChannel.class);
        try (PluginHost host = PluginHost.load(PluginsConfig.untrusted(dir), "0.1.0")) {
            assertThat(host.reports()).extracting(PluginReport::started).containsOnly(true);
            ConnectorRegistry registry = ConnectorRegistry.of(BuiltInConnectors.load(withTestServices()), host);

            assertThat(registry.crmTypes()).containsExactly("sample-crm");
            assertThat(registry.channelTypes()).contains("builtin-test");
            // The built-in wins over a plugin, the first file over a later one.
            assertThat(registry.channel("builtin-test")).get().isInstanceOf(BuiltInTestChannel.class);
            assertThat(registry.channels().get("builtin-test").source()).isEqualTo(BuiltInConnectors.SOURCE);
            assertThat(registry.crms().get("sample-crm").source()).isEqualTo("a-sample.jar");
            assertThat(registry.crm("sample-crm")).get().isNotInstanceOf(SampleCrm.class); // the plugin's own copy
            assertThat(registry.problems()).contains(
                    "crm type 'sample-crm' is provided twice: by a-sample.jar (used) and by b-sample.jar (ignored)",
                    "channel type 'builtin-test' is provided twice: by built into the host (used) and by c-channel.jar (ignored)");
            assertThat(registry.crmSpec("sample-crm")).isPresent();
            assertThat(registry.channelSpec("nope")).isEmpty();
        }
    }
}
