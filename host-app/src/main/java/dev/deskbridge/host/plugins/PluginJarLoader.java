package dev.deskbridge.host.plugins;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.pf4j.JarPluginLoader;
import org.pf4j.PluginDescriptor;
import org.pf4j.PluginManager;

/** PF4J's loader of plugin jars, with a {@link PluginJarClassLoader} for each instead of PF4J's own. */
final class PluginJarLoader extends JarPluginLoader {

    PluginJarLoader(PluginManager manager) {
        super(manager);
    }

    @Override
    public ClassLoader loadPlugin(Path pluginPath, PluginDescriptor descriptor) {
        try {
            return new PluginJarClassLoader(pluginPath.toFile().getCanonicalFile().toURI().toURL(),
                    getClass().getClassLoader(), pluginManager, descriptor);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open plugin file " + pluginPath, e);
        }
    }
}
