package dev.deskbridge.connector.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.pf4j.Extension;

/**
 * Whether PF4J will find an extension class: it is annotated {@link Extension} and PF4J's annotation
 * processor listed it in a {@code META-INF/extensions.idx} beside it (the file the built plugin
 * carries; {@link PluginArchiveAssert} checks the jar itself).
 */
final class Pf4jDiscovery {
    private Pf4jDiscovery() {}

    static void assertDiscoverable(Class<?> extension) {
        assertThat(extension.isAnnotationPresent(Extension.class))
                .as("%s is annotated @org.pf4j.Extension (without it PF4J never finds the connector)",
                        extension.getName())
                .isTrue();
        assertThat(indexed(extension.getClassLoader()))
                .as("classes listed in META-INF/extensions.idx (PF4J's annotation processor writes it; is pf4j on"
                        + " the compiler's processor path?)")
                .contains(extension.getName());
    }

    private static List<String> indexed(ClassLoader loader) {
        List<String> names = new ArrayList<>();
        try {
            for (URL url : Collections.list(loader.getResources("META-INF/extensions.idx"))) {
                try (InputStream in = url.openStream()) {
                    for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\\R")) {
                        String l = line.trim();
                        if (!l.isEmpty() && !l.startsWith("#")) {
                            names.add(l);
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return names;
    }
}
