package dev.deskbridge.host.cli;

import dev.deskbridge.host.config.DatabaseConfig;
import dev.deskbridge.host.store.Database;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

/**
 * {@code deskbridge compact}: rewrites a stopped host's embedded H2 file with only its live pages.
 * H2 reuses the space of deleted rows (old handled queue items, {@code engine.keep_handled}) but never
 * gives it back, and a file written under load without pause holds many superseded pages.
 */
@Command(name = "compact", mixinStandardHelpOptions = true,
        description = "Rewrites the embedded H2 database file with only the pages in use, giving freed space back "
                + "to the disk. The host must be stopped.")
public final class CompactCommand implements Callable<Integer> {
    /** H2's "database may be already in use": another process holds the file. */
    private static final int IN_USE = 90020;

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    StoreOptions store;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        DatabaseConfig database;
        try {
            database = store.resolve(DeskBridgeCli.environment(spec));
        } catch (IllegalArgumentException e) {
            err.println("deskbridge compact: " + e.getMessage());
            return 2;
        }
        Optional<Path> file = Database.h2FilePath(database.url());
        if (file.isEmpty()) {
            err.println("deskbridge compact: " + database.displayUrl() + " is not an embedded H2 file; PostgreSQL "
                    + "gives space back itself (autovacuum, or VACUUM FULL)");
            return 2;
        }
        Path mvFile = Path.of(file.get() + ".mv.db");
        if (!Database.h2FileExists(file.get())) {
            err.println("deskbridge compact: no database at " + mvFile);
            return 2;
        }
        try {
            long before = Files.size(mvFile);
            long started = System.nanoTime();
            Database.compact(database, file.get());
            long after = Files.size(mvFile);
            out.printf("compacted %s: %,d MB before, %,d MB after, in %.1f s%n", mvFile, before >> 20, after >> 20,
                    (System.nanoTime() - started) / 1e9);
            return 0;
        } catch (SQLException e) {
            if (e.getErrorCode() == IN_USE) {
                err.println("deskbridge compact: " + mvFile + " is in use (is the host running?); compacting needs the "
                        + "file to itself: stop the host, then run this again");
            } else {
                err.println("deskbridge compact: cannot compact " + mvFile + ": " + e.getMessage());
            }
            return 1;
        } catch (IOException e) {
            err.println("deskbridge compact: cannot read the size of " + mvFile + ": " + e.getMessage());
            return 1;
        }
    }
}
