package dev.deskbridge.host.runtime;

import dev.deskbridge.host.config.HttpConfig;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/**
 * Whether the HTTP server will be able to listen, asked before anything else starts: the server
 * binds last, after the engine's workers, which would otherwise act on the queues for a moment in a
 * host that then fails to start.
 */
final class ListenCheck {
    private ListenCheck() {}

    /** @throws IllegalStateException naming the settings and the cause when the address cannot be listened on */
    static void bindable(HttpConfig http) {
        if (http.port() == 0) {
            return; // any free port: nothing to check
        }
        InetSocketAddress address = new InetSocketAddress(http.bind(), http.port());
        if (address.isUnresolved()) {
            throw new IllegalStateException("cannot listen on host.http.bind '" + http.bind()
                    + "': not an address of this machine or a name it can resolve");
        }
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(address);
        } catch (IOException e) {
            throw new IllegalStateException("cannot listen on " + http.bind() + ":" + http.port()
                    + " (host.http.bind, host.http.port): " + e.getMessage(), e);
        }
    }
}
