package dev.deskbridge.host.plugins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import org.pf4j.PluginDependency;

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

    /**
     * No DeskBridge plugin depends on another yet; here the Zendesk plugin's loader is given the Twilio plugin's
     * as a dependency, and an optional one that is not loaded, to check the order PF4J's loader has: the
     * plugin's own, then its dependencies', then the host's.
     */
    @Test
    void aDependencysClassesAndResourcesComeAfterThePluginsOwnAndBeforeTheHosts() throws Exception {
        URL twilioJar = TestJars.realPlugin("deskbridge-twilio").toUri().toURL();
        DefaultPluginManager plain = new DefaultPluginManager(dir);
        try (PluginJarClassLoader twilio = new PluginJarClassLoader(twilioJar, getClass().getClassLoader(), plain,
                new DefaultPluginDescriptor())) {
            DefaultPluginManager manager = new DefaultPluginManager(dir) {
                @Override
                public ClassLoader getPluginClassLoader(String pluginId) {
                    return pluginId.equals("twilio") ? twilio : null;
                }
            };
            DefaultPluginDescriptor descriptor = new DefaultPluginDescriptor();
            descriptor.addDependency(new PluginDependency("twilio"));
            descriptor.addDependency(new PluginDependency("absent?"));
            URL zendeskJar = TestJars.realPlugin("deskbridge-zendesk").toUri().toURL();
            try (PluginJarClassLoader loader = new PluginJarClassLoader(zendeskJar, getClass().getClassLoader(),
                    manager, descriptor)) {
                // Only in the dependency: the dependency's class, defined by its loader.
                Class<?> api = loader.loadClass("dev.deskbridge.connector.twilio.rest.TwilioApi");
                assertThat(api.getClassLoader()).isSameAs(twilio);
                // In the plugin and in the dependency (both bundle Jackson): the plugin's own.
                assertThat(loader.loadClass("com.fasterxml.jackson.databind.ObjectMapper").getClassLoader())
                        .isSameAs(loader);
                // In neither: the host's.
                assertThat(loader.loadClass(CrmConnector.class.getName())).isSameAs(CrmConnector.class);
                assertThatThrownBy(() -> loader.loadClass("dev.deskbridge.nowhere.Missing"))
                        .isInstanceOf(ClassNotFoundException.class);

                String twilioOnly = "META-INF/maven/dev.deskbridge/connector-twilio/pom.properties";
                assertThat(loader.getResource(twilioOnly)).isNotNull();
                assertThat(loader.getResource(twilioOnly).toString()).contains("deskbridge-twilio");
                List<URL> indexes = Collections.list(loader.getResources("META-INF/extensions.idx"));
                assertThat(indexes.get(0).toString()).contains("deskbridge-zendesk");
                assertThat(indexes.get(1).toString()).contains("deskbridge-twilio");
                assertThat(loader.getResource("META-INF/extensions.idx").toString()).contains("deskbridge-zendesk");
            }
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
