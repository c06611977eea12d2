package dev.deskbridge.host.config;

import com.fasterxml.jackson.databind.JsonNode;
import dev.deskbridge.connector.api.config.ConfigProblem;
import dev.deskbridge.connector.api.pricing.Money;
import dev.deskbridge.host.config.answering.Answering;
import dev.deskbridge.host.config.answering.AnsweringReader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads {@code routes:} onto {@link RouteConfig}s. A route's own sections (its template, its
 * budget) are read by their own classes; a new one is a key in {@link #STRUCTURED} and a call.
 */
final class RoutesSection {
    /** Keys of a route holding a mapping or list, read by their own section classes. */
    private static final Set<String> STRUCTURED = Set.of("reengage_template", "monthly_budget", "opt_out", "hours",
            "auto_replies", "response_target");

    /** One route as bound; a component is null when absent or already reported. */
    record Fields(String channel, String crm, String policy, Boolean readReceipts) {}

    private RoutesSection() {}

    /**
     * @param channelIds the ids of the configured channels, as written
     * @param crmIds the ids of the configured CRMs, as written
     */
    static List<RouteConfig> read(JsonNode node, Set<String> channelIds, Set<String> crmIds, ConfigContext ctx) {
        List<RouteConfig> out = new ArrayList<>();
        if (node == null || node.isNull()) {
            return out;
        }
        if (!node.isArray()) {
            ctx.problem("routes", "must be a list of routes");
            return out;
        }
        Map<String, String> routeOfChannel = new HashMap<>();
        for (int i = 0; i < node.size(); i++) {
            String at = Paths.index("routes", i);
            JsonNode entry = node.get(i);
            if (!entry.isObject()) {
                ctx.problem(at, "must be a mapping with channel, crm and policy");
                continue;
            }
            Bound<Fields> s = ctx.bind(entry, at, HostSettings.ROUTE, STRUCTURED, Fields.class);
            boolean ok = s.valid();
            String channel = s.fields().channel();
            if (channel != null && !channelIds.contains(channel)) {
                ctx.problem(Paths.child(at, "channel"), "no channel with id '" + channel + "'");
                ok = false;
            } else if (channel != null && routeOfChannel.containsKey(channel)) {
                ctx.problem(Paths.child(at, "channel"), "channel '" + channel + "' already has a route ("
                        + routeOfChannel.get(channel) + "); a channel's conversations go to one CRM");
                ok = false;
            } else if (channel != null) {
                routeOfChannel.put(channel, at);
            }
            String crm = s.fields().crm();
            if (crm != null && !crmIds.contains(crm)) {
                ctx.problem(Paths.child(at, "crm"), "no crm with id '" + crm + "'");
                ok = false;
            }
            ReplyPolicy policy = null;
            String name = s.fields().policy();
            if (name != null) {
                policy = ReplyPolicy.fromConfig(name).orElse(null);
                if (policy == null) {
                    ctx.problem(Paths.child(at, "policy"), "must be hold-and-reengage or refuse, got '" + name + "'");
                    ok = false;
                }
            }
            String templatePath = Paths.child(at, "reengage_template");
            JsonNode templateNode = ConfigContext.child(entry, "reengage_template");
            ReengageTemplate template = null;
            if (templateNode == null) {
                if (policy == ReplyPolicy.HOLD_AND_REENGAGE) {
                    ctx.problem(templatePath, "required when policy is hold-and-reengage");
                    ok = false;
                }
            } else {
                template = ReengageTemplateSection.read(templateNode, templatePath, ctx);
                ok &= template != null;
            }
            JsonNode budgetNode = ConfigContext.child(entry, "monthly_budget");
            Money budget = null;
            if (budgetNode != null) {
                budget = BudgetSection.read(budgetNode, Paths.child(at, "monthly_budget"), ctx);
                ok &= budget != null;
            }
            List<ConfigProblem> optOutProblems = new ArrayList<>();
            ConsentConfig optOut = ConsentConfig.read(ConfigContext.child(entry, "opt_out"), Paths.child(at, "opt_out"),
                    optOutProblems);
            optOutProblems.forEach(p -> ctx.problem(p.path(), p.message()));
            // hours, auto_replies and response_target: their own records and reader (config.answering).
            Optional<Answering> answering = AnsweringReader.read(entry, at, p -> ctx.problem(p.path(), p.message()));
            if (ok && optOutProblems.isEmpty() && answering.isPresent()) {
                out.add(new RouteConfig(channel, crm, policy, Optional.ofNullable(template), Optional.ofNullable(budget),
                        Boolean.TRUE.equals(s.fields().readReceipts()), optOut, answering.get()));
            }
        }
        return out;
    }
}
