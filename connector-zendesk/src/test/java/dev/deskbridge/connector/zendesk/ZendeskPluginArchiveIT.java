package dev.deskbridge.connector.zendesk;

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
        try (LoadedPlugin plugin = LoadedPlugin.load(pluginFile(), "deskbridge-zendesk", plugins,
                System.getProperty("deskbridge.api.version", "0.1.0"))) {
            List<CrmConnector> connectors = plugin.extensions(CrmConnector.class);
            assertThat(connectors).extracting(CrmConnector::type).containsExactly("zendesk");
            CrmConnector connector = connectors.get(0);
            assertThat(connector.getClass().getClassLoader()).isNotSameAs(getClass().getClassLoader());
            Map<String, String> settings = Map.of("subdomain", "acme", "email", "bridge@acme.example",
                    "api_token", "zd-api-token-0123456789", "webhook_signing_secret", "c2VjcmV0LXZhbHVl");
            try (CrmSession session = connector.open(FakeConnectorContext.of(connector.configSpec(), settings))) {
                assertThat(session.setup()).isPresent();
                assertThat(session.toString()).contains("acme.zendesk.com");
            }
        }
    }
}
