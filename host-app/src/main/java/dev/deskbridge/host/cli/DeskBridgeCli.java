package dev.deskbridge.host.cli;

import java.io.PrintWriter;
import java.util.Objects;
import java.util.ServiceLoader;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code deskbridge} command line: every operator task starts here. Commands from other
 * modules ({@code demo}) are added when they are on the class path, see {@link AddedCommand}.
 */
@Command(
        name = "deskbridge",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Bridges help desks to WhatsApp Business conversations.",
        subcommands = {
            CommandLine.HelpCommand.class,
            PluginsCommand.class,
            ConfigCommand.class,
            ZendeskCommand.class,
            CrmCommand.class,
            PricingCommand.class,
            CostsCommand.class,
            TemplatesCommand.class,
            OptOutsCommand.class,
            StatsCommand.class,
            LinksCommand.class,
            ConversationsCommand.class,
            DeadLettersCommand.class,
            SendCommand.class,
            CampaignCommand.class,
            RunCommand.class
        })
public final class DeskBridgeCli implements java.util.concurrent.Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private final CliEnvironment environment;

    /** The CLI on the real machine. */
    public DeskBridgeCli() {
        this(CliEnvironment.system());
    }

    /** The CLI with its machine given (tests). */
    public DeskBridgeCli(CliEnvironment environment) {
        this.environment = Objects.requireNonNull(environment, "environment");
    }

    /** What the commands take from the machine. */
    public CliEnvironment environment() {
        return environment;
    }

    /** The environment of the CLI a (sub)command runs in. */
    public static CliEnvironment environment(CommandLine.Model.CommandSpec spec) {
        return ((DeskBridgeCli) spec.root().userObject()).environment();
    }

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the CLI and returns its exit code (tests call this instead of {@link #main}). */
    public static int execute(String... args) {
        return commandLine(new DeskBridgeCli()).execute(args);
    }

    /** Runs the CLI on a given machine, writing to the given streams; returns the exit code. */
    public static int execute(CliEnvironment environment, PrintWriter out, PrintWriter err, String... args) {
        return commandLine(new DeskBridgeCli(environment)).setOut(out).setErr(err).execute(args);
    }

    /** The command line of {@code cli} with the {@link AddedCommand}s found on the class path. */
    private static CommandLine commandLine(DeskBridgeCli cli) {
        CommandLine line = new CommandLine(cli);
        ServiceLoader.load(AddedCommand.class, DeskBridgeCli.class.getClassLoader()).forEach(line::addSubcommand);
        return line;
    }

    /** Run without a command: the usage, on stderr, and a failing exit code (a script forgot its command). */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return 2;
    }
}
