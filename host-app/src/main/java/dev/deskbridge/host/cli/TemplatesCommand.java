package dev.deskbridge.host.cli;

import dev.deskbridge.connector.api.ChannelSession;
import dev.deskbridge.connector.api.MessagingChannel;
import dev.deskbridge.host.config.ConnectorInstance;
import dev.deskbridge.host.config.DeskBridgeConfig;
import dev.deskbridge.host.plugins.HostConnectorContext;
import dev.deskbridge.host.plugins.NoConversationLookup;
import dev.deskbridge.host.reports.TextTable;
import dev.deskbridge.host.store.BadRecordSink;
import dev.deskbridge.host.store.Database;
import dev.deskbridge.host.templates.CatalogueTemplate;
import dev.deskbridge.host.templates.RouteTemplates;
import dev.deskbridge.host.templates.TemplateCatalogue;
import dev.deskbridge.host.templates.TemplateSync;
import dev.deskbridge.host.templates.TemplateViews;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.ToIntFunction;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code deskbridge templates list|show|sync}: the template catalogue synced from each channel's provider. */
@Command(name = "templates", mixinStandardHelpOptions = true,
        description = "Lists, shows and syncs the template catalogue (Meta's message templates, Twilio's Content).",
        subcommands = {TemplatesCommand.ListCommand.class, TemplatesCommand.ShowCommand.class,
            TemplatesCommand.SyncCommand.class})
public final class TemplatesCommand extends GroupCommand {

    static int withCatalogue(CommandLine.Model.CommandSpec spec, StoreOptions options,
            ToIntFunction<TemplateCatalogue> work) {
        PrintWriter err = spec.commandLine().getErr();
        Database db;
        try {
            db = options.openExisting(DeskBridgeCli.environment(spec));
        } catch (RuntimeException e) {
            err.println(e instanceof IllegalArgumentException ? e.getMessage() : "cannot open the database: " + e.getMessage());
            return 2;
        }
        try (db) {
            return work.applyAsInt(new TemplateCatalogue(db));
        }
    }

    /** {@code templates list}. */
    @Command(name = "list", mixinStandardHelpOptions = true, description = "Lists the catalogue, by channel, name and language.")
    static final class ListCommand implements Callable<Integer> {
        @Spec
        CommandLine.Model.CommandSpec spec;

        @Mixin
        StoreOptions store;

        @Option(names = "--channel", paramLabel = "ID", description = "Only this channel's templates.")
        String channel;

        @Override
        public Integer call() {
            return withCatalogue(spec, store, catalogue -> {
                PrintWriter out = spec.commandLine().getOut();
                List<CatalogueTemplate> list = catalogue.list(Optional.ofNullable(channel));
                if (list.isEmpty()) {
                    out.println("no templates" + (channel == null ? "" : " on channel " + channel)
                            + "; sync with: deskbridge templates sync --config FILE");
                    out.flush();
                    return 0;
                }
                TextTable table = new TextTable("CHANNEL", "NAME", "LANGUAGE", "STATUS", "CATEGORY", "PARAMETERS",
                        "SYNCED");
                for (CatalogueTemplate t : list) {
                    table.row(t.channelId(), t.name(), t.language(), t.status().name(),
                            t.category().map(Enum::name).orElse("-"), parameters(t), t.syncedAt().toString()
                                    .substring(0, 19));
                }
                out.print(table.render());
                out.flush();
                return 0;
            });
        }
    }

    /** {@code templates show NAME}. */
    @Command(name = "show", mixinStandardHelpOptions = true,
            description = "Shows a template: status, category, parameters, header, buttons and Meta's components.")
    static final class ShowCommand implements Callable<Integer> {
        @Spec
        CommandLine.Model.CommandSpec spec;

        @Mixin
        StoreOptions store;

        @Parameters(paramLabel = "NAME", description = "The template's name (or Twilio Content SID).")
        String name;

        @Option(names = "--channel", paramLabel = "ID", description = "The channel, when several have the name.")
        String channel;

        @Option(names = "--language", paramLabel = "CODE", description = "The language, when there are several.")
        String language;

        @Override
        public Integer call() {
            return withCatalogue(spec, store, catalogue -> {
                PrintWriter out = spec.commandLine().getOut();
                List<CatalogueTemplate> found = catalogue.list(Optional.ofNullable(channel)).stream()
                        .filter(t -> t.name().equals(name) || t.definition().providerId().equals(name))
                        .filter(t -> language == null || t.language().equals(language)).toList();
                if (found.isEmpty()) {
                    spec.commandLine().getErr().println("no template '" + name + "'"
                            + (language == null ? "" : " in " + language) + (channel == null ? "" : " on channel " + channel)
                            + " in the catalogue");
                    return 1;
                }
                for (CatalogueTemplate t : found) {
                    out.println(TemplateViews.json(t, true).toPrettyString());
                }
                out.flush();
                return 0;
            });
        }
    }

    /** {@code templates sync}. */
    @Command(name = "sync", mixinStandardHelpOptions = true,
            description = "Reads every channel's templates from its provider into the catalogue now.",
            exitCodeListHeading = "%nExit codes:%n",
            exitCodeList = {"0:every channel synced", "1:a provider could not be read", "2:invalid configuration"})
    static final class SyncCommand implements Callable<Integer> {
        @Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = "--config", required = true, paramLabel = "FILE", description = "the configuration file")
        Path config;

        @Option(names = "--channel", paramLabel = "ID", description = "Only this channel.")
        String channel;

        @Override
        public Integer call() throws IOException {
            CliEnvironment env = DeskBridgeCli.environment(spec);
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            try (LoadedConfig loaded = LoadedConfig.load(env, config, null, err)) {
                if (!loaded.result.valid()) {
                    err.println(config + " has problems:");
                    loaded.result.problems().forEach(p -> err.println("  " + p));
                    return 2;
                }
                DeskBridgeConfig cfg = loaded.result.orThrow();
                if (channel != null && cfg.channel(channel).isEmpty()) {
                    err.println("no channel '" + channel + "' in " + config);
                    return 2;
                }
                Map<String, ChannelSession> sessions = new LinkedHashMap<>();
                try (Database db = Database.open(cfg.database(), 2)) {
                    for (ConnectorInstance c : cfg.channels()) {
                        if (channel == null || channel.equals(c.id())) {
                            MessagingChannel connector = loaded.registry.channel(c.type()).orElseThrow();
                            sessions.put(c.id(), connector.open(HostConnectorContext.of(c.id(),
                                    c.settings(connector.configSpec()), env.clock(), new SimpleMeterRegistry(),
                                    NoConversationLookup.INSTANCE, BadRecordSink.logging())));
                        }
                    }
                    TemplateCatalogue catalogue = new TemplateCatalogue(db);
                    TemplateSync sync = new TemplateSync(catalogue, sessions, Clock.systemUTC());
                    if (sync.channelsWithCatalogue().isEmpty()) {
                        out.println("no channel has a template catalogue (a whatsapp-cloud channel needs waba_id)");
                        out.flush();
                        return 0;
                    }
                    boolean failed = false;
                    for (TemplateSync.Outcome o : sync.syncAll()) {
                        out.println("  " + o.channelId() + ": " + o.message());
                        failed |= !o.synced();
                    }
                    RouteTemplates.Result routes = db.inTransaction(c -> RouteTemplates.check(c, catalogue, cfg.routes()));
                    routes.problems().forEach(p -> err.println("  " + p));
                    routes.notes().forEach(n -> out.println("  " + n));
                    out.flush();
                    return failed ? 1 : routes.problems().isEmpty() ? 0 : 2;
                } finally {
                    sessions.values().forEach(ChannelSession::close);
                }
            }
        }
    }

    static String parameters(CatalogueTemplate t) {
        var d = t.definition();
        String body = d.bodyParameters().isEmpty() ? "-" : d.parameterFormat().name().toLowerCase(Locale.ROOT).charAt(0)
                + ":" + String.join(",", d.bodyParameters());
        return body + d.header().map(h -> " +" + h.name().toLowerCase(Locale.ROOT)).orElse("")
                + (d.buttons().stream().anyMatch(b -> b.takesParameter()) ? " +buttons" : "");
    }
}
