package dev.deskbridge.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A checkout's {@code ./deskbridge} launcher, to start the host as users start it: its jvm.options, its class
 * data archive and its {@code plugins/} folder (it sets the host's home to the checkout); more JVM options go
 * through {@code DESKBRIDGE_JAVA_OPTS}. It ends in {@code exec java}, so the process started is the host's JVM.
 */
final class Launcher {
    private Launcher() {}

    /** {@code ./deskbridge ARGS} of the checkout at {@code root}, with {@code jvm} added to the host's JVM options. */
    static ProcessBuilder process(Path root, List<String> jvm, List<String> args) {
        List<String> command = new ArrayList<>(List.of(root.resolve("deskbridge").toString()));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("DESKBRIDGE_JAVA_OPTS", String.join(" ", jvm));
        return builder;
    }

    /**
     * Has the launcher record its class data archive now if it has none for this build (any start of {@code
     * run}, {@code --help} too, does that first), so that no measured start includes the recording; prints it.
     */
    static void prepare(Path root) throws IOException, InterruptedException {
        Process p = process(root, List.of(), List.of("run", "--help")).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!p.waitFor(5, TimeUnit.MINUTES) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IllegalStateException(root.resolve("deskbridge") + " run --help failed");
        }
        Path archive = root.resolve("host-app/target/deskbridge-run.jsa");
        System.out.printf("hosts start through %s (class data archive %s)%n", root.resolve("deskbridge"),
                Files.exists(archive) ? (Files.size(archive) >> 20) + " MB" : "none: the training failed");
    }
}
