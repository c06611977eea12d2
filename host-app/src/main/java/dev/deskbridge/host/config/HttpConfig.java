package dev.deskbridge.host.config;

import java.util.Objects;

/**
 * The HTTP server of webhooks and the admin API ({@code host.http}).
 *
 * @param bind the address listened on
 * @param port the TCP port; 0 picks a free one
 * @param maxBodyBytes the largest request body accepted
 */
public record HttpConfig(String bind, int port, long maxBodyBytes) {
    public HttpConfig {
        Objects.requireNonNull(bind, "bind");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0..65535");
        }
        if (maxBodyBytes < 1) {
            throw new IllegalArgumentException("maxBodyBytes must be positive");
        }
    }
}
