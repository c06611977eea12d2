package dev.deskbridge.host.cli;

import dev.deskbridge.connector.api.model.PhoneNumber;
import dev.deskbridge.host.consent.ConsentRegistry;
import dev.deskbridge.host.consent.OptOut;
import dev.deskbridge.host.reports.TextTable;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.ToIntFunction;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code deskbridge optouts list|add|remove}: customers who take no marketing templates on a channel.
 * Numbers are shown in full here, as in the CRM: this is the operator's own record of consent.
 */
@Command(name = "optouts", mixinStandardHelpOptions = true,
        description = "Lists, adds and removes customers opted out of marketing templates (per channel).",
        subcommands = {OptOutsCommand.ListCommand.class, OptOutsCommand.AddCommand.class,
            OptOutsCommand.RemoveCommand.class})
public final class OptOutsCommand extends GroupCommand {

    static int withRegistry(CommandLine.Model.CommandSpec spec, StoreOptions options,
            ToIntFunction<ConsentRegistry> work) {
        return TemplatesCommand.withDatabase(spec, options, db -> work.applyAsInt(new ConsentRegistry(db)));
    }

    /** The number, or exit code 2 with what is wrong with it. */
    static Optional<PhoneNumber> number(CommandLine.Model.CommandSpec spec, String raw) {
        try {
            return Optional.of(PhoneNumber.of(raw.strip()));
        } catch (IllegalArgumentException e) {
            spec.commandLine().getErr().println("--customer: " + e.getMessage());
            return Optional.empty();
        }
    }

    /** {@code optouts list}. */
    @Command(name = "list", mixinStandardHelpOptions = true, description = "Lists opted-out customers, oldest first.")
    static final class ListCommand implements Callable<Integer> {
        @Spec
        CommandLine.Model.CommandSpec spec;

        @Mixin
        StoreOptions store;

        @Option(names = "--channel", paramLabel = "ID", description = "Only this channel.")
        String channel;

        @Override
        public Integer call() {
            return withRegistry(spec, store, registry -> {
                PrintWriter out = spec.commandLine().getOut();
                List<OptOut> list = registry.list(Optional.ofNullable(channel));
                if (list.isEmpty()) {
                    out.println("no opted-out customers");
                    out.flush();
                    return 0;
                }
                TextTable table = new TextTable("CHANNEL", "CUSTOMER", "SINCE", "SOURCE", "KEYWORD", "TOLD");
                for (OptOut o : list) {
                    table.row(o.channelId(), o.customer().e164(), o.optedOutAt().toString(), o.source(),
                            o.keyword().orElse("-"), o.toldAt().map(Object::toString).orElse("-"));
                }
                out.print(table.render());
                out.flush();
                return 0;
            });
        }
    }

    /** What {@code add} and {@code remove} share: a channel, a customer's number, the store. */
    abstract static class CustomerChange implements Callable<Integer> {
        @Spec
        CommandLine.Model.CommandSpec spec;

        @Mixin
        StoreOptions store;

        @Option(names = "--channel", required = true, paramLabel = "ID", description = "The channel.")
        String channel;

        @Option(names = "--customer", required = true, paramLabel = "+E164", description = "The customer's number.")
        String customer;

        @Override
        public Integer call() {
            Optional<PhoneNumber> number = number(spec, customer);
            if (number.isEmpty()) {
                return 2;
            }
            return withRegistry(spec, store, registry -> {
                int code = change(registry, number.get(), spec.commandLine().getOut(), spec.commandLine().getErr());
                spec.commandLine().getOut().flush();
                return code;
            });
        }

        /** The change itself; answers the exit code. */
        abstract int change(ConsentRegistry registry, PhoneNumber number, PrintWriter out, PrintWriter err);
    }

    /** {@code optouts add --channel ID --customer +E164}. */
    @Command(name = "add", mixinStandardHelpOptions = true,
            description = "Opts a customer out of marketing templates on a channel (asked for another way).")
    static final class AddCommand extends CustomerChange {
        @Override
        int change(ConsentRegistry registry, PhoneNumber number, PrintWriter out, PrintWriter err) {
            boolean added = registry.optOut(channel, number, OptOut.OPERATOR, Optional.empty(),
                    Clock.systemUTC().instant());
            out.println(added ? "opted out " + number + " on " + channel
                    : number + " was already opted out on " + channel);
            return 0;
        }
    }

    /** {@code optouts remove --channel ID --customer +E164}. */
    @Command(name = "remove", mixinStandardHelpOptions = true,
            description = "Takes a customer back: marketing templates may go to them again.")
    static final class RemoveCommand extends CustomerChange {
        @Override
        int change(ConsentRegistry registry, PhoneNumber number, PrintWriter out, PrintWriter err) {
            if (!registry.remove(channel, number)) {
                err.println(number + " is not opted out on " + channel);
                return 1;
            }
            out.println("removed the opt-out of " + number + " on " + channel);
            return 0;
        }
    }
}
