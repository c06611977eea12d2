package dev.deskbridge.host.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The host's logging as a user's process has it: a JVM of its own on the host's class path without
 * the tests' {@code logback-test.xml}, so {@code DefaultLogging} sets it up. A plugin file that is
 * no jar makes the host log a WARN line.
 */
class HostLoggingProcessTest {
    @TempDir
    Path home;

    /** The test JVM's class path without the test classes (and their logback-test.xml). */
    private static String hostClassPath() throws Exception {
        List<String> entries = new ArrayList<>(Arrays.asList(System.getProperty("java.class.path")
                .split(File.pathSeparator)));
        entries.removeIf(e -> e.replace('\\', '/').endsWith("/test-classes"));
        URL[] urls = new URL[entries.size()];
        for (int i = 0; i < urls.length; i++) {
            urls[i] = Path.of(entries.get(i)).toUri().toURL();
        }
        try (URLClassLoader loader = new URLClassLoader(urls, null)) {
            assertThat(loader.getResource("logback-test.xml")).as("logback-test.xml on the host's class path").isNull();
            assertThat(loader.getResource("logback.xml")).as("logback.xml on the host's class path").isNull();
        }
        return String.join(File.pathSeparator, entries);
    }

    private String stderrOf(String... jvmOptions) throws Exception {
        Path plugins = Files.createDirectories(home.resolve("plugins"));
        Files.writeString(plugins.resolve("readme.jar"), "Just some text, renamed .jar by mistake.\n");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Ddeskbridge.home=" + home));
        command.addAll(List.of(jvmOptions));
        command.addAll(List.of("-cp", hostClassPath(), DeskBridgeCli.class.getName(), "plugins", "--dir",
                plugins.toString()));
        Path err = home.resolve("stderr.txt");
        Process p = new ProcessBuilder(command).redirectOutput(home.resolve("stdout.txt").toFile())
                .redirectError(err.toFile()).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("exited").isTrue();
        assertThat(p.exitValue()).as(Files.readString(err)).isEqualTo(1);
        return Files.readString(err);
    }

    @Test
    void logsToStderrWithTimeLevelAndLoggerWithoutAConfigurationFile() throws Exception {
        String err = stderrOf();

        assertThat(err).containsPattern("(?m)^\\d{2}:\\d{2}:\\d{2}\\.\\d{3} WARN  \\S*\\.PluginHost - plugin file "
                + "readme\\.jar not loaded: not a readable jar file");
        // PF4J's INFO narration stays out.
        assertThat(err).doesNotContain("org.pf4j", "INFO  o.pf4j");
    }

    @Test
    void deskbridgeLogLevelSetsTheRootLevel() throws Exception {
        assertThat(stderrOf("-Ddeskbridge.log.level=ERROR")).doesNotContain("WARN", "readme.jar");
    }
}
