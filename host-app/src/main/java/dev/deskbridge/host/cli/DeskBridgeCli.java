package dev.deskbridge.host.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
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
        description = "Bridges help desks to WhatsApp Business conversations.")
public final class DeskBridgeCli implements java.util.concurrent.Callable<Integer> {
    /**
     * The built-in commands, in the order the usage lists them. Not in the {@code @Command}
     * annotation: picocli would then build the model of every command (reflection over each
     * command's options, their types loaded and initialised) on every start, which was about half of
     * {@code run}'s start-up before the configuration is read; see {@link #commandLine}.
     */
    static final List<Class<?>> COMMANDS = List.of(
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
            CompactCommand.class,
            SendCommand.class,
            CampaignCommand.class,
            RunCommand.class);

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
        return commandLine(new DeskBridgeCli(), args).execute(args);
    }

    /** Runs the CLI on a given machine, writing to the given streams; returns the exit code. */
    public static int execute(CliEnvironment environment, PrintWriter out, PrintWriter err, String... args) {
        return commandLine(new DeskBridgeCli(environment), args).setOut(out).setErr(err).execute(args);
    }

    /**
     * The command line of {@code cli} for {@code args}: when they start with a built-in command's
     * name (other than {@code help}, which lists the others), only that command is added, since no
     * other is reachable from there; otherwise every built-in command and the {@link AddedCommand}s
     * found on the class path, so the usage, {@code help}, an unknown command's suggestions and
     * the added commands see them all.
     */
    static CommandLine commandLine(DeskBridgeCli cli, String... args) {
        CommandLine line = new CommandLine(cli);
        Optional<Class<?>> only = args.length == 0 ? Optional.empty()
                : COMMANDS.stream().filter(c -> c != CommandLine.HelpCommand.class && names(c).contains(args[0]))
                        .findFirst();
        if (only.isPresent()) {
            line.addSubcommand(only.get());
            return line;
        }
        COMMANDS.forEach(line::addSubcommand);
        ServiceLoader.load(AddedCommand.class, DeskBridgeCli.class.getClassLoader()).forEach(line::addSubcommand);
        return line;
    }

    /** The name and aliases a command answers to. */
    private static List<String> names(Class<?> command) {
        Command c = command.getAnnotation(Command.class);
        List<String> names = new ArrayList<>(List.of(c.aliases()));
        names.add(c.name());
        return names;
    }

    /** Run without a command: the usage, on stderr, and a failing exit code (a script forgot its command). */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return 2;
    }
}
