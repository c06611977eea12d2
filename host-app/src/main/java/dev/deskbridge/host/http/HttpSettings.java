package dev.deskbridge.host.http;

import java.util.Objects;

/**
 * The webhook server's address and limits.
 *
 * @param bind the address to listen on ({@code 127.0.0.1} by default)
 * @param port the port; 0 picks a free one
 * @param maxBodyBytes larger request bodies are refused with 413
 * @param publicBaseUrl the URL providers call, without a trailing slash; webhook URLs are this plus the path
 */
public record HttpSettings(String bind, int port, long maxBodyBytes, String publicBaseUrl) {
    public HttpSettings {
        Objects.requireNonNull(bind, "bind");
        Objects.requireNonNull(publicBaseUrl, "publicBaseUrl");
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("host.http.port must be 0..65535, got " + port);
        }
        if (maxBodyBytes < 1) {
            throw new IllegalArgumentException("host.http.max_body_bytes must be positive, got " + maxBodyBytes);
        }
        while (publicBaseUrl.endsWith("/")) {
            publicBaseUrl = publicBaseUrl.substring(0, publicBaseUrl.length() - 1);
        }
    }

    /** Loopback on a free port with a 1 MiB body limit; the public URL is the loopback address. */
    public static HttpSettings loopback(String publicBaseUrl) {
        return new HttpSettings("127.0.0.1", 0, 1_048_576, publicBaseUrl);
    }
}
