package dev.deskbridge.host.cli;

import dev.deskbridge.connector.api.config.ConfigProblem;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code deskbridge config validate FILE}: checks a configuration against the host's settings and
 * each connector type's spec, starting nothing. Secret values never appear in what it prints.
 */
@Command(
        name = "validate",
        mixinStandardHelpOptions = true,
        description = {
            "Checks a configuration file (with $${NAME} taken from the environment) against the host's settings and "
                    + "the settings each channel and CRM type declares, loading the plugins it names. Prints OK, or "
                    + "every problem as path: message. Secret values are never printed."
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the configuration is valid", "2:problems found (each printed)"})
public final class ConfigValidateCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--plugins-dir", paramLabel = "DIR", description = "load plugins from DIR instead of plugins.dir")
    Path pluginsDir;

    @Parameters(index = "0", paramLabel = "FILE", description = "the configuration file (YAML)")
    Path file;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        try (LoadedConfig loaded = LoadedConfig.load(DeskBridgeCli.environment(spec), file, pluginsDir,
                spec.commandLine().getErr())) {
            if (loaded.result.valid()) {
                out.println("OK");
                return 0;
            }
            for (ConfigProblem p : loaded.result.problems()) {
                out.println(p);
            }
            int n = loaded.result.problems().size();
            out.println(n + (n == 1 ? " problem" : " problems") + " in " + file);
            return 2;
        }
    }
}
