package dev.deskbridge.host.engine;

import dev.deskbridge.host.config.RouteConfig;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** The configured routes; a channel carries its conversations to exactly one CRM. */
public final class Routes {
    private final List<RouteConfig> routes;

    public Routes(List<RouteConfig> routes) {
        this.routes = List.copyOf(Objects.requireNonNull(routes, "routes"));
        for (int i = 0; i < this.routes.size(); i++) {
            for (int j = i + 1; j < this.routes.size(); j++) {
                if (this.routes.get(i).channel().equals(this.routes.get(j).channel())) {
                    throw new IllegalArgumentException("routes[" + j + "].channel: channel '"
                            + this.routes.get(j).channel() + "' is already routed by routes[" + i + "]");
                }
            }
        }
    }

    public Optional<RouteConfig> byChannel(String channelId) {
        return routes.stream().filter(r -> r.channel().equals(channelId)).findFirst();
    }

    /** The route of a conversation; the channel decides, the CRM must match. */
    public Optional<RouteConfig> of(String channelId, String crmId) {
        return byChannel(channelId).filter(r -> r.crm().equals(crmId));
    }

    public List<RouteConfig> all() {
        return routes;
    }
}
