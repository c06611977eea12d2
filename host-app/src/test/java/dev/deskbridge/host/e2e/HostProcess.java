package dev.deskbridge.host.e2e;

import dev.deskbridge.host.cli.DeskBridgeCli;
import dev.deskbridge.host.config.DeskBridgeHome;
import dev.deskbridge.host.testing.Await;
import dev.deskbridge.host.testing.Hmac;
import dev.deskbridge.host.testing.HostFixture;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code deskbridge run} in a JVM of its own (the java binary itself, no wrapper script, so a
 * SIGKILL reaches the host), for tests that kill it and start it again on the same files.
 */
final class HostProcess {
    private static final Pattern LISTENING = Pattern.compile("listening on http://127\\.0\\.0\\.1:(\\d+)");
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private HostProcess() {}

    /**
     * Starts {@code deskbridge run --config FILE} with the secrets in its environment, its output in
     * {@code home/NAME.log}.
     */
    static Process start(Path home, Path config, String name, String maxHeap, Map<String, String> env)
            throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-Xmx" + maxHeap, "-D" + DeskBridgeHome.PROPERTY + "=" + home,
                "-cp", System.getProperty("java.class.path"), DeskBridgeCli.class.getName(),
                "run", "--config", config.toString());
        pb.environment().putAll(env);
        pb.redirectErrorStream(true);
        pb.redirectOutput(home.resolve(name + ".log").toFile());
        pb.directory(new File(System.getProperty("user.dir")));
        return pb.start();
    }

    /** The port the host listens on, once its log says so. */
    static int awaitPort(Process p, Path log) {
        Map<String, Integer> port = new HashMap<>();
        Await.until("host listening (log: " + log + ")", Duration.ofSeconds(90), () -> {
            String out = readQuietly(log);
            Matcher m = LISTENING.matcher(out);
            if (m.find()) {
                port.put("port", Integer.parseInt(m.group(1)));
                return true;
            }
            if (!p.isAlive()) {
                throw new AssertionError("host exited " + p.exitValue() + ": " + out);
            }
            return false;
        });
        return port.get("port");
    }

    /** Stops what is still running as Ctrl-C would, then for good. */
    static void stop(Process... processes) throws InterruptedException {
        for (Process p : processes) {
            if (p != null && p.isAlive()) {
                p.destroy();
                if (!p.waitFor(30, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            }
        }
    }

    /** A Cloud API webhook to the host on {@code port}, signed as Meta signs it; the answer's status code. */
    static int postMeta(int port, String json) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/webhooks/channels/wa-main"))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                .header("X-Hub-Signature-256", Hmac.sign(HostFixture.META_APP_SECRET,
                        json.getBytes(StandardCharsets.UTF_8)))
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString())
                .statusCode();
    }

    static String readQuietly(Path p) {
        try {
            return Files.exists(p) ? Files.readString(p) : "";
        } catch (IOException e) {
            return "";
        }
    }
}
