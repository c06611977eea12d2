package dev.deskbridge.connector.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/**
 * Checks a built plugin file the way the host will read it: a PF4J descriptor in the manifest, an
 * extension index naming the extensions, and none of the host-provided classes inside.
 */
public final class PluginArchiveAssert {
    /** Packages the host provides; a plugin that bundles them breaks class identity. */
    public static final List<String> FORBIDDEN_PREFIXES =
            List.of("org/pf4j/", "org/slf4j/", "dev/deskbridge/connector/api/");

    private PluginArchiveAssert() {}

    /**
     * Asserts the archive is a loadable DeskBridge plugin.
     *
     * @param archive the plugin file
     * @param pluginId the expected {@code Plugin-Id}
     * @param extensionClasses the fully qualified extension classes the index must name
     */
    public static void assertPluginArchive(Path archive, String pluginId, String... extensionClasses)
            throws IOException {
        assertThat(archive).as("plugin file").exists().isRegularFile();
        try (JarFile jar = new JarFile(archive.toFile())) {
            Manifest manifest = jar.getManifest();
            assertThat(manifest).as("manifest of " + archive).isNotNull();
            Attributes a = manifest.getMainAttributes();
            assertThat(a.getValue("Plugin-Id")).as("Plugin-Id").isEqualTo(pluginId);
            assertThat(a.getValue("Plugin-Version")).as("Plugin-Version").isNotBlank();
            assertThat(a.getValue("Plugin-Provider")).as("Plugin-Provider").isNotBlank();
            assertThat(a.getValue("Plugin-Requires")).as("Plugin-Requires").isNotBlank();

            JarEntry idx = jar.getJarEntry("META-INF/extensions.idx");
            assertThat(idx).as("META-INF/extensions.idx in " + archive).isNotNull();
            List<String> indexed;
            try (InputStream in = jar.getInputStream(idx)) {
                indexed = Arrays.stream(new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\\R"))
                        .map(String::trim)
                        .filter(l -> !l.isEmpty() && !l.startsWith("#"))
                        .toList();
            }
            assertThat(indexed).as("extension index").contains(extensionClasses);
            for (String cls : extensionClasses) {
                assertThat(jar.getJarEntry(cls.replace('.', '/') + ".class")).as("class " + cls).isNotNull();
            }

            List<String> forbidden = new ArrayList<>();
            jar.stream().map(JarEntry::getName)
                    .filter(n -> FORBIDDEN_PREFIXES.stream().anyMatch(n::startsWith))
                    .forEach(forbidden::add);
            assertThat(forbidden).as("host-provided classes bundled in " + archive).isEmpty();
        }
    }

    /** The single plugin file in {@code dir} whose name starts with {@code prefix}. */
    public static Path findPluginFile(Path dir, String prefix) throws IOException {
        try (var files = Files.list(dir)) {
            List<Path> found = files.filter(p -> p.getFileName().toString().startsWith(prefix)
                    && p.getFileName().toString().endsWith(".jar")).toList();
            assertThat(found).as("plugin files starting with " + prefix + " in " + dir).hasSize(1);
            return found.get(0);
        }
    }
}
