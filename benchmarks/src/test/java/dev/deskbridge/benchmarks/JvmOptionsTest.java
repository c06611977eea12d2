package dev.deskbridge.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * The benchmarks' host processes and the {@code ./deskbridge} launcher take the same JVM options
 * from {@code jvm.options}: the launcher is run (a copy, in a checkout of empty jars) with a
 * {@code java} on the PATH that writes down its arguments.
 */
class JvmOptionsTest {
    /** The repository root: tests run in the benchmarks module's folder. */
    private static final Path REPO = Path.of("").toAbsolutePath().getParent();

    @TempDir
    Path root;

    @Test
    void readsOneOptionPerLineSkippingCommentsAndBlankLines() throws Exception {
        Path file = Files.writeString(root.resolve("jvm.options"),
                "# a comment\n\n  -XX:+UseZGC  \n\t# indented comment\n-Dname=a value with blanks\n-Xss1m");

        assertThat(JvmOptions.read(file)).containsExactly("-XX:+UseZGC", "-Dname=a value with blanks", "-Xss1m");
        assertThat(JvmOptions.read(root.resolve("absent.options"))).isEmpty();
    }

    @Test
    void theLauncherStartsTheHostWithTheOptionsTheBenchmarksRead() throws Exception {
        Files.writeString(checkout().resolve("jvm.options"),
                "# comment\n-XX:+UseSerialGC\n   -Dspaced=a b   \n\n-Xss1m\n");
        List<String> expected = JvmOptions.forHostJar(root.resolve("host-app/target/deskbridge-host.jar"));
        assertThat(expected).containsExactly("-XX:+UseSerialGC", "-Dspaced=a b", "-Xss1m");

        List<List<String>> calls = launch("run", "--config", "none.yaml");

        assertThat(calls.get(calls.size() - 1).subList(0, expected.size())).isEqualTo(expected);
        // The other commands are short and start without them.
        assertThat(launch("version")).singleElement().satisfies(call -> assertThat(call).doesNotContain("-Xss1m"));
    }

    @Test
    void theClassDataArchiveIsTrainedWithTheSameOptionsAsTheRunThatUsesIt() throws Exception {
        Files.copy(REPO.resolve("jvm.options"), checkout().resolve("jvm.options"));
        Files.writeString(root.resolve("jvm.options"), "-XX:+UseSerialGC\n", java.nio.file.StandardOpenOption.APPEND);
        List<String> expected = JvmOptions.forHostJar(root.resolve("host-app/target/deskbridge-host.jar"));
        assertThat(expected).endsWith("-XX:+UseSerialGC");

        List<List<String>> calls = launch("run", "--config", "none.yaml");

        assertThat(calls).hasSize(2);
        assertThat(calls.get(0)).anyMatch(a -> a.startsWith("-XX:ArchiveClassesAtExit="));
        assertThat(calls.get(1)).anyMatch(a -> a.startsWith("-XX:SharedArchiveFile="));
        for (List<String> call : calls) {
            assertThat(call.subList(0, expected.size())).isEqualTo(expected);
        }
    }

    /**
     * With the repository's options, Linux runs a thread of Java's lowest priority (the engine's workers)
     * at nice 10 and one of normal priority (a webhook's) at nice 0 (or the nice it was started under);
     * lowering a priority needs no privilege, so this holds for any user.
     */
    @Test
    @EnabledOnOs(OS.LINUX)
    void theRepositorysOptionsRunTheLowestPriorityAtNiceTen() throws Exception {
        Process probe = Probes.start(JvmOptions.read(REPO.resolve("jvm.options")), PriorityProbe.class);
        try {
            Probes.awaitLine(probe, "started"::equals);
            // A build run under nice starts every thread at its nice: the JVM sets 10 as it is, and a normal
            // thread's 0 where it may (lowering a nice value needs a privilege).
            int started = nice(Path.of("/proc", Long.toString(probe.pid()), "stat"));
            Assumptions.assumeTrue(started < 10, "this build runs at nice " + started);
            assertThat(niceOf(probe.pid(), "probe-low")).isEqualTo(10);
            assertThat(niceOf(probe.pid(), "probe-normal")).isIn(0, started);
        } finally {
            probe.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** The nice value of process {@code pid}'s thread named {@code name}, from /proc. */
    private static int niceOf(long pid, String name) throws Exception {
        try (var tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path task : tasks.toList()) {
                if (Files.readString(task.resolve("comm")).strip().equals(name)) {
                    return nice(task.resolve("stat"));
                }
            }
        }
        throw new AssertionError("no thread " + name + " in process " + pid);
    }

    /** The nice value in a /proc stat file (its 19th field). */
    private static int nice(Path stat) {
        return Integer.parseInt(ProcCpu.statFields(stat)[16]);
    }

    /** A checkout in {@code root}: the launcher, built jars (empty) and a plugin, nothing to build. */
    private Path checkout() throws Exception {
        Files.copy(REPO.resolve("deskbridge"), root.resolve("deskbridge"));
        for (String jar : List.of("host-app/target/deskbridge-host.jar", "demo/target/deskbridge-demo.jar",
                "plugins/p.jar")) {
            Files.createDirectories(root.resolve(jar).getParent());
            Files.createFile(root.resolve(jar));
        }
        return root;
    }

    /**
     * Runs the launcher with a {@code java} that appends its arguments (one a line, then a blank line)
     * to a file and, when asked to archive classes, writes the archive; returns each call's arguments.
     */
    private List<List<String>> launch(String... args) throws Exception {
        Path bin = Files.createDirectories(root.resolve("fake-bin"));
        Path calls = root.resolve("calls.txt");
        Files.deleteIfExists(calls); // this launch's calls only
        Path java = Files.writeString(bin.resolve("java"), """
                #!/usr/bin/env bash
                for a in "$@"; do
                  printf '%%s\\n' "$a" >>"%s"
                  case "$a" in -XX:ArchiveClassesAtExit=*) echo archive >"${a#*=}" ;; esac
                done
                echo >>"%s"
                """.formatted(calls, calls));
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        List<String> command = new ArrayList<>(List.of("bash", root.resolve("deskbridge").toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(root.toFile()).redirectErrorStream(true)
                .redirectOutput(root.resolve("launcher.log").toFile());
        pb.environment().put("PATH", bin + ":" + System.getenv("PATH"));
        pb.environment().remove("DESKBRIDGE_JAVA_OPTS");
        pb.environment().remove("DESKBRIDGE_CDS");
        Process p = pb.start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("launcher finished").isTrue();
        assertThat(p.exitValue()).as(Files.readString(root.resolve("launcher.log"))).isZero();
        List<List<String>> out = new ArrayList<>();
        List<String> call = new ArrayList<>();
        for (String line : Files.readAllLines(calls)) {
            if (line.isEmpty()) {
                out.add(call);
                call = new ArrayList<>();
            } else {
                call.add(line);
            }
        }
        return out;
    }
}
