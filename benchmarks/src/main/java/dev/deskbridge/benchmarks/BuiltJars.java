package dev.deskbridge.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The built jars a benchmark runs, refused when a source they are built from changed after them: a jar left
 * in {@code target/} by an earlier build would otherwise be measured as if it were the code in the working
 * tree. {@code -Dbench.staleBuildOk=true} measures it anyway, with a warning (an older build on purpose).
 */
final class BuiltJars {
    /** What to build when a jar is missing or stale. */
    static final String BUILD = "./mvnw -B -q -pl benchmarks,connector-zendesk -am package -DskipTests";

    /** The source folders (under the checkout's root) each jar is built from. */
    private static final Map<String, String[]> SOURCES = Map.of(
            "host-app/target/deskbridge-host.jar", new String[] {"host-app/src/main", "connector-api/src/main"},
            "plugins/deskbridge-zendesk-0.1.0.jar", new String[] {"connector-zendesk/src/main"},
            "benchmarks/target/benchmarks.jar", new String[] {"benchmarks/src/main"});

    private BuiltJars() {}

    /**
     * The jar at {@code relative} under {@code root}, checked against its sources (and the benchmarks'
     * own jar against theirs).
     *
     * @throws IllegalStateException when it is missing, or older than one of its sources
     */
    static Path built(Path root, String relative) {
        Path jar = root.resolve(relative);
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("build first: " + jar + " is needed (" + BUILD + ")");
        }
        check(root, relative);
        check(root, "benchmarks/target/benchmarks.jar");
        return jar;
    }

    private static void check(Path root, String relative) {
        Path jar = root.resolve(relative);
        String[] folders = SOURCES.get(relative);
        if (folders == null || !Files.isRegularFile(jar)) {
            return;
        }
        FileTime builtAt = modified(jar);
        for (String folder : folders) {
            Optional<Path> newer = newestAfter(root.resolve(folder), builtAt);
            if (newer.isPresent()) {
                String problem = "stale build: " + relative + " (built " + builtAt + ") is older than "
                        + root.relativize(newer.get()) + " (changed " + modified(newer.get()) + ")";
                if (!Boolean.getBoolean("bench.staleBuildOk")) {
                    throw new IllegalStateException(problem + "; build first: " + BUILD
                            + " (or measure it anyway with -Dbench.staleBuildOk=true)");
                }
                System.out.println("WARNING: " + problem + "; measured anyway (-Dbench.staleBuildOk=true)");
                return;
            }
        }
    }

    /** The newest file under {@code folder} changed after {@code time}; empty when none is, or no folder. */
    static Optional<Path> newestAfter(Path folder, FileTime time) {
        if (!Files.isDirectory(folder)) {
            return Optional.empty();
        }
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(Files::isRegularFile).filter(f -> modified(f).compareTo(time) > 0)
                    .max((a, b) -> modified(a).compareTo(modified(b)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + folder, e);
        }
    }

    private static FileTime modified(Path file) {
        try {
            return Files.getLastModifiedTime(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
