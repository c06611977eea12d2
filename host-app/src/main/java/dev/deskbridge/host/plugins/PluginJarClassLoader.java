package dev.deskbridge.host.plugins;

import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.pf4j.PluginDependency;
import org.pf4j.PluginDescriptor;
import org.pf4j.PluginManager;

/**
 * A plugin jar's class loader, loading as PF4J's own does (the plugin's classes and resources first,
 * then those of the plugins it depends on, then the host's; {@code java.*} and {@code org.pf4j.*}
 * always the host's) but <em>parallel capable</em>: it locks the class being loaded, not itself.
 *
 * <p>Why not PF4J's: its loader is not registered as parallel capable, so the JVM locks the whole
 * loader while it defines a class. A library in a plugin that registers Java Flight Recorder events
 * (Netty 4.2's allocator does, in the Zendesk plugin) then deadlocked the host when it ran with JFR:
 * one thread held the loader and waited for JFR's metadata lock to define a class, another held
 * that lock and waited for the loader to resolve an annotation of the event it was registering.
 */
final class PluginJarClassLoader extends URLClassLoader {
    static {
        // Only possible because URLClassLoader, the superclass, is registered too.
        registerAsParallelCapable();
    }

    private static final String JAVA_PREFIX = "java.";
    private static final String PF4J_PREFIX = "org.pf4j.";

    private final PluginManager manager;
    private final PluginDescriptor descriptor;

    PluginJarClassLoader(URL jar, ClassLoader parent, PluginManager manager, PluginDescriptor descriptor) {
        super(new URL[] {Objects.requireNonNull(jar, "jar")}, Objects.requireNonNull(parent, "parent"));
        this.manager = Objects.requireNonNull(manager, "manager");
        this.descriptor = Objects.requireNonNull(descriptor, "descriptor");
    }

    /**
     * Links (without initializing) every class of this plugin's jar loaded so far, and those that
     * linking them loads, for a start that records the class data archive: JDK 17 writes a class of
     * a class loader of the application's own into its dynamic archive only if it is linked by the
     * JVM's exit, and links only the JDK's loaders' classes itself. A plugin loads hundreds it links
     * only when they are first used (a library's exceptions and interfaces, the serializers a mapper
     * may need), and each later start would read, parse and verify those from the jar again. Still
     * left out: a class whose name the archive holds already (the plugin's copy of a library the host
     * or another plugin has too, such as Jackson), as JDK 17 keeps one class per name.
     *
     * @return how many classes were linked
     * @throws IOException when the jar cannot be listed
     */
    int linkLoadedClasses() throws IOException {
        List<String> names;
        try (JarFile file = new JarFile(jarFile())) {
            names = file.stream().map(JarEntry::getName)
                    .filter(n -> n.endsWith(".class") && !n.startsWith("META-INF/") && !n.endsWith("module-info.class"))
                    .map(n -> n.substring(0, n.length() - ".class".length()).replace('/', '.'))
                    .toList();
        }
        Set<String> linked = new HashSet<>();
        boolean more = true;
        while (more) {
            more = false;
            for (String name : names) {
                Class<?> loaded = linked.contains(name) ? null : findLoadedClass(name);
                if (loaded != null) {
                    linked.add(name);
                    more = true;
                    link(loaded);
                }
            }
        }
        return linked.size();
    }

    private File jarFile() throws IOException {
        try {
            return new File(getURLs()[0].toURI());
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw new IOException("plugin jar at " + getURLs()[0] + " is not a file", e);
        }
    }

    /**
     * The JVM links a class (an interface too) before it lists the class's fields; listing them may
     * load their types, linked on the next round.
     */
    private static void link(Class<?> type) {
        try {
            type.getDeclaredFields();
        } catch (LinkageError e) {
            // It cannot be linked (a dependency left out of the plugin): not archived, as before.
        }
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        if (name.startsWith(JAVA_PREFIX) || name.startsWith(PF4J_PREFIX)) {
            return getParent().loadClass(name);
        }
        synchronized (getClassLoadingLock(name)) {
            Class<?> loaded = findLoadedClass(name);
            if (loaded == null) {
                loaded = ownOrDependencies(name);
            }
            if (loaded == null) {
                loaded = getParent().loadClass(name);
            }
            if (resolve) {
                resolveClass(loaded);
            }
            return loaded;
        }
    }

    private Class<?> ownOrDependencies(String name) {
        try {
            return findClass(name);
        } catch (ClassNotFoundException notInThePlugin) {
            for (ClassLoader dependency : dependencies()) {
                try {
                    return dependency.loadClass(name);
                } catch (ClassNotFoundException notThere) {
                    // the next dependency, then the host
                }
            }
            return null;
        }
    }

    @Override
    public URL getResource(String name) {
        URL own = findResource(name);
        if (own != null) {
            return own;
        }
        for (URLClassLoader dependency : dependencyJars()) {
            URL found = dependency.findResource(name);
            if (found != null) {
                return found;
            }
        }
        return getParent().getResource(name);
    }

    @Override
    public Enumeration<URL> getResources(String name) throws IOException {
        List<URL> all = new ArrayList<>(Collections.list(findResources(name)));
        for (URLClassLoader dependency : dependencyJars()) {
            all.addAll(Collections.list(dependency.findResources(name)));
        }
        all.addAll(Collections.list(getParent().getResources(name)));
        return Collections.enumeration(all);
    }

    /** The dependencies' own files, for resources: theirs alone, as the host's come last anyway. */
    private List<URLClassLoader> dependencyJars() {
        List<URLClassLoader> jars = new ArrayList<>();
        for (ClassLoader dependency : dependencies()) {
            if (dependency instanceof URLClassLoader u) {
                jars.add(u);
            }
        }
        return jars;
    }

    /** The class loaders of the plugins this one depends on that are loaded (an optional one may be absent). */
    private List<ClassLoader> dependencies() {
        List<PluginDependency> declared = descriptor.getDependencies();
        if (declared.isEmpty()) {
            return List.of();
        }
        List<ClassLoader> loaders = new ArrayList<>(declared.size());
        for (PluginDependency dependency : declared) {
            ClassLoader loader = manager.getPluginClassLoader(dependency.getPluginId());
            if (loader != null) {
                loaders.add(loader);
            }
        }
        return loaders;
    }
}
