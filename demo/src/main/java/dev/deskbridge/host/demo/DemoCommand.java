package dev.deskbridge.host.demo;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import dev.deskbridge.host.cli.AddedCommand;
import dev.deskbridge.host.cli.CliEnvironment;
import dev.deskbridge.host.cli.DeskBridgeCli;
import dev.deskbridge.host.runtime.Termination;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code deskbridge demo}: the real host against local stand-ins of the WhatsApp Cloud API and
 * Zendesk, one scripted support day on a simulated clock, a cost report, then the dashboard until
 * Ctrl-C (or, with {@code --no-wait}, exit). Added to {@code deskbridge} when the demo's jar is on
 * the class path ({@code META-INF/services}).
 */
@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        description = {
            "Runs DeskBridge against local stand-ins of the WhatsApp Cloud API and Zendesk and plays one support day "
                    + "on a simulated clock: tickets appear, answers go out free inside the 24-hour window, a closed "
                    + "window gets a re-engagement template with its price, an ad's customer gets 72 free hours, a "
                    + "failed delivery costs nothing, a closing window is warned about. Ends with a cost report, then "
                    + "serves the dashboard until Ctrl-C. Needs no account; nothing leaves this machine."
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the day was played and the report printed", "1:the demo could not run (the reason is printed)",
            "2:bad arguments"})
public final class DemoCommand implements Callable<Integer>, AddedCommand {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("uuuuMMdd-HHmmss");

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--no-wait", description = "exit after the cost report instead of serving the dashboard")
    boolean noWait;

    @Option(names = "--port", paramLabel = "N", defaultValue = "0",
            description = "HTTP port of the host and its dashboard (default: any free port)")
    int port;

    @Option(names = "--plugins-dir", paramLabel = "DIR", description = "load plugins from DIR (default: plugins/ in the "
            + "DeskBridge home)")
    Path pluginsDir;

    @Option(names = "--data", paramLabel = "DIR", description = "folder for this run's configuration and database "
            + "(default: data/demo-<date>-<time> in the DeskBridge home)")
    Path dataDir;

    @Option(names = "--verbose", description = "show the host's log (INFO) besides the story")
    boolean verbose;

    @Override
    public Integer call() {
        CliEnvironment env = DeskBridgeCli.environment(spec);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (port < 0 || port > 65535) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--port must be 0..65535, got " + port);
        }
        Demo.Settings settings = new Demo.Settings(env.home(),
                pluginsDir != null ? pluginsDir.toAbsolutePath().normalize() : env.pluginsDir(),
                dataDir != null ? dataDir.toAbsolutePath().normalize()
                        : env.home().resolve("data").resolve("demo-" + LocalDateTime.now(env.clock()).format(STAMP)),
                port, env.builtIns(), Duration.ofSeconds(120));
        Level before = quietLogs();
        Demo demo = null;
        try {
            demo = Demo.start(settings, new Narrator(out));
            demo.playDay();
            demo.report();
        } catch (DemoException e) {
            if (demo != null) {
                demo.close();
            }
            restoreLogs(before);
            err.println("deskbridge demo: " + e.getMessage());
            err.flush();
            return 1;
        }
        out.println();
        out.println("This run's configuration: " + demo.configFile());
        out.println("The same report later, by category:  ./deskbridge costs --database "
                + demo.host().config().database().url() + " --month 2026-11 --by category");
        if (noWait) {
            out.println("Run it without --no-wait to look around in the dashboard afterwards.");
            demo.close();
            restoreLogs(before);
            out.flush();
            return 0;
        }
        return serveUntilStopped(demo, out, before);
    }

    /** Keeps the host and the dashboard up until Ctrl-C. */
    private int serveUntilStopped(Demo demo, PrintWriter out, Level logLevel) {
        CountDownLatch stopped = new CountDownLatch(1);
        Runnable stop = Termination.once(() -> {
            demo.close();
            out.println("Stopped: the stand-ins and the host are down; the database stays in " + demo.configFile()
                    .getParent());
            out.flush();
            stopped.countDown();
        });
        Thread hook = new Thread(stop, "deskbridge-demo-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        // Ctrl-C and SIGTERM close the host in order before the JVM's shutdown hooks run: H2's own hook
        // would otherwise close the database under the host's workers (and they would warn of it).
        Termination.onSignal(stop);
        out.println("Dashboard: " + demo.dashboardUrl());
        out.println("(the admin token is in the address; the simulated clock stays at the end of the day)");
        out.println("Press Ctrl-C to stop.");
        out.flush();
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Runtime.getRuntime().removeShutdownHook(hook);
            stop.run();
            Thread.currentThread().interrupt();
        } finally {
            restoreLogs(logLevel);
        }
        return 0;
    }

    /** The story is the output: the host's INFO log would drown it, so it shows warnings only unless asked. */
    private Level quietLogs() {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        Level before = root.getLevel();
        if (!verbose) {
            root.setLevel(Level.WARN);
        }
        return before;
    }

    private static void restoreLogs(Level level) {
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).setLevel(level);
    }
}
