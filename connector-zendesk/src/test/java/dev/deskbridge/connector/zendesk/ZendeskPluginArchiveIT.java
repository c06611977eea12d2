package dev.deskbridge.connector.zendesk;

import static org.assertj.core.api.Assertions.assertThat;

import dev.deskbridge.connector.api.CrmConnector;
import dev.deskbridge.connector.api.CrmSession;
import dev.deskbridge.connector.testkit.FakeConnectorContext;
import dev.deskbridge.connector.testkit.PluginArchiveAssert;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pf4j.DefaultPluginManager;
import org.pf4j.PluginManager;
import org.pf4j.PluginState;

/** The built plugin file (verify phase): a valid PF4J plugin that the host's plugin manager loads. */
class ZendeskPluginArchiveIT {
    private static Path pluginFile() {
        String configured = System.getProperty("deskbridge.plugin.file");
        assertThat(configured).as("system property deskbridge.plugin.file (set by failsafe)").isNotBlank();
        return Paths.get(configured).toAbsolutePath().normalize();
    }

    @Test
    void archiveIsADeskBridgePluginWithoutHostClasses() throws Exception {
        Path file = pluginFile();
        assertThat(file.getFileName().toString()).startsWith("deskbridge-zendesk-").endsWith(".jar");
        PluginArchiveAssert.assertPluginArchive(file, "deskbridge-zendesk", ZendeskConnector.class.getName());
        try (JarFile jar = new JarFile(file.toFile())) {
            // What the plugin needs at run time is inside: the Zendesk client, its HTTP stack, the rate limiter.
            assertThat(jar.getJarEntry("org/zendesk/client/v2/Zendesk.class")).isNotNull();
            assertThat(jar.getJarEntry("org/asynchttpclient/DefaultAsyncHttpClient.class")).isNotNull();
            assertThat(jar.getJarEntry("com/fasterxml/jackson/databind/ObjectMapper.class")).isNotNull();
            assertThat(jar.getJarEntry("dev/failsafe/RateLimiter.class")).isNotNull();
            // Test code stays out.
            assertThat(jar.getJarEntry("dev/deskbridge/connector/zendesk/ZendeskStub.class")).isNull();
            assertThat(jar.stream().map(e -> e.getName()).filter(n -> n.startsWith("com/github/tomakehurst/")))
                    .isEmpty();
        }
    }

    @Test
    void pluginManagerLoadsTheConnectorAndASessionOpens(@TempDir Path plugins) throws Exception {
        Files.copy(pluginFile(), plugins.resolve(pluginFile().getFileName()));
        PluginManager manager = new DefaultPluginManager(List.of(plugins));
        manager.setSystemVersion(System.getProperty("deskbridge.host.version", "0.1.0"));
        try {
            manager.loadPlugins();
            manager.startPlugins();
            assertThat(manager.getPlugin("deskbridge-zendesk")).isNotNull();
            assertThat(manager.getPlugin("deskbridge-zendesk").getPluginState()).isEqualTo(PluginState.STARTED);
            // The test class path holds the connector too; ask for the plugin's own extensions.
            List<CrmConnector> connectors = manager.getExtensions(CrmConnector.class, "deskbridge-zendesk");
            assertThat(connectors).extracting(CrmConnector::type).containsExactly("zendesk");
            CrmConnector connector = connectors.get(0);
            // Loaded by the plugin's class loader, not from the test class path.
            assertThat(connector.getClass().getClassLoader())
                    .isSameAs(manager.getPlugin("deskbridge-zendesk").getPluginClassLoader())
                    .isNotSameAs(getClass().getClassLoader());
            Map<String, String> settings = Map.of("subdomain", "acme", "email", "bridge@acme.example",
                    "api_token", "zd-api-token-0123456789", "webhook_signing_secret", "c2VjcmV0LXZhbHVl");
            try (CrmSession session = connector.open(FakeConnectorContext.of(connector.configSpec(), settings))) {
                assertThat(session.setup()).isPresent();
                assertThat(session.toString()).contains("acme.zendesk.com");
            }
        } finally {
            // unloadPlugin stops it first (stopPlugins() trips over its own list in PF4J 3.15).
            manager.getPlugins().stream().map(p -> p.getPluginId()).toList().forEach(manager::unloadPlugin);
        }
    }
}
