package dev.deskbridge.host.cli;

import dev.deskbridge.host.config.EnvLookup;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

/** Runs the CLI as a test would from a shell, capturing what it printed (the demo module's tests too). */
public record CliRun(int exit, String out, String err) {

    public static CliEnvironment environment(Path home, Map<String, String> env) {
        return new CliEnvironment(EnvLookup.of(env), home, CliRun.class.getClassLoader(),
                Clock.fixed(Instant.parse("2025-03-01T10:00:00Z"), ZoneOffset.UTC));
    }

    /** An environment whose built-ins include the test CRMs of {@code cli-builtins/}. */
    static CliEnvironment withTestCrms(Path home, Map<String, String> env) {
        URL root = CliRun.class.getClassLoader().getResource("cli-builtins/");
        ClassLoader loader = new URLClassLoader(new URL[] {root}, CliRun.class.getClassLoader());
        return new CliEnvironment(EnvLookup.of(env), home, loader,
                Clock.fixed(Instant.parse("2025-03-01T10:00:00Z"), ZoneOffset.UTC));
    }

    public static CliRun run(CliEnvironment environment, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = DeskBridgeCli.execute(environment, new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new CliRun(exit, out.toString(), err.toString());
    }

    /** Everything printed. */
    public String all() {
        return out + err;
    }
}
