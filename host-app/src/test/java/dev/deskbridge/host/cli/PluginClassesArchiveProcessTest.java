package dev.deskbridge.host.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.deskbridge.host.plugins.TestJars;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher's training start, as the launcher runs it (a JVM of its own recording a class data
 * archive at exit, the built Zendesk plugin, a configuration using it): the plugin's classes that a
 * start loads but links only on first use are linked before the JVM exits, so the next start takes
 * them from the archive instead of reading, parsing and verifying them from the plugin's jar.
 */
class PluginClassesArchiveProcessTest {
    /** Loaded by the Zendesk session at start, linked only when a rate limit is hit. */
    private static final String LINKED_ON_USE = "dev.deskbridge.connector.zendesk.client.ClientRateLimit$BudgetExhausted";
    /** An interface of the plugin's Netty, loaded at start and linked only by the training's linking. */
    private static final String INTERFACE = "io.netty.channel.Channel";

    @TempDir
    Path home;

    @Test
    void theTrainingStartLinksThePluginsClassesAndTheNextStartTakesThemFromTheArchive() throws Exception {
        Path plugins = Files.createDirectories(home.resolve("plugins"));
        Files.copy(TestJars.realPlugin("deskbridge-zendesk"), plugins.resolve("deskbridge-zendesk.jar"));
        Path config = Files.writeString(home.resolve("deskbridge.yaml"), """
                host:
                  public_base_url: https://training.invalid
                  http: { bind: 127.0.0.1, port: 0 }
                database:
                  url: jdbc:h2:file:%s
                  user: sa
                channels:
                  - id: wa
                    type: whatsapp-cloud
                    config:
                      phone_number_id: "1"
                      business_number: "+15550000000"
                      access_token: training-access-token-0000
                      app_secret: training-app-secret-00000
                      verify_token: training-verify-token
                      base_url: http://127.0.0.1:9
                crms:
                  - id: zd
                    type: zendesk
                    config:
                      url: http://127.0.0.1:9
                      email: training@training.invalid
                      api_token: training-api-token-0000
                      webhook_signing_secret: training-signing-secret-0000
                routes:
                  - { channel: wa, crm: zd }
                """.formatted(home.resolve("data/deskbridge").toString().replace('\\', '/')));
        String classPath = archivableClassPath();
        Path archive = home.resolve("run.jsa");

        Run training = run(classPath, config, plugins, "-XX:ArchiveClassesAtExit=" + archive);
        assumeTrue(Files.exists(archive) || !training.err.contains("base CDS archive"),
                "this JDK has no base class data archive to record a dynamic one on");
        assertThat(training.exit).as(training.err).isZero();
        assertThat(training.out).containsPattern("linked \\d{3,} classes of plugins for the class data archive");
        assertThat(archive).isNotEmptyFile();

        Path loads = home.resolve("class-load.log");
        Run next = run(classPath, config, plugins, "-XX:SharedArchiveFile=" + archive,
                "-Xlog:class+load=info:file=" + loads);
        assertThat(next.exit).as(next.err).isZero();
        List<String> lines = Files.readAllLines(loads);
        assertThat(sourceOf(lines, DeskBridgeCli.class.getName())).as("the archive was used")
                .startsWith("shared objects file");
        assertThat(sourceOf(lines, LINKED_ON_USE)).startsWith("shared objects file");
        assertThat(sourceOf(lines, INTERFACE)).startsWith("shared objects file");
    }

    /** Where the class-load log says the class came from. */
    private static String sourceOf(List<String> classLoadLog, String className) {
        String marker = " " + className + " source: ";
        return classLoadLog.stream().filter(l -> l.contains(marker)).findFirst()
                .map(l -> l.substring(l.indexOf(marker) + marker.length())).orElse("not loaded");
    }

    private record Run(int exit, String out, String err) {}

    private Run run(String classPath, Path config, Path plugins, String... archiveOptions) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx256m", "-Xlog:cds=off", "-Xlog:cds+dynamic=off"));
        command.addAll(List.of(archiveOptions));
        command.addAll(List.of("-Ddeskbridge.home=" + home, "-cp", classPath, DeskBridgeCli.class.getName(), "run",
                "--config", config.toString(), "--plugins-dir", plugins.toString(), "--stop-after", "PT0S"));
        Path out = Files.createTempFile(home, "out", ".txt");
        Path err = Files.createTempFile(home, "err", ".txt");
        Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("exited").isTrue();
        return new Run(p.exitValue(), Files.readString(out), Files.readString(err));
    }

    /**
     * The host's class path as jars: a class data archive takes none of a non-empty folder's classes
     * (it refuses to record with one on the class path), so each folder (the host's classes, a module's
     * in a reactor build) is packed into a jar first, as the build packs it. The tests' own classes stay out.
     */
    private String archivableClassPath() throws IOException {
        List<String> entries = new ArrayList<>();
        int folders = 0;
        for (String entry : Arrays.asList(System.getProperty("java.class.path").split(File.pathSeparator))) {
            Path path = Path.of(entry);
            if (entry.replace('\\', '/').endsWith("/test-classes")) {
                continue;
            }
            entries.add(Files.isDirectory(path) ? jarOf(path, home.resolve("classes-" + folders++ + ".jar")).toString()
                    : entry);
        }
        return String.join(File.pathSeparator, entries);
    }

    private static Path jarOf(Path folder, Path jar) throws IOException {
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream zip = new JarOutputStream(out);
                Stream<Path> files = Files.walk(folder)) {
            for (Path f : files.filter(f -> !f.equals(folder)).sorted().toList()) {
                String name = folder.relativize(f).toString().replace('\\', '/');
                // Folders as entries too: Flyway finds db/migration in a jar by its entry.
                zip.putNextEntry(new JarEntry(Files.isDirectory(f) ? name + "/" : name));
                if (Files.isRegularFile(f)) {
                    Files.copy(f, zip);
                }
                zip.closeEntry();
            }
        }
        return jar;
    }
}
