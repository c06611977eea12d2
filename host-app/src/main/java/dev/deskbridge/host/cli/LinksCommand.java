package dev.deskbridge.host.cli;

import dev.deskbridge.connector.api.error.ConnectorException;
import dev.deskbridge.host.channel.whatsapp.MetaQrCodes;
import dev.deskbridge.host.config.DeskBridgeConfig;
import dev.deskbridge.host.links.ChatLink;
import dev.deskbridge.host.links.ChatLinks;
import dev.deskbridge.host.links.LinkChannel;
import dev.deskbridge.host.links.QrImage;
import dev.deskbridge.host.logging.LogSafe;
import dev.deskbridge.host.reports.TextTable;
import dev.deskbridge.host.store.Database;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code deskbridge links}: click-to-chat links (wa.me, and Meta's QR codes and short links) with a
 * name and a source tag each, kept in the host's database; the conversation a link brings is named
 * after it on the ticket and in {@code deskbridge costs --by link}.
 */
@Command(
        name = "links",
        mixinStandardHelpOptions = true,
        description = "Click-to-chat links and QR codes: create, list, update, delete, and download a QR code.",
        subcommands = {LinksCommand.Create.class, LinksCommand.ListLinks.class, LinksCommand.Update.class,
            LinksCommand.Delete.class, LinksCommand.Qr.class})
public final class LinksCommand extends GroupCommand {

    /** What every links command shares: the configuration, the database, the exit codes. */
    abstract static class LinkCommand implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = "--config", required = true, paramLabel = "FILE",
                description = "The host's configuration file (its channels and database).")
        Path config;

        /** Runs {@code work} with the links of the configuration's channels and database. */
        int withLinks(LinkWork work) throws IOException {
            CliEnvironment env = DeskBridgeCli.environment(spec);
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            String command = "deskbridge links " + spec.name();
            try (LoadedConfig loaded = LoadedConfig.load(env, config, null, err)) {
                if (!loaded.result.valid()) {
                    err.println(command + ": the configuration has problems; fix them first (deskbridge config validate "
                            + config + "):");
                    loaded.result.problems().forEach(p -> err.println("  " + p));
                    return 2;
                }
                DeskBridgeConfig cfg = loaded.result.orThrow();
                StoreOptions options = new StoreOptions();
                options.config = config;
                try (Database db = options.openExisting(env)) {
                    return work.run(new ChatLinks(db, LinkChannel.all(cfg.channels(), env.clock()), env.clock()), out);
                }
            } catch (IllegalArgumentException e) {
                err.println(command + ": " + e.getMessage());
                return 2;
            } catch (NoSuchElementException e) {
                err.println(command + ": " + e.getMessage());
                return 3;
            } catch (ConnectorException e) {
                err.println(command + ": Meta refused or could not be reached: " + e.getMessage());
                return 1;
            } finally {
                out.flush();
            }
        }
    }

    @FunctionalInterface
    interface LinkWork {
        int run(ChatLinks links, PrintWriter out) throws IOException;
    }

    @Command(name = "create", mixinStandardHelpOptions = true,
            description = "Creates a link to a channel's number; with --qr also Meta's QR code and short link.",
            exitCodeListHeading = "%nExit codes:%n",
            exitCodeList = {"0:created", "1:Meta refused or could not be reached (nothing is kept)",
                "2:bad arguments or configuration"})
    static final class Create extends LinkCommand {
        @Option(names = "--channel", required = true, paramLabel = "ID", description = "The channel whose number it opens.")
        String channel;

        @Option(names = "--name", required = true, description = "What you call it, e.g. \"Spring poster\".")
        String name;

        @Option(names = "--source", required = true,
                description = "Where it is placed, a tag: poster, receipt, product-page, website...")
        String source;

        @Option(names = "--message", required = true, description = "The text the customer finds prefilled.")
        String message;

        @Option(names = "--qr", description = "Also create Meta's QR code and short link (whatsapp-cloud channels).")
        boolean qr;

        @Override
        public Integer call() throws IOException {
            return withLinks((links, out) -> {
                print(out, links.create(channel, name, source, message, qr));
                return 0;
            });
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "Lists the links (newest first); --at-meta lists the QR codes Meta has for a channel.")
    static final class ListLinks extends LinkCommand {
        @Option(names = "--deleted", description = "Include deleted links.")
        boolean deleted;

        @Option(names = "--at-meta", paramLabel = "CHANNEL",
                description = "List the QR codes Meta has for this channel's number instead.")
        String atMeta;

        @Override
        public Integer call() throws IOException {
            return withLinks((links, out) -> {
                if (atMeta != null) {
                    List<String> known = links.list(true).stream().flatMap(l -> l.metaCode().stream()).toList();
                    TextTable table = new TextTable("meta code", "short link", "prefilled message", "deskbridge");
                    for (MetaQrCodes.QrCode q : links.atMeta(atMeta)) {
                        table.row(q.code(), q.shortLink(), q.prefilledMessage(), known.contains(q.code()) ? "yes" : "no");
                    }
                    out.print(table.render());
                    return 0;
                }
                TextTable table = new TextTable("code", "name", "source", "channel", "QR code", "link");
                for (ChatLink l : links.list(deleted)) {
                    table.row(l.code(), l.name() + (l.deleted() ? " (deleted)" : ""), l.source(), l.channelId(),
                            l.metaCode().orElse("-"), l.metaShortLink().orElse(l.waMeUrl()));
                }
                out.print(table.render());
                return 0;
            });
        }
    }

    @Command(name = "update", mixinStandardHelpOptions = true,
            description = "Changes a link's name, source or prefilled message (also at Meta for a QR code).")
    static final class Update extends LinkCommand {
        @Parameters(index = "0", paramLabel = "CODE", description = "The link's code.")
        String code;

        @Option(names = "--name", description = "A new name.")
        String name;

        @Option(names = "--source", description = "A new source tag.")
        String source;

        @Option(names = "--message", description = "A new prefilled message.")
        String message;

        @Override
        public Integer call() throws IOException {
            return withLinks((links, out) -> {
                print(out, links.update(code, Optional.ofNullable(name), Optional.ofNullable(source),
                        Optional.ofNullable(message)));
                return 0;
            });
        }
    }

    @Command(name = "delete", mixinStandardHelpOptions = true,
            description = "Deletes a link: Meta's QR code and short link stop working; conversations keep its name.")
    static final class Delete extends LinkCommand {
        @Parameters(index = "0", paramLabel = "CODE", description = "The link's code.")
        String code;

        @Override
        public Integer call() throws IOException {
            return withLinks((links, out) -> {
                ChatLink deleted = links.delete(code);
                out.println("Deleted link " + deleted.code() + " (" + LogSafe.printable(deleted.name()) + ")"
                        + (deleted.metaCode().isPresent() ? "; its QR code and short link no longer work" : ""));
                return 0;
            });
        }
    }

    @Command(name = "qr", mixinStandardHelpOptions = true,
            description = "Downloads a link's QR code image, rendered by Meta, as PNG or SVG.")
    static final class Qr extends LinkCommand {
        @Parameters(index = "0", paramLabel = "CODE", description = "The link's code.")
        String code;

        @Option(names = "--format", defaultValue = "png", description = "png or svg (default: ${DEFAULT-VALUE}).")
        String format;

        @Option(names = "--out", required = true, paramLabel = "FILE", description = "Where to write the image.")
        Path outFile;

        @Override
        public Integer call() throws IOException {
            return withLinks((links, out) -> {
                QrImage image = links.qrImage(code, format);
                Files.write(outFile, image.bytes());
                out.println("Wrote " + outFile + " (" + image.mediaType() + ", " + image.bytes().length
                        + " bytes)");
                return 0;
            });
        }
    }

    /** A link as stored; its name and Meta's short link are escaped, as in a table, for the terminal's sake. */
    static void print(PrintWriter out, ChatLink link) {
        out.println("Link " + link.code() + ": " + LogSafe.printable(link.name()) + " (" + link.source()
                + ") on channel " + link.channelId());
        out.println("  wa.me link:  " + link.waMeUrl());
        link.metaShortLink().ifPresent(s -> out.println("  short link:  " + LogSafe.printable(s) + " (QR code "
                + LogSafe.printable(link.metaCode().get())
                + "; image: deskbridge links qr " + link.code() + " --config FILE --out qr.png)"));
        out.println("  website button: <script src=\"PUBLIC_BASE_URL/widget.js\" data-link=\"" + link.code()
                + "\" defer></script>");
    }
}
