package dev.deskbridge.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** Small Java programs of the test classes run as processes of their own, and what they print. */
final class Probes {
    private Probes() {}

    /** Starts {@code main} of the test class path in a new JVM with {@code jvmOptions}, its errors on its output. */
    static Process start(List<String> jvmOptions, Class<?> main) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), main.getName()));
        return new ProcessBuilder(command).redirectErrorStream(true).start();
    }

    /** Reads the process's output up to the first line {@code wanted} takes, and returns it; fails if it ends first. */
    static String awaitLine(Process process, Predicate<String> wanted) throws IOException {
        // Not closed: the process may still write, and ends with the test.
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String line;
        do {
            line = out.readLine();
            assertThat(line).as("the probe's output ended before the line awaited").isNotNull();
        } while (!wanted.test(line));
        return line;
    }
}
