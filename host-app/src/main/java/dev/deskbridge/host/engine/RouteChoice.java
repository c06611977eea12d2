package dev.deskbridge.host.engine;

import dev.deskbridge.connector.api.model.PhoneNumber;
import dev.deskbridge.host.config.RouteConfig;
import dev.deskbridge.host.logging.LogSafe;
import dev.deskbridge.host.store.Conversation;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Which route a send the business starts goes on. A channel named decides (a CRM named beside it
 * must be the one it is routed to); a CRM named decides when one channel is routed to it. Several
 * channels routed to one CRM are several business numbers: for a send to one customer, the one the
 * customer already has a conversation on decides when there is exactly one; otherwise the caller
 * names the channel, and the refusal lists them.
 */
public final class RouteChoice {
    /** Whether the customer's conversation on a route is one this send may continue. */
    @FunctionalInterface
    public interface Fits {
        boolean test(Connection c, RouteConfig route, Conversation conversation) throws SQLException;
    }

    /** Any conversation with the customer. */
    public static final Fits ANY_CONVERSATION = (c, route, conversation) -> true;

    private final EngineContext ctx;

    RouteChoice(EngineContext ctx) {
        this.ctx = Objects.requireNonNull(ctx, "ctx");
    }

    /**
     * The route named, for a send to many customers (a campaign): a CRM with several channels needs
     * its channel named.
     *
     * @throws SendRefusedException when no route, or not exactly one, answers the name
     */
    public RouteConfig of(RouteName name) {
        List<RouteConfig> candidates = candidates(name);
        if (candidates.size() > 1) {
            throw ambiguous(candidates, "");
        }
        return candidates.get(0);
    }

    /**
     * The route named, for a send to one customer: among several channels routed to the named CRM,
     * the only one with a conversation with this customer that {@code fits}.
     *
     * @throws SendRefusedException when no route, or not exactly one, answers the name
     */
    public RouteConfig of(Connection c, RouteName name, PhoneNumber customer, Fits fits) throws SQLException {
        List<RouteConfig> candidates = candidates(name);
        if (candidates.size() == 1) {
            return candidates.get(0);
        }
        List<RouteConfig> talking = new ArrayList<>();
        for (RouteConfig route : candidates) {
            Optional<PhoneNumber> business = ctx.sessions().channel(route.channel()).businessNumber();
            Optional<Conversation> conversation = business.isEmpty() ? Optional.empty()
                    : ctx.conversations().findByParties(c, business.get(), customer, false);
            if (conversation.isPresent() && conversation.get().channelId().equals(route.channel())
                    && conversation.get().crmId().equals(route.crm()) && fits.test(c, route, conversation.get())) {
                talking.add(route);
            }
        }
        if (talking.size() == 1) {
            return talking.get(0);
        }
        throw ambiguous(candidates, talking.isEmpty() ? " and this customer has a conversation on none of them"
                : " and this customer has conversations on " + channels(talking));
    }

    /** The routes the name allows: exactly one, or the several channels of the named CRM. */
    private List<RouteConfig> candidates(RouteName name) {
        if (name.channel().isPresent()) {
            String channel = name.channel().get();
            RouteConfig route = ctx.routes().byChannel(channel).orElseThrow(() -> new SendRefusedException(
                    "unknown_channel", 422, "channel: no route carries a channel '" + LogSafe.text(channel, 40) + "'"));
            if (name.crm().isPresent() && !name.crm().get().equals(route.crm())) {
                throw new SendRefusedException("channel_route_mismatch", 422, "channel: '" + channel
                        + "' is routed to crm '" + route.crm() + "', not to '" + LogSafe.text(name.crm().get(), 40)
                        + "' named in 'route'");
            }
            return List.of(route);
        }
        List<RouteConfig> all = ctx.routes().all();
        if (name.crm().isEmpty()) {
            if (all.size() != 1) {
                throw new SendRefusedException("route_required", 422, "this host has " + all.size()
                        + " routes: name the CRM in 'route' or the channel in 'channel'");
            }
            return all;
        }
        List<RouteConfig> matching = all.stream().filter(r -> r.crm().equals(name.crm().get())).toList();
        if (matching.isEmpty()) {
            throw new SendRefusedException("unknown_route", 422, "no route goes to crm '" + name.crm().get() + "'");
        }
        return matching;
    }

    private static SendRefusedException ambiguous(List<RouteConfig> routes, String customer) {
        return new SendRefusedException("route_ambiguous", 422, "several channels are routed to crm '"
                + routes.get(0).crm() + "'" + customer + ": give \"channel\": one of " + channels(routes));
    }

    private static String channels(List<RouteConfig> routes) {
        return routes.stream().map(RouteConfig::channel).sorted().collect(Collectors.joining(", "));
    }
}
