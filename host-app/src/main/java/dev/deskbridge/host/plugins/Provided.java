package dev.deskbridge.host.plugins;

import java.util.Objects;

/**
 * A loaded connector with where it came from.
 *
 * @param type its type name
 * @param connector the extension instance ({@code CrmConnector} or {@code MessagingChannel})
 * @param source the plugin file or {@code host} for a built-in, for messages
 * @param <T> the extension point
 */
public record Provided<T>(String type, T connector, String source) {
    public Provided {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(connector, "connector");
        Objects.requireNonNull(source, "source");
    }
}
