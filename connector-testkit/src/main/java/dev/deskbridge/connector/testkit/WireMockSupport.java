package dev.deskbridge.connector.testkit;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.util.List;

/** Starts WireMock servers on a free loopback port, and reads what they received. */
public final class WireMockSupport {
    private WireMockSupport() {}

    /** A started server on a free port of 127.0.0.1; stop it after the test. */
    public static WireMockServer startLoopback() {
        return startLoopback(0);
    }

    /**
     * A started server on the given port of 127.0.0.1 (0: a free one), for a peer whose URL is fixed
     * before the test starts (a configuration file, a recorded webhook); stop it after the test.
     */
    public static WireMockServer startLoopback(int port) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0 (any free port) to 65535, was " + port);
        }
        WireMockConfiguration options = WireMockConfiguration.options().bindAddress("127.0.0.1");
        WireMockServer server = new WireMockServer(port == 0 ? options.dynamicPort() : options.port(port));
        server.start();
        return server;
    }

    /** The base URL of a started server, without a trailing slash. */
    public static String baseUrl(WireMockServer server) {
        return "http://127.0.0.1:" + server.port();
    }

    /** Every request the server received, oldest first. */
    public static List<LoggedRequest> received(WireMockServer server) {
        return server.findAll(com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor(
                com.github.tomakehurst.wiremock.client.WireMock.anyUrl()));
    }
}
