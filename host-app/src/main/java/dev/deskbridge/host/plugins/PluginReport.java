package dev.deskbridge.host.plugins;

import dev.deskbridge.host.logging.LogSafe;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What became of one plugin file: started with its extensions, or failed or refused, with why.
 *
 * @param file the plugin file
 * @param state the outcome
 * @param pluginId the descriptor's id, when it could be read
 * @param version the descriptor's version, when it could be read
 * @param sha256 the file's SHA-256 digest (lower-case hex), when it was checked against {@code plugins.trusted}
 * @param extensions the extensions provided; empty unless started
 * @param problems why it did not start; empty exactly when started
 */
public record PluginReport(
        Path file,
        State state,
        Optional<String> pluginId,
        Optional<String> version,
        Optional<String> sha256,
        List<ProvidedExtension> extensions,
        List<String> problems) {

    /** The longest problem kept; longer ones are cut and say by how much. */
    public static final int MAX_PROBLEM_CHARS = 500;

    /** The outcome of loading one file. */
    public enum State {
        /** Loaded and started; its extensions are available. */
        STARTED,
        /** Could not be loaded or started. */
        FAILED,
        /** Not loaded because it is not in the trusted digests. */
        REFUSED
    }

    public PluginReport {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(pluginId, "pluginId");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(sha256, "sha256");
        extensions = List.copyOf(Objects.requireNonNull(extensions, "extensions"));
        // A problem may quote the file (a class name from its index): capped, so a hostile jar cannot flood the log.
        problems = Objects.requireNonNull(problems, "problems").stream().map(p -> LogSafe.text(p, MAX_PROBLEM_CHARS))
                .toList();
        if ((state == State.STARTED) != problems.isEmpty()) {
            throw new IllegalArgumentException("a started plugin has no problems; a failed one has at least one");
        }
    }

    /** The file name, as shown to operators. */
    public String fileName() {
        return file.getFileName().toString();
    }

    public boolean started() {
        return state == State.STARTED;
    }

    /** Every problem, on one line. */
    public String reason() {
        return String.join("; ", problems);
    }
}
