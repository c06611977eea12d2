package com.example.deskbridge.crm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.deskbridge.connector.api.CrmConnector;
import dev.deskbridge.connector.api.CrmSession;
import dev.deskbridge.connector.testkit.FakeConnectorContext;
import dev.deskbridge.connector.testkit.LoadedPlugin;
import dev.deskbridge.connector.testkit.PluginArchiveAssert;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shaded plugin file in target/ (verify phase): a valid PF4J plugin the host's plugin manager loads.
 * Nothing here names the plugin: its id is {@code plugin.id} from pom.xml (failsafe passes it), its
 * type is the connector's {@code type()} and the classes are found by reference, so renaming the plugin
 * (README, step 2) needs no change here.
 */
class JsonCrmPluginArchiveIT {
    private static Path pluginFile() {
        return Paths.get(property("deskbridge.plugin.file")).toAbsolutePath().normalize();
    }

    /** The plugin id the manifest must carry: {@code plugin.id}. */
    private static String pluginId() {
        return property("deskbridge.plugin.id");
    }

    private static String property(String name) {
        String value = System.getProperty(name);
        assertThat(value).as("system property " + name + " (set by failsafe, from deskbridge-plugin-parent)")
                .isNotBlank();
        return value;
    }

    /** A class's entry in a jar: {@code com/example/deskbridge/crm/CrmStub.class}. */
    private static String entry(Class<?> type) {
        return type.getName().replace('.', '/') + ".class";
    }

    @Test
    void archiveIsADeskBridgePluginWithJacksonAndNoHostClasses() throws Exception {
        Path file = pluginFile();
        assertThat(file.getParent().getFileName().toString()).isEqualTo("target");
        PluginArchiveAssert.assertPluginArchive(file, pluginId(), JsonCrmConnector.class.getName());
        try (JarFile jar = new JarFile(file.toFile())) {
            assertThat(jar.getJarEntry("com/fasterxml/jackson/databind/ObjectMapper.class")).isNotNull();
            assertThat(jar.getJarEntry(entry(JsonCrmConnector.class))).isNotNull();
            assertThat(jar.getJarEntry(entry(CrmStub.class))).as("test classes stay out").isNull();
            assertThat(jar.stream().map(e -> e.getName()).filter(n -> n.startsWith("com/github/tomakehurst/")))
                    .isEmpty();
        }
    }

    @Test
    void pluginManagerLoadsTheConnectorAndASessionOpens(@TempDir Path plugins) throws Exception {
        try (LoadedPlugin plugin = LoadedPlugin.load(pluginFile(), pluginId(), plugins,
                System.getProperty("deskbridge.api.version", "0.1.0"))) {
            List<CrmConnector> connectors = plugin.extensions(CrmConnector.class);
            assertThat(connectors).extracting(CrmConnector::type).containsExactly(new JsonCrmConnector().type());
            CrmConnector connector = connectors.get(0);
            Map<String, String> settings = Map.of("base_url", "https://crm.example.com",
                    "api_key", "crm-api-key-0123456789", "webhook_secret", "crm-webhook-secret-9876");
            try (CrmSession session = connector.open(FakeConnectorContext.of(connector.configSpec(), settings))) {
                assertThat(session.toString()).contains("crm.example.com").doesNotContain("crm-api-key");
            }
        }
    }
}
