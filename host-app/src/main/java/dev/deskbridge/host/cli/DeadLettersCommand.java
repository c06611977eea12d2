package dev.deskbridge.host.cli;

import dev.deskbridge.host.reports.TextTable;
import dev.deskbridge.host.store.Database;
import dev.deskbridge.host.store.DeadLetter;
import dev.deskbridge.host.store.DeadLetterStore;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code deskbridge dead-letters list|replay}: what the host gave up on, and sending it round again. */
@Command(name = "dead-letters", mixinStandardHelpOptions = true,
        description = "Lists and replays items the host gave up on (after its retries, or on a permanent failure).",
        subcommands = {DeadLettersCommand.ListCommand.class, DeadLettersCommand.ReplayCommand.class})
public final class DeadLettersCommand extends GroupCommand {

    /** Opens the store, reporting a bad database setting as exit code 2. */
    static int withStore(CommandLine.Model.CommandSpec spec, StoreOptions options,
            java.util.function.ToIntFunction<DeadLetterStore> work) {
        PrintWriter err = spec.commandLine().getErr();
        Database db;
        try {
            db = options.openExisting(DeskBridgeCli.environment(spec));
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            return 2;
        } catch (RuntimeException e) {
            err.println("cannot open the database: " + e.getMessage());
            return 2;
        }
        try (db) {
            return work.applyAsInt(new DeadLetterStore(db));
        }
    }

    /** {@code dead-letters list}. */
    @Command(name = "list", mixinStandardHelpOptions = true, description = "Lists dead letters, oldest first.")
    static final class ListCommand implements Callable<Integer> {
        @Spec
        CommandLine.Model.CommandSpec spec;

        @Mixin
        StoreOptions store;

        @Option(names = "--all", description = "Include dead letters that were replayed.")
        boolean all;

        @Override
        public Integer call() {
            return withStore(spec, store, letters -> {
                PrintWriter out = spec.commandLine().getOut();
                List<DeadLetter> list = letters.list(all);
                if (list.isEmpty()) {
                    out.println(all ? "no dead letters" : "no dead letters to replay");
                    out.flush();
                    return 0;
                }
                TextTable table = new TextTable(">ID", "QUEUE", ">ITEM", "TYPE", "SOURCE", ">ATTEMPTS", "CREATED",
                        "REASON");
                for (DeadLetter d : list) {
                    table.row(String.valueOf(d.id()), String.valueOf(d.queue()), String.valueOf(d.itemId()),
                            d.eventType(), d.sourceId(), String.valueOf(d.attempts()),
                            d.createdAt().toString().substring(0, 19),
                            d.reason() + d.replayedAt().map(r -> " (replayed " + r + ")").orElse(""));
                }
                out.print(table.render());
                out.flush();
                return 0;
            });
        }
    }

    /** {@code dead-letters replay ID|--all}. */
    @Command(name = "replay", mixinStandardHelpOptions = true,
            description = "Puts dead letters back on their queue with a fresh attempt budget.")
    static final class ReplayCommand implements Callable<Integer> {
        @Spec
        CommandLine.Model.CommandSpec spec;

        @Mixin
        StoreOptions store;

        @ArgGroup(multiplicity = "1")
        Target target;

        static final class Target {
            @Parameters(paramLabel = "ID", description = "The dead letter to replay.")
            Long id;

            @Option(names = "--all", description = "Replay every dead letter not replayed yet.")
            boolean all;
        }

        @Override
        public Integer call() {
            return withStore(spec, store, letters -> {
                PrintWriter out = spec.commandLine().getOut();
                if (target.all) {
                    out.println("replayed " + letters.replayAll(Clock.systemUTC().instant()));
                    out.flush();
                    return 0;
                }
                if (!letters.replay(target.id, Clock.systemUTC().instant())) {
                    spec.commandLine().getErr().println("no dead letter " + target.id + " to replay (unknown, or "
                            + "replayed already)");
                    return 1;
                }
                out.println("replayed 1 (dead letter " + target.id + ")");
                out.flush();
                return 0;
            });
        }
    }
}
