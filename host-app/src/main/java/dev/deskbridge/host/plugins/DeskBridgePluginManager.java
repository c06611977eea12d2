package dev.deskbridge.host.plugins;

import java.nio.file.Path;
import org.pf4j.CompoundPluginLoader;
import org.pf4j.DefaultPluginLoader;
import org.pf4j.DefaultPluginManager;
import org.pf4j.PluginDescriptor;
import org.pf4j.PluginLoader;
import org.pf4j.RuntimeMode;

/**
 * PF4J's manager as the host uses it: one folder, deployment mode whatever {@code pf4j.mode}
 * says, the connector API version as system version (so {@code Plugin-Requires} is enforced), a
 * plugin with unresolved dependencies skipped instead of stopping the others, and a plugin jar's
 * classes loaded by a parallel-capable class loader ({@link PluginJarClassLoader}).
 */
final class DeskBridgePluginManager extends DefaultPluginManager {

    DeskBridgePluginManager(Path dir, String apiVersion) {
        super(dir);
        setSystemVersion(apiVersion);
        setResolveRecoveryStrategy(ResolveRecoveryStrategy.IGNORE_PLUGIN_AND_CONTINUE);
    }

    @Override
    protected PluginLoader createPluginLoader() {
        // PF4J's own, but a jar's class loader is ours; a plugin folder keeps PF4J's.
        return new CompoundPluginLoader().add(new PluginJarLoader(this)).add(new DefaultPluginLoader(this));
    }

    @Override
    public RuntimeMode getRuntimeMode() {
        // Development mode would read classes from build folders; the host never does.
        return RuntimeMode.DEPLOYMENT;
    }

    /** The file's PF4J descriptor (manifest or plugin.properties), without loading it. */
    PluginDescriptor describe(Path file) {
        return getPluginDescriptorFinder().find(file);
    }
}
