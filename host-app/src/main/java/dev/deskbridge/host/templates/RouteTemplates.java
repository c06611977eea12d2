package dev.deskbridge.host.templates;

import dev.deskbridge.connector.api.config.ConfigProblem;
import dev.deskbridge.connector.api.template.TemplateStatus;
import dev.deskbridge.host.config.ReengageTemplate;
import dev.deskbridge.host.config.RouteConfig;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Checks each route's re-engagement template against its channel's catalogue: missing, paused,
 * rejected or otherwise not approved is a configuration problem at the template's path. A channel
 * whose catalogue was never synced cannot be judged: its routes are listed as unchecked, and are
 * checked after each sync.
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
            if (route.reengageTemplate().isEmpty()) {
                continue;
            }
            ReengageTemplate t = route.reengageTemplate().get();
            String at = "routes[" + i + "].reengage_template";
            if (catalogue.lastSync(c, route.channel()).isEmpty()) {
                unchecked.add(at + ": not checked yet; the template catalogue of channel '" + route.channel()
                        + "' has not been synced (it is checked after the first sync)");
                continue;
            }
            Optional<CatalogueTemplate> found = catalogue.find(c, route.channel(), t.name(), t.language());
            if (found.isEmpty()) {
                List<CatalogueTemplate> other = catalogue.findByName(c, route.channel(), t.name());
                problems.add(new ConfigProblem(at + ".name", "channel '" + route.channel() + "' has no template '"
                        + t.name() + "' in " + t.language() + (other.isEmpty() ? "" : " (it has it in "
                        + String.join(", ", other.stream().map(CatalogueTemplate::language).toList()) + ")")));
                continue;
            }
            CatalogueTemplate template = found.get();
            if (template.status() != TemplateStatus.APPROVED) {
                problems.add(new ConfigProblem(at + ".name", "template '" + t.name() + "' (" + t.language() + ") is "
                        + template.status().name().toLowerCase(Locale.ROOT) + template.statusReason()
                                .map(r -> " (" + r + ")").orElse("") + "; only an approved template can be sent"));
                continue;
            }
            template.category().filter(cat -> cat != t.category()).ifPresent(cat -> notes.add(at + ".category: "
                    + t.category().wireName() + " in the configuration, " + cat.wireName()
                    + " in the catalogue; the catalogue's is quoted"));
        }
        return new Result(problems, unchecked, notes);
    }
}
