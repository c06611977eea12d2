package dev.deskbridge.host.engine;

import java.util.Objects;
import java.util.Optional;

/**
 * The route a caller names for a send the business starts: its CRM (the API's {@code route}), its
 * channel, both, or neither (the host's only route). {@link RouteChoice} finds the route.
 */
public record RouteName(Optional<String> crm, Optional<String> channel) {
    /** Nothing named: the host's only route. */
    public static final RouteName NONE = new RouteName(Optional.empty(), Optional.empty());

    public RouteName {
        Objects.requireNonNull(crm, "crm");
        Objects.requireNonNull(channel, "channel");
    }
}
