package dev.deskbridge.host.templates;

import dev.deskbridge.connector.api.config.ConfigProblem;
import dev.deskbridge.connector.api.model.OutboundMessage;
import dev.deskbridge.connector.api.pricing.TemplateCategory;
import dev.deskbridge.connector.api.template.TemplateStatus;
import dev.deskbridge.host.config.RouteConfig;
import dev.deskbridge.host.config.answering.ConfiguredAnswers;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Checks the templates each route names (its re-engagement template, its automatic answers') against
 * its channel's catalogue: missing, paused, rejected or otherwise not approved is a configuration
 * problem at the template's path. A channel whose catalogue was never synced cannot be judged: its
 * routes' templates are listed as unchecked, and are checked after each sync.
 */
public final class RouteTemplates {
    private RouteTemplates() {}

    /**
     * What the check found.
     *
     * @param problems configuration problems, with their paths
     * @param unchecked paths whose channel has no synced catalogue yet, with why
     * @param notes what is worth saying but is no problem (a category that changed since the configuration)
     */
    public record Result(List<ConfigProblem> problems, List<String> unchecked, List<String> notes) {
        public Result {
            problems = List.copyOf(problems);
            unchecked = List.copyOf(unchecked);
            notes = List.copyOf(notes);
        }
    }

    public static Result check(Connection c, TemplateCatalogue catalogue, List<RouteConfig> routes) throws SQLException {
        List<ConfigProblem> problems = new ArrayList<>();
        List<String> unchecked = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        for (int i = 0; i < routes.size(); i++) {
            RouteConfig route = routes.get(i);
            for (Configured t : configured(route, "routes[" + i + "]")) {
                if (catalogue.lastSync(c, route.channel()).isEmpty()) {
                    unchecked.add(t.at() + ": not checked yet; the template catalogue of channel '" + route.channel()
                            + "' has not been synced (it is checked after the first sync)");
                    continue;
                }
                check(c, catalogue, route.channel(), t, problems, notes);
            }
        }
        return new Result(problems, unchecked, notes);
    }

    private static void check(Connection c, TemplateCatalogue catalogue, String channel, Configured t,
            List<ConfigProblem> problems, List<String> notes) throws SQLException {
        Optional<CatalogueTemplate> found = catalogue.find(c, channel, t.name(), t.language());
        if (found.isEmpty()) {
            List<CatalogueTemplate> other = catalogue.findByName(c, channel, t.name());
            problems.add(new ConfigProblem(t.at() + ".name", "channel '" + channel + "' has no template '"
                    + t.name() + "' in " + t.language() + (other.isEmpty() ? "" : " (it has it in "
                    + String.join(", ", other.stream().map(CatalogueTemplate::language).toList()) + ")")));
            return;
        }
        CatalogueTemplate template = found.get();
        if (template.status() != TemplateStatus.APPROVED) {
            problems.add(new ConfigProblem(t.at() + ".name", "template '" + t.name() + "' (" + t.language() + ") is "
                    + template.status().name().toLowerCase(Locale.ROOT) + template.statusReason()
                            .map(r -> " (" + r + ")").orElse("") + "; only an approved template can be sent"));
            return;
        }
        template.category().filter(cat -> cat != t.category()).ifPresent(cat -> notes.add(t.at() + ".category: "
                + t.category().wireName() + " in the configuration, " + cat.wireName()
                + " in the catalogue; the catalogue's is quoted"));
    }

    /** A template the route names, at its path ({@code routes[0].reengage_template}). */
    private record Configured(String at, String name, String language, TemplateCategory category) {
        Configured {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(language, "language");
            Objects.requireNonNull(category, "category");
        }
    }

    /** The route's re-engagement template, then its automatic answers' templates (the texts need no catalogue). */
    private static List<Configured> configured(RouteConfig route, String at) {
        List<Configured> out = new ArrayList<>();
        route.reengageTemplate().ifPresent(t -> out.add(new Configured(at + ".reengage_template", t.name(),
                t.language(), t.category())));
        route.answering().autoReplies().ifPresent(auto -> ConfiguredAnswers.each(auto, at,
                (path, reply) -> answer(out, path, reply)));
        return out;
    }

    private static void answer(List<Configured> out, String at, OutboundMessage reply) {
        if (reply instanceof OutboundMessage.Template t) {
            out.add(new Configured(at + ".template", t.name(), t.language(), t.category()));
        }
    }
}
