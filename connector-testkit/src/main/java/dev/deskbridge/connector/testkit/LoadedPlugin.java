package dev.deskbridge.connector.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.pf4j.DefaultPluginManager;
import org.pf4j.PluginManager;
import org.pf4j.PluginState;

/**
 * A built plugin file loaded by PF4J the way the host loads it, for a plugin's own integration
 * test: from a folder of its own, started, its extensions taken from ITS class loader (the test
 * class path holds the same classes, which PF4J would otherwise also report).
 */
public final class LoadedPlugin implements AutoCloseable {
    private final PluginManager manager;
    private final String pluginId;

    private LoadedPlugin(PluginManager manager, String pluginId) {
        this.manager = manager;
        this.pluginId = pluginId;
    }

    /**
     * Copies {@code pluginFile} into {@code folder}, loads and starts it, and asserts it started.
     *
     * @param hostVersion the host version PF4J checks {@code Plugin-Requires} against
     */
    public static LoadedPlugin load(Path pluginFile, String pluginId, Path folder, String hostVersion) {
        try {
            Files.copy(pluginFile, folder.resolve(pluginFile.getFileName()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        PluginManager manager = new DefaultPluginManager(List.of(folder));
        manager.setSystemVersion(hostVersion);
        LoadedPlugin loaded = new LoadedPlugin(manager, pluginId);
        manager.loadPlugins();
        manager.startPlugins();
        assertThat(manager.getPlugin(pluginId)).as("plugin " + pluginId + " loaded from " + pluginFile).isNotNull();
        assertThat(manager.getPlugin(pluginId).getPluginState()).as("state of " + pluginId)
                .isEqualTo(PluginState.STARTED);
        return loaded;
    }

    /** The plugin's extensions of that point, each asserted to come from the plugin's class loader. */
    public <T> List<T> extensions(Class<T> extensionPoint) {
        List<T> found = manager.getExtensions(extensionPoint, pluginId);
        ClassLoader own = manager.getPlugin(pluginId).getPluginClassLoader();
        assertThat(found).allSatisfy(e -> assertThat(e.getClass().getClassLoader())
                .as("class loader of " + e.getClass().getName()).isSameAs(own));
        return found;
    }

    /** Unloads one plugin at a time: PF4J 3.15's {@code stopPlugins()} modifies the list it iterates. */
    @Override
    public void close() {
        manager.getPlugins().stream().map(p -> p.getPluginId()).toList().forEach(manager::unloadPlugin);
    }
}
