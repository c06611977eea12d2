package dev.deskbridge.host.cli;

import dev.deskbridge.host.admin.AdminStore;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Function;
import picocli.CommandLine.Option;

/** The {@code --config} option of the commands that read the store, and asking the store one question. */
final class StoreOption {

    @Option(names = {"-c", "--config"}, paramLabel = "FILE", defaultValue = "deskbridge.yaml",
            description = "Configuration file naming the database (default: ${DEFAULT-VALUE}).")
    Path config;

    /**
     * Opens the store, answers {@code question} and closes the store again.
     *
     * @return the answer, or empty when the store could not be read (the reason is printed to {@code err})
     */
    <T> Optional<T> ask(AdminStoreOpener opener, PrintWriter err, String command, Function<AdminStore, T> question) {
        try (AdminStore store = opener.open(config)) {
            return Optional.of(question.apply(store));
        } catch (RuntimeException e) {
            err.println("deskbridge " + command + ": " + e.getMessage());
            return Optional.empty();
        }
    }
}
