package dev.deskbridge.host.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.deskbridge.host.plugins.TestJars;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code deskbridge demo} left serving its dashboard and stopped as a newcomer stops it (Ctrl-C, or
 * SIGTERM from a terminal that closes), in a JVM of its own: the host closes in order and says so,
 * with no warning about a database closed under it.
 */
class DemoStopTest {
    @TempDir
    Path home;

    @Test
    void aSigtermStopsTheServingDemoInOrderWithoutWarnings() throws Exception {
        TestJars.copyRealPlugins(home.resolve("plugins"));
        Path output = home.resolve("demo.out");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process demo = new ProcessBuilder(java, "-Xmx256m", "-D" + "deskbridge.home=" + home,
                "-cp", System.getProperty("java.class.path"), "dev.deskbridge.host.cli.DeskBridgeCli", "demo")
                .directory(home.toFile()).redirectErrorStream(true).redirectOutput(output.toFile()).start();
        try {
            awaitLine(demo, output, "Press Ctrl-C to stop.", Duration.ofSeconds(120));
            // Let the workers poll the database a few times, as they do while someone looks around.
            Thread.sleep(1_500);

            demo.destroy(); // SIGTERM

            assertThat(demo.waitFor(60, TimeUnit.SECONDS)).as("stopped within a minute").isTrue();
            String all = Files.readString(output);
            assertThat(all).as(all).contains("Stopped: the stand-ins and the host are down");
            // The test class path's logback-test.xml lets Flyway's advice on H2's version through, which the
            // host's own logging (DefaultLogging) keeps at ERROR; that line is not the stop's.
            assertThat(all.lines().filter(l -> l.contains(" WARN ") || l.contains(" ERROR "))
                    .filter(l -> !l.contains("than the version Flyway has been verified with")).toList()).as(all)
                    .isEmpty();
            assertThat(all).doesNotContain("Database is already closed");
        } finally {
            if (demo.isAlive()) {
                demo.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            }
        }
    }

    private static void awaitLine(Process demo, Path output, String line, Duration within)
            throws IOException, InterruptedException {
        long until = System.nanoTime() + within.toNanos();
        while (!Files.exists(output) || !Files.readString(output).contains(line)) {
            if (!demo.isAlive()) {
                throw new AssertionError("the demo exited before '" + line + "': " + Files.readString(output));
            }
            if (System.nanoTime() > until) {
                throw new AssertionError("no '" + line + "' within " + within + ": " + Files.readString(output));
            }
            Thread.sleep(100);
        }
    }
}
