package dev.deskbridge.host.cli;

import dev.deskbridge.host.admin.AdminStore;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.function.ToIntFunction;
import picocli.CommandLine;

/**
 * A command that asks the store one question: the database options ({@code --config},
 * {@code --database}), opening and closing the store, and the exit codes when that fails.
 */
abstract class StoreCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Mixin
    StoreOptions store;

    private final StoreAccess access;

    StoreCommand(StoreAccess access) {
        this.access = Objects.requireNonNull(access, "access");
    }

    /** The clock phases, countdowns and the default month follow. */
    Clock clock() {
        return access.clock(spec);
    }

    /** Where the answer is printed. */
    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    /**
     * Opens the store, runs {@code work} and closes the store.
     *
     * @return {@code work}'s exit code; 2 when the database settings are wrong, 1 when the store
     *     cannot be read (the reason is printed)
     */
    int withStore(ToIntFunction<AdminStore> work) {
        PrintWriter err = spec.commandLine().getErr();
        String command = "deskbridge " + spec.name();
        AdminStore opened;
        try {
            opened = access.open(spec, store);
        } catch (IllegalArgumentException e) {
            err.println(command + ": " + e.getMessage());
            return 2;
        } catch (RuntimeException e) {
            err.println(command + ": cannot open the database: " + e.getMessage());
            return 1;
        }
        try (opened) {
            return work.applyAsInt(opened);
        } catch (RuntimeException e) {
            err.println(command + ": cannot read the store: " + e.getMessage());
            return 1;
        } finally {
            out().flush();
        }
    }
}
