package dev.deskbridge.host.plugins;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;

/** Builds plugin files for tests, and finds the real ones the build put in {@code plugins/}. */
public final class TestJars {
    private TestJars() {}

    /** A manifest with a PF4J descriptor. */
    public static Map<String, String> descriptor(String id, String version, String requires) {
        return Map.of("Plugin-Id", id, "Plugin-Version", version, "Plugin-Requires", requires,
                "Plugin-Provider", "Tests");
    }

    /**
     * Writes a jar.
     *
     * @param manifest main attributes (none: no descriptor)
     * @param index lines of META-INF/extensions.idx (null: no index)
     * @param classes test classes copied in as plugin classes
     */
    public static Path jar(Path file, Map<String, String> manifest, List<String> index, Class<?>... classes)
            throws IOException {
        Manifest mf = new Manifest();
        mf.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.forEach((k, v) -> mf.getMainAttributes().putValue(k, v));
        try (OutputStream out = Files.newOutputStream(file); JarOutputStream jar = new JarOutputStream(out, mf)) {
            if (index != null) {
                jar.putNextEntry(new JarEntry("META-INF/extensions.idx"));
                jar.write(String.join("\n", index).concat("\n").getBytes(StandardCharsets.UTF_8));
                jar.closeEntry();
            }
            for (Class<?> c : classes) {
                String entry = c.getName().replace('.', '/') + ".class";
                try (InputStream bytes = c.getClassLoader().getResourceAsStream(entry)) {
                    jar.putNextEntry(new JarEntry(entry));
                    bytes.transferTo(jar);
                    jar.closeEntry();
                }
            }
        }
        return file;
    }

    /** A working plugin providing {@code sample-crm}. */
    public static Path samplePlugin(Path file, String id) throws IOException {
        return jar(file, descriptor(id, "1.0.0", ">=0.1.0"),
                List.of(dev.deskbridge.host.plugins.testplugin.SampleCrm.class.getName()),
                dev.deskbridge.host.plugins.testplugin.SampleCrm.class);
    }

    /**
     * The plugin files built by the connector modules ({@code ../plugins} from host-app), which
     * Maven builds before host-app's tests run.
     */
    public static List<Path> realPlugins() throws IOException {
        Path dir = Path.of("").toAbsolutePath().resolveSibling("plugins");
        List<Path> found;
        try (Stream<Path> files = Files.isDirectory(dir) ? Files.list(dir) : Stream.empty()) {
            found = files.filter(f -> f.getFileName().toString().matches("deskbridge-.*\\.jar")).sorted().toList();
        }
        if (found.size() < 2) {
            throw new IllegalStateException("the built plugin files are missing from " + dir
                    + "; build them first: ./mvnw -B package -pl connector-zendesk,connector-twilio -am -DskipTests");
        }
        return found;
    }

    /** Copies the real plugin files into a folder; returns the copies. */
    public static List<Path> copyRealPlugins(Path dir) throws IOException {
        Files.createDirectories(dir);
        List<Path> copies = new java.util.ArrayList<>();
        for (Path p : realPlugins()) {
            copies.add(Files.copy(p, dir.resolve(p.getFileName())));
        }
        return copies;
    }

    /** The real plugin file whose name starts so ({@code deskbridge-zendesk}). */
    public static Path realPlugin(String prefix) throws IOException {
        return realPlugins().stream().filter(p -> p.getFileName().toString().startsWith(prefix)).findFirst()
                .orElseThrow(() -> new IllegalStateException("no built plugin file " + prefix + "-*.jar"));
    }

    /** Writes the first {@code keep} bytes of a file elsewhere, as an interrupted copy would. */
    public static Path truncatedCopy(Path source, Path target, double keep) throws IOException {
        byte[] all = Files.readAllBytes(source);
        byte[] part = java.util.Arrays.copyOf(all, (int) (all.length * keep));
        return Files.write(target, part);
    }
}
