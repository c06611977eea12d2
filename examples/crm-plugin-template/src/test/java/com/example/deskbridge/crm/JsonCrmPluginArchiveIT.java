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

/** The shaded plugin file in target/ (verify phase): a valid PF4J plugin the host's plugin manager loads. */
class JsonCrmPluginArchiveIT {
    private static final String ID = "example-json-crm";

    private static Path pluginFile() {
        String configured = System.getProperty("deskbridge.plugin.file");
        assertThat(configured).as("system property deskbridge.plugin.file (set by failsafe)").isNotBlank();
        return Paths.get(configured).toAbsolutePath().normalize();
    }

    @Test
    void archiveIsADeskBridgePluginWithJacksonAndNoHostClasses() throws Exception {
        Path file = pluginFile();
        assertThat(file.getParent().getFileName().toString()).isEqualTo("target");
        PluginArchiveAssert.assertPluginArchive(file, ID, JsonCrmConnector.class.getName());
        try (JarFile jar = new JarFile(file.toFile())) {
            assertThat(jar.getJarEntry("com/fasterxml/jackson/databind/ObjectMapper.class")).isNotNull();
            assertThat(jar.getJarEntry("com/example/deskbridge/crm/CrmStub.class")).isNull();
            assertThat(jar.stream().map(e -> e.getName()).filter(n -> n.startsWith("com/github/tomakehurst/")))
                    .isEmpty();
        }
    }

    @Test
    void pluginManagerLoadsTheConnectorAndASessionOpens(@TempDir Path plugins) throws Exception {
        try (LoadedPlugin plugin = LoadedPlugin.load(pluginFile(), ID, plugins,
                System.getProperty("deskbridge.api.version", "0.1.0"))) {
            List<CrmConnector> connectors = plugin.extensions(CrmConnector.class);
            assertThat(connectors).extracting(CrmConnector::type).containsExactly("json-crm");
            CrmConnector connector = connectors.get(0);
            Map<String, String> settings = Map.of("base_url", "https://crm.example.com",
                    "api_key", "crm-api-key-0123456789", "webhook_secret", "crm-webhook-secret-9876");
            try (CrmSession session = connector.open(FakeConnectorContext.of(connector.configSpec(), settings))) {
                assertThat(session.toString()).contains("crm.example.com").doesNotContain("crm-api-key");
            }
        }
    }
}
