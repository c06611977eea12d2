package dev.deskbridge.host.plugins;

import static org.assertj.core.api.Assertions.assertThat;

import dev.deskbridge.connector.api.CrmConnector;
import java.net.URL;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pf4j.DefaultPluginDescriptor;
import org.pf4j.DefaultPluginManager;
import org.pf4j.ExtensionPoint;

/** A plugin jar's class loader looks where PF4J's does, and locks a class, not itself, while loading it. */
class PluginJarClassLoaderTest {
    @TempDir
    Path dir;

    private PluginJarClassLoader zendeskLoader() throws Exception {
        URL jar = TestJars.realPlugin("deskbridge-zendesk").toUri().toURL();
        return new PluginJarClassLoader(jar, getClass().getClassLoader(), new DefaultPluginManager(dir),
                new DefaultPluginDescriptor());
    }

    @Test
    void isParallelCapable() throws Exception {
        try (PluginJarClassLoader loader = zendeskLoader()) {
            assertThat(loader.isRegisteredAsParallelCapable()).isTrue();
        }
    }

    @Test
    void thePluginsOwnCopyOfALibraryComesFirstTheSpiPf4jAndTheJdkFromTheHost() throws Exception {
        try (PluginJarClassLoader loader = zendeskLoader()) {
            // The plugin bundles Jackson, as the host has it too: the plugin's own copy is the one it gets.
            Class<?> mapper = loader.loadClass("com.fasterxml.jackson.databind.ObjectMapper");
            assertThat(mapper.getClassLoader()).isSameAs(loader);
            assertThat(mapper).isNotSameAs(com.fasterxml.jackson.databind.ObjectMapper.class);
            // What the plugin marks provided is the host's, so the host and the plugin share its types.
            assertThat(loader.loadClass(CrmConnector.class.getName())).isSameAs(CrmConnector.class);
            assertThat(loader.loadClass(ExtensionPoint.class.getName())).isSameAs(ExtensionPoint.class);
            assertThat(loader.loadClass("java.lang.String")).isSameAs(String.class);
            // Loaded once: a second request finds the class already defined.
            assertThat(loader.loadClass("com.fasterxml.jackson.databind.ObjectMapper")).isSameAs(mapper);
        }
    }

    @Test
    void thePluginsOwnResourcesComeFirst() throws Exception {
        try (PluginJarClassLoader loader = zendeskLoader()) {
            URL index = loader.getResource("META-INF/extensions.idx");
            assertThat(index).isNotNull();
            assertThat(index.toString()).startsWith("jar:").contains("deskbridge-zendesk");
            List<URL> all = Collections.list(loader.getResources("META-INF/MANIFEST.MF"));
            assertThat(all.get(0).toString()).contains("deskbridge-zendesk");
            assertThat(all).hasSizeGreaterThan(1);
        }
    }
}
