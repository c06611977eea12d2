package dev.deskbridge.host.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * No main class of any module is over {@value #LIMIT} lines unless it says why at its top, in a
 * {@code // size: <reason>} line before its type declaration: a long class is a choice made on
 * purpose, never one that crept in.
 */
class ClassSizeTest {
    static final int LIMIT = 300;
    private static final Pattern REASON = Pattern.compile("\\s*// size: \\S.{9,}");
    private static final Pattern TOP_LEVEL_TYPE = Pattern.compile(
            "((public|final|abstract|sealed|non-sealed|strictfp)\\s+)*(class|interface|record|enum|@interface)\\s.*");
    private static final Set<String> SKIPPED = Set.of("target", ".git", "node_modules", ".mvn");

    @Test
    void everyMainClassOverTheLimitSaysWhyAtItsTop() throws IOException {
        assertThat(oversized(repositoryRoot()))
                .as("main classes over %d lines without a `// size:` reason before the type", LIMIT)
                .isEmpty();
    }

    @Test
    void aLongClassWithoutAReasonIsFoundAndOneWithAReasonIsNot(@TempDir Path dir) throws IOException {
        Path main = Files.createDirectories(dir.resolve("mod/src/main/java/x"));
        Path test = Files.createDirectories(dir.resolve("mod/src/test/java/x"));
        String body = "    int f;\n".repeat(LIMIT);
        Files.writeString(main.resolve("Long.java"), "package x;\n\n/** Long. */\npublic final class Long {\n" + body + "}\n");
        Files.writeString(main.resolve("Said.java"), "package x;\n\n// size: one wire format read in one place, on purpose\n"
                + "final class Said {\n" + body + "}\n");
        Files.writeString(main.resolve("Late.java"), "package x;\n\nclass Late {\n    // size: said too late, inside\n"
                + body + "}\n");
        Files.writeString(main.resolve("Short.java"), "package x;\n\nclass Short {\n}\n");
        Files.writeString(test.resolve("LongTest.java"), "package x;\n\nclass LongTest {\n" + body + "}\n");

        assertThat(oversized(dir)).containsExactlyInAnyOrder(
                "mod/src/main/java/x/Late.java (" + (LIMIT + 5) + " lines)",
                "mod/src/main/java/x/Long.java (" + (LIMIT + 5) + " lines)");
    }

    /** Main classes over the limit without a reason, as {@code path (n lines)} relative to {@code root}. */
    static List<String> oversized(Path root) throws IOException {
        List<String> found = new ArrayList<>();
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) {
                return SKIPPED.contains(d.getFileName().toString()) ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path f, BasicFileAttributes attrs) throws IOException {
                String relative = root.relativize(f).toString().replace('\\', '/');
                if (relative.endsWith(".java") && relative.contains("src/main/java/")) {
                    List<String> lines = Files.readAllLines(f);
                    if (lines.size() > LIMIT && !saysWhy(lines)) {
                        found.add(relative + " (" + lines.size() + " lines)");
                    }
                }
                return FileVisitResult.CONTINUE;
            }
        });
        return found;
    }

    private static boolean saysWhy(List<String> lines) {
        for (String line : lines) {
            if (TOP_LEVEL_TYPE.matcher(line).matches()) {
                return false;
            }
            if (REASON.matcher(line).matches()) {
                return true;
            }
        }
        return false;
    }

    /** The folder holding the Maven wrapper, upward from where the tests run (host-app). */
    private static Path repositoryRoot() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("mvnw")) && Files.isDirectory(p.resolve("host-app"))) {
                return p;
            }
        }
        throw new IllegalStateException("no repository root (a folder with mvnw and host-app) above "
                + Path.of("").toAbsolutePath());
    }
}
