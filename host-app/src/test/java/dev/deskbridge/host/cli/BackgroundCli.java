package dev.deskbridge.host.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.deskbridge.host.testing.Await;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A long-running CLI command ({@code deskbridge run}) on its own thread, its output captured. */
final class BackgroundCli {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private final AtomicInteger exit = new AtomicInteger(-1);
    private final Thread thread;

    private BackgroundCli(CliEnvironment env, String... args) {
        thread = new Thread(() -> exit.set(DeskBridgeCli.execute(env, new PrintWriter(out, true),
                new PrintWriter(err, true), args)));
    }

    static BackgroundCli start(CliEnvironment env, String... args) {
        BackgroundCli cli = new BackgroundCli(env, args);
        cli.thread.start();
        return cli;
    }

    /** Waits (generously) until the output matches, and returns the match. */
    Matcher await(Pattern pattern) {
        Await.until(pattern + " in the output (err: " + err + ")", Duration.ofSeconds(60),
                () -> pattern.matcher(out.toString()).find() || !thread.isAlive());
        Matcher m = pattern.matcher(out.toString());
        assertThat(m.find()).as("output: %s / %s", out, err).isTrue();
        return m;
    }

    /** Everything printed so far. */
    String printed() {
        return out + "" + err;
    }

    /** Stops the command as Ctrl-C would and returns its exit code. */
    int stop() throws InterruptedException {
        thread.interrupt();
        thread.join(30_000);
        return exit.get();
    }
}
