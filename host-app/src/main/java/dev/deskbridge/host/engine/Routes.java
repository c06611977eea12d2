package dev.deskbridge.host.engine;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** The configured routes; a channel carries its conversations to exactly one CRM. */
public final class Routes {
    private final List<Route> routes;

    public Routes(List<Route> routes) {
        this.routes = List.copyOf(Objects.requireNonNull(routes, "routes"));
        for (int i = 0; i < this.routes.size(); i++) {
            for (int j = i + 1; j < this.routes.size(); j++) {
                if (this.routes.get(i).channelId().equals(this.routes.get(j).channelId())) {
                    throw new IllegalArgumentException("routes[" + j + "].channel: channel '"
                            + this.routes.get(j).channelId() + "' is already routed by routes[" + i + "]");
                }
            }
        }
    }

    public Optional<Route> byChannel(String channelId) {
        return routes.stream().filter(r -> r.channelId().equals(channelId)).findFirst();
    }

    /** The route of a conversation; the channel decides, the CRM must match. */
    public Optional<Route> of(String channelId, String crmId) {
        return byChannel(channelId).filter(r -> r.crmId().equals(crmId));
    }

    public List<Route> all() {
        return routes;
    }
}
