package dev.deskbridge.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The host's JVM options from the repository's {@code jvm.options}, the file the {@code ./deskbridge}
 * launcher reads: one option a line, {@code #} comment lines and blank lines skipped, each line's
 * surrounding blanks trimmed. Benchmarks start their host processes with these so that they measure
 * the JVM users run.
 */
final class JvmOptions {
    static final String FILE = "jvm.options";

    private JvmOptions() {}

    /** The options of the checkout that built {@code hostJar} ({@code <root>/host-app/target/*.jar}); none without the file. */
    static List<String> forHostJar(Path hostJar) {
        return read(checkoutOf(hostJar).resolve(FILE));
    }

    /** The checkout that built {@code hostJar} ({@code <root>/host-app/target/*.jar}). */
    static Path checkoutOf(Path hostJar) {
        return hostJar.toAbsolutePath().getParent().getParent().getParent();
    }

    /** The options in {@code file}; none when there is no such file (a build from before it existed). */
    static List<String> read(Path file) {
        if (!Files.exists(file)) {
            return List.of();
        }
        try {
            return Files.readAllLines(file).stream().map(String::strip)
                    .filter(line -> !line.isEmpty() && !line.startsWith("#")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the JVM options in " + file, e);
        }
    }
}
