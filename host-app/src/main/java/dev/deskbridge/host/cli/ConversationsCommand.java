package dev.deskbridge.host.cli;

import dev.deskbridge.connector.api.config.Durations;
import dev.deskbridge.connector.api.pricing.WindowPhase;
import dev.deskbridge.host.admin.ConversationFilter;
import dev.deskbridge.host.admin.ConversationSummary;
import dev.deskbridge.host.reports.ConversationTable;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code deskbridge conversations}: conversations and their windows, the ones closing soonest
 * first, so the team answers while it is still free. Customer numbers are masked.
 */
@Command(
        name = "conversations",
        mixinStandardHelpOptions = true,
        description = {"Conversations and their 24-hour windows, the windows closing soonest first."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:list printed", "1:the store could not be read", "2:bad arguments"})
public final class ConversationsCommand extends StoreCommand {

    @Option(names = "--closing-within", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Only open windows closing within this time: 2h, 30m, PT2H.")
    Duration closingWithin;

    @Option(names = "--phase", paramLabel = "PHASE", converter = PhaseConverter.class,
            description = "Only windows in this phase: open, closing or closed.")
    WindowPhase phase;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "200",
            description = "At most this many conversations, 1 to 1000 (default: ${DEFAULT-VALUE}).")
    int limit;

    /** The command as the CLI runs it. */
    public ConversationsCommand() {
        this(StoreAccess.CLI);
    }

    ConversationsCommand(StoreAccess access) {
        super(access);
    }

    @Override
    public Integer call() {
        if (limit < 1 || limit > ConversationFilter.MAX_LIMIT) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--limit: expected 1 to " + ConversationFilter.MAX_LIMIT + ", got " + limit);
        }
        Instant now = clock().instant();
        return withStore(s -> {
            List<ConversationSummary> found = s.conversations(new ConversationFilter(Optional.ofNullable(phase),
                    Optional.ofNullable(closingWithin), now, limit));
            out().print(ConversationTable.render(found, now));
            return 0;
        });
    }

    /** Reads 2h, 30m, PT2H. */
    static final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            try {
                Duration d = Durations.parse(value);
                if (!d.isNegative() && d.compareTo(ConversationFilter.MAX_CLOSING_WITHIN) <= 0) {
                    return d;
                }
            } catch (IllegalArgumentException e) {
                // reported below
            }
            throw new CommandLine.TypeConversionException("expected a duration such as 2h, 30m or PT2H, got '" + value
                    + "'; at most " + ConversationFilter.MAX_CLOSING_WITHIN.toDays() + "d");
        }
    }

    /** Reads open, closing or closed. */
    static final class PhaseConverter implements CommandLine.ITypeConverter<WindowPhase> {
        @Override
        public WindowPhase convert(String value) {
            try {
                return WindowPhase.valueOf(value.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException("expected open, closing or closed, got '" + value + "'");
            }
        }
    }
}
